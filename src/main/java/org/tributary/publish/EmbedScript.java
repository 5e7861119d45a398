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
              // <script data-theme="light|dark|auto">: the widget's own colours (embed.css) instead of the host's.
              var theme = script && script.hasAttribute("data-theme")
                ? script.getAttribute("data-theme").trim().toLowerCase() : null;
              if (theme !== null && ["light", "dark", "auto"].indexOf(theme) < 0) {
                console.warn("Tributary embed.js: data-theme='" + script.getAttribute("data-theme")
                  + "' is not a theme; use light, dark or auto. The list keeps the page's colours.");
                theme = null;
              }

              // The theme's colours are in embed.css: linked here unless the page links it already.
              function linkThemeStylesheet() {
                var href = new URL("assets/embed.css", base).href;
                var linked = Array.prototype.some.call(document.querySelectorAll("link[rel~=stylesheet]"),
                  function (link) { return link.href === href; });
                if (linked) return;
                var link = document.createElement("link");
                link.rel = "stylesheet";
                link.href = href;
                document.head.appendChild(link);
              }

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

              // The pages' own JDK patterns ("EEEE d MMMM yyyy", "h:mm a"), filled with the browser's names for the
              // day, the month and the half of the day in the pages' locale, at the wall clock of site.timezone.
              function fields(date, zone) {
                var out = {};
                new Intl.DateTimeFormat("en-US", {timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric",
                    day: "numeric", hour: "numeric", minute: "numeric"}).formatToParts(date)
                  .forEach(function (p) { if (p.type !== "literal") out[p.type] = Number(p.value) % (p.type === "hour" ? 24 : Infinity); });
                function part(options, type) {
                  options.timeZone = zone;
                  var found = new Intl.DateTimeFormat(WORDS.dateLocale, options).formatToParts(date)
                    .filter(function (p) { return p.type === type; })[0];
                  return found ? found.value : "";
                }
                out.weekdayName = part({weekday: "long"}, "weekday");
                out.monthName = part({day: "numeric", month: "long"}, "month");
                out.dayPeriod = part({hour: "numeric", hour12: true}, "dayPeriod");
                if (WORDS.lang.split("-")[0] === "en") out.dayPeriod = out.dayPeriod.toLowerCase();
                out.offset = Math.round((Date.UTC(out.year, out.month - 1, out.day, out.hour, out.minute)
                    - Math.floor(date.getTime() / 60000) * 60000) / 60000);
                return out;
              }

              function two(n) { return (n < 10 ? "0" : "") + n; }

              function pattern(text, date, zone) {
                var f = fields(date, zone), out = "", i = 0;
                while (i < text.length) {
                  var c = text.charAt(i);
                  if (c === "'") {
                    var close = text.indexOf("'", i + 1);
                    if (close < 0) close = text.length;
                    out += close === i + 1 ? "'" : text.substring(i + 1, close);
                    i = close + 1;
                    continue;
                  }
                  var n = 1;
                  while (/[A-Za-z]/.test(c) && text.charAt(i + n) === c) n++;
                  if (c === "E") out += f.weekdayName;
                  else if (c === "d") out += n > 1 ? two(f.day) : f.day;
                  else if (c === "M" || c === "L") out += n > 2 ? f.monthName : (n > 1 ? two(f.month) : f.month);
                  else if (c === "y" || c === "u") out += n === 2 ? two(f.year % 100) : f.year;
                  else if (c === "H") out += n > 1 ? two(f.hour) : f.hour;
                  else if (c === "h") { var h = f.hour % 12 || 12; out += n > 1 ? two(h) : h; }
                  else if (c === "m") out += two(f.minute);
                  else if (c === "a") out += f.dayPeriod;
                  else out += text.substring(i, i + n);
                  i += n;
                }
                return out;
              }

              // An event's days and times as the pages write them: a timed event on its day in site.timezone with
              // the zone's abbreviation, an all-day one on the days it was written for.
              function when(event) {
                var E = WORDS.event;
                if (event.all_day) {
                  var first = new Date(event.start + "T00:00:00Z");
                  if (isNaN(first.getTime())) return "";
                  var text = pattern(E.day, first, "UTC");
                  var last = event.end ? new Date(event.end + "T00:00:00Z") : first;
                  if (!isNaN(last.getTime()) && last.getTime() !== first.getTime()) text += " – " + pattern(E.day, last, "UTC");
                  return E.allDay.replace("{0}", text);
                }
                var start = new Date(event.start);
                if (isNaN(start.getTime())) return "";
                var end = event.end ? new Date(event.end) : null;
                if (end && isNaN(end.getTime())) end = null;
                var zone = E.timeZone;
                var day = pattern(E.day, start, zone);
                var out = day + ", ";
                if (!end) {
                  out += pattern(E.time, start, zone);
                } else if (pattern(E.day, end, zone) === day) {
                  var from = pattern(E.time, start, zone), to = pattern(E.time, end, zone);
                  // "7:00–8:00 pm": in English the half of the day is said once when both ends share it.
                  var half = fields(start, zone).dayPeriod;
                  if (E.sayHalfOnce && half && half === fields(end, zone).dayPeriod && from.slice(-half.length) === half) {
                    from = from.slice(0, -half.length).trim();
                  }
                  out += from + "–" + to;
                } else {
                  out += pattern(E.time, start, zone) + " – " + pattern(E.day, end, zone) + ", " + pattern(E.time, end, zone);
                }
                var name = E.zoneNames[String(fields(start, zone).offset)];
                if (!name) {
                  name = new Intl.DateTimeFormat(WORDS.dateLocale, {timeZone: zone, timeZoneName: "short"})
                    .formatToParts(start).filter(function (p) { return p.type === "timeZoneName"; })
                    .map(function (p) { return p.value; }).join("");
                }
                return out + (name ? " " + name : "");
              }

              function eventLine(event) {
                var line = element("span", "tributary-event");
                if (event.cancelled) {
                  line.appendChild(element("strong", "tributary-cancelled", WORDS.event.cancelled));
                  line.appendChild(document.createTextNode(" · "));
                }
                line.appendChild(document.createTextNode(when(event)));
                if (event.location) {
                  line.appendChild(document.createTextNode(" · "));
                  line.appendChild(element("span", "tributary-location", String(event.location)));
                }
                var registration = event.registration_url ? httpUrl(event.registration_url) : null;
                if (registration) {
                  line.appendChild(document.createTextNode(" · "));
                  var a = element("a", "tributary-register", WORDS.event.register);
                  a.href = registration;
                  a.rel = "noopener";
                  line.appendChild(a);
                }
                return line;
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
                  if (ours.event && ours.event.start) {
                    li.appendChild(document.createTextNode(" "));
                    li.appendChild(eventLine(ours.event));
                  }
                  li.appendChild(document.createTextNode(" "));
                  var href = httpUrl(item.url);
                  var title = element(href ? "a" : "span", "tributary-title", String(item.title || ""));
                  if (href) {
                    title.href = href;
                    title.rel = "noopener";
                  }
                  li.appendChild(title);
                  var src = item.image ? httpUrl(item.image) : null;
                  if (src) {
                    // Always an alt ("" when the feed gives none: decoration, not a file name read aloud).
                    var figure = element("figure", "tributary-image");
                    var img = document.createElement("img");
                    img.src = src;
                    img.alt = ours.image_alt ? String(ours.image_alt) : "";
                    img.loading = "lazy";
                    img.decoding = "async";
                    figure.appendChild(img);
                    if (ours.image_credit) figure.appendChild(element("figcaption", null, String(ours.image_credit)));
                    li.appendChild(figure);
                  }
                  if (ours.source && ours.source.title) {
                    li.appendChild(document.createTextNode(" "));
                    li.appendChild(element("span", "tributary-source", String(ours.source.title)));
                  }
                  // The item's words in its feed's language; the lines the widget writes stay in the page's.
                  if (ours.language && String(ours.language).toLowerCase() !== WORDS.lang.toLowerCase()) {
                    li.lang = String(ours.language);
                    Array.prototype.forEach.call(li.querySelectorAll(".tributary-meta, .tributary-event, .tributary-source"),
                      function (own) { own.lang = WORDS.lang; });
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
                if (theme) host.setAttribute("data-tributary-theme", theme);
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
                if (theme) linkThemeStylesheet();
                Array.prototype.forEach.call(document.querySelectorAll("[data-tributary]"), load);
              }

              if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
              else start();
            })();
            """;

    private EmbedScript() {
    }

    /**
     * What the event line needs to be written as {@link DayTime} writes it on the pages: its words, the JDK patterns
     * of a day and a time (the browser fills in its own names of days, months and halves of the day, which are the
     * same CLDR data), site.timezone, and the zone's abbreviations by offset.
     */
    private static Map<String, Object> eventWords(Messages words, java.time.ZoneId zone) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("cancelled", words.get("event.cancelled"));
        event.put("allDay", words.get("event.all_day"));
        event.put("register", words.get("event.register"));
        DayTime days = new DayTime(zone, words.dateLocale().toLanguageTag());
        event.put("timeZone", intlZone(zone));
        event.put("day", days.dayPattern());
        event.put("time", days.timePattern());
        event.put("sayHalfOnce", words.dateLocale().getLanguage().equals("en"));
        event.put("zoneNames", days.zoneNames());
        return event;
    }

    private static String intlZone(java.time.ZoneId zone) {
        return zone.normalized() instanceof java.time.ZoneOffset offset && offset.getTotalSeconds() == 0
                ? "UTC" : zone.getId();
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
        dateOptions.put("timeZone", intlZone(zone));
        config.put("dateOptions", dateOptions);
        config.put("event", eventWords(words, zone));
        config.put("empty", words.get("embed.js.empty"));
        config.put("unavailable", words.get("embed.js.unavailable"));
        try {
            return JS.replace(WORDS, JSON.writeValueAsString(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the embed script's words", e);
        }
    }
}
