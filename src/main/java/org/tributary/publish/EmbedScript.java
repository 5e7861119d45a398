package org.tributary.publish;

/**
 * /embed.js: renders a Tributary JSON Feed into any element marked {@code data-tributary} on a host page. No
 * dependencies. Feed text only ever reaches the page through {@code textContent}, and a link only when it parses
 * as http(s): never innerHTML, so an item cannot add markup or script to the host page.
 */
final class EmbedScript {

    static final String PATH = "/embed.js";

    static final String JS = """
            /* Tributary embed: <div data-tributary data-topic="ID" data-type="Webinar" data-limit="5"></div>
               Renders with DOM APIs and textContent only; feed text is never parsed as HTML. */
            (function () {
              "use strict";
              var script = document.currentScript;
              var base = script && script.src ? new URL(script.src, document.baseURI) : new URL(document.baseURI);
              var PARAMS = ["topic", "type", "kind", "source", "limit"];

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
                return d.toLocaleDateString("en-GB", {day: "numeric", month: "long", year: "numeric", timeZone: "UTC"});
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
                while (host.firstChild) host.removeChild(host.firstChild);
                host.appendChild(list);
                host.setAttribute("data-tributary-loaded", String(list.children.length));
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
                  .catch(function () { host.setAttribute("data-tributary-error", "unavailable"); });
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
}
