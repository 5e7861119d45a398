package org.tributary.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * /embed.js: renders a Tributary JSON Feed into any element marked {@code data-tributary} on a host page. No
 * dependencies. Feed text only ever reaches the page through {@code textContent}, and a link only when it parses
 * as http(s): never innerHTML, so an item cannot add markup or script to the host page.
 *
 * <p>The script is rendered per site.language: its words ({@code embed.js.*} in the message files), the list's
 * {@code lang} and the locale and options its dates are written with come from {@link Messages} as one JSON object,
 * so the browser writes "11 juin 2019" for a French site as the pages do.
 */
final class EmbedScript {

    static final String PATH = "/embed.js";

    private static final String WORDS = "/*WORDS*/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String JS = """
            /* Tributary embed: <div data-tributary data-topic="ID" data-type="Webinar" data-limit="5"></div>
               Renders with DOM APIs and textContent only; feed text is never parsed as HTML. */
            (function () {
              "use strict";
              var script = document.currentScript;
              var base = script && script.src ? new URL(script.src, document.baseURI) : new URL(document.baseURI);
              var PARAMS = ["topic", "type", "kind", "source", "limit"];
              var WORDS = /*WORDS*/;

              function httpUrl(value) {
                try {
                  var url = new URL(value);
                  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
                } catch (e) {
                  return null;
                }
              }

              function displayDate(value) {
                var d = new Date(value);
                if (isNaN(d.getTime())) return "";
                return d.toLocaleDateString(WORDS.dateLocale, WORDS.dateOptions);
              }

              function element(name, className, text) {
                var el = document.createElement(name);
                if (className) el.className = className;
                if (text) el.textContent = text;
                return el;
              }

              function render(host, feed) {
                var list = element("ul", "tributary-items");
                (feed.items || []).forEach(function (item) {
                  var ours = item._tributary || {};
                  var li = element("li", "tributary-item");
                  var meta = [ours.type, displayDate(item.date_published)].filter(Boolean).join(" / ");
                  li.appendChild(element("span", "tributary-meta", meta));
                  li.appendChild(document.createTextNode(" "));
                  var href = httpUrl(item.url);
                  var title = element(href ? "a" : "span", "tributary-title", String(item.title || ""));
                  if (href) {
                    title.href = href;
                    title.rel = "noopener";
                  }
                  li.appendChild(title);
                  if (ours.source && ours.source.title) {
                    li.appendChild(document.createTextNode(" "));
                    li.appendChild(element("span", "tributary-source", String(ours.source.title)));
                  }
                  list.appendChild(li);
                });
                list.lang = WORDS.lang;
                clear(host);
                host.appendChild(list.children.length ? list : message("tributary-empty", WORDS.empty));
                host.setAttribute("data-tributary-loaded", String(list.children.length));
              }

              function clear(host) {
                while (host.firstChild) host.removeChild(host.firstChild);
              }

              function message(className, text) {
                var p = element("p", className, text);
                p.lang = WORDS.lang;
                return p;
              }

              function load(host) {
                // Beside the script, so a site under a path (https://library.example.org/news/embed.js) is asked there.
                var url = new URL("feed.json", base);
                PARAMS.forEach(function (name) {
                  var value = host.getAttribute("data-" + name);
                  if (value) value.split(",").forEach(function (v) { url.searchParams.append(name, v.trim()); });
                });
                if (!url.searchParams.has("limit")) url.searchParams.set("limit", "5");
                fetch(url.href, {credentials: "omit"})
                  .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
                  .then(function (feed) { render(host, feed); })
                  .catch(function () {
                    clear(host);
                    host.appendChild(message("tributary-unavailable", WORDS.unavailable));
                    host.setAttribute("data-tributary-error", "unavailable");
                  });
              }

              function start() {
                Array.prototype.forEach.call(document.querySelectorAll("[data-tributary]"), load);
              }

              if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
              else start();
            })();
            """;

    private EmbedScript() {
    }

    /** The script in the words and date format of {@code words}. */
    static String js(Messages words) {
        return js(words, java.time.ZoneOffset.UTC);
    }

    /** @param zone site.timezone: the script writes days in it, as the pages do */
    static String js(Messages words, java.time.ZoneId zone) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("lang", words.lang());
        config.put("dateLocale", words.dateLocale().toLanguageTag());
        // The JDK's FormatStyle.LONG, as Intl spells it: the pages and the script write a day the same way.
        // In a fixed order: the script's bytes (and so its ETag) must be the same in every run and on every node.
        Map<String, Object> dateOptions = new LinkedHashMap<>();
        dateOptions.put("day", "numeric");
        dateOptions.put("month", "long");
        dateOptions.put("year", "numeric");
        dateOptions.put("timeZone", zone.normalized() instanceof java.time.ZoneOffset offset && offset.getTotalSeconds() == 0
                ? "UTC" : zone.getId());
        config.put("dateOptions", dateOptions);
        config.put("empty", words.get("embed.js.empty"));
        config.put("unavailable", words.get("embed.js.unavailable"));
        try {
            return JS.replace(WORDS, JSON.writeValueAsString(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the embed script's words", e);
        }
    }
}
