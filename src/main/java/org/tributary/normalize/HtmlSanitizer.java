package org.tributary.normalize;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Allow-list sanitizing on a real HTML parser: what is not listed does not survive. Listed: text formatting,
 * paragraphs, lists, links, images, tables, blockquote, code, headings, HTML5 sectioning, inert media and inert
 * obsolete elements. Never: script, style (element or attribute), iframe, object, embed, form, input, svg,
 * math, base, meta, link, noscript, template, any {@code on*} attribute. Also never, because our HTML lands inside
 * other sites' pages, which are often one big {@code <form>} (ASP.NET WebForms, SharePoint): button, select, textarea
 * and keygen (they would join or submit the host's form), and the attributes that change how the host page behaves
 * ({@code autofocus} steals focus and scrolls, {@code contenteditable}, {@code target} — where a link opens is the
 * host's choice) or report the reader ({@code ping}); nor sound and event-source, whose only purpose was to play or
 * fetch without the reader asking.
 * <p>
 * {@code id} and {@code name} are kept but namespaced ("tributary-" prefix, as GitHub does with "user-content-"), and
 * so is every attribute that points at one ({@code for}, {@code form}, {@code headers}, {@code list},
 * {@code template}, {@code usemap="#…"}): unprefixed, they would clobber the host page's globals
 * ({@code window.x}, {@code document.getElementById}...). Every URL attribute, on any element, is resolved against the
 * entry's base and kept only if it is http or https (and mailto for links); a relative URL without a base cannot be
 * trusted and is dropped; {@code srcset} candidates likewise, one by one. Links get rel="nofollow noopener ugc", and
 * 1×1 tracking images go.
 */
final class HtmlSanitizer {

    /** Inert presentational and semantic attributes, harmless on any element. */
    private static final String[] ANY_ELEMENT = {"abbr", "accept", "accept-charset", "accesskey", "align", "alt",
            "autocomplete", "axis", "balance", "bgcolor", "bgproperties", "border", "bordercolor", "bordercolordark",
            "bordercolorlight", "bottompadding", "cellpadding", "cellspacing", "ch", "char", "charoff", "charset",
            "checked", "choff", "class", "clear", "color", "cols", "colspan", "compact", "coords", "datetime",
            "default", "delay", "dir", "disabled", "enctype", "end", "face", "for", "frame", "galleryimg", "gutter",
            "headers", "height", "hidden", "hidefocus", "high", "hreflang", "hspace", "inputmode", "ismap", "keytype",
            "label", "lang", "leftspacing", "list", "loop", "loopcount", "loopend", "loopstart", "low", "max",
            "maxlength", "media", "method", "min", "multiple", "nohref", "noshade", "nowrap", "open", "optimum",
            "pattern", "point-size", "prompt", "radiogroup", "readonly", "rel", "repeat-max", "repeat-min", "replace",
            "required", "rev", "rightspacing", "rows", "rowspan", "rules", "scope", "selected", "shape", "size", "span",
            "start", "step", "summary", "suppress", "tabindex", "title", "toppadding", "type", "unselectable",
            "valign", "value", "variable", "volume", "vspace", "width", "wrap", "xml:lang", "controls", "preload",
            "draggable", "pqg", "challenge", "urn", "vrml", "datafld", "datapagesize",
            // namespaced after cleaning (see idReferences)
            "id", "name", "form", "template", "usemap"};

    /** Attributes that hold a URL: allowed on any element, resolved, and only with a checked scheme. */
    private static final String[] URL_ATTRIBUTES = {"action", "background", "cite", "data", "datasrc", "dynsrc",
            "href", "icon", "longdesc", "lowsrc", "poster", "src"};

    /** Attributes whose value names an id (or a map name); each word gets the prefix that id and name got. */
    private static final String[] ID_REFERENCES = {"id", "name", "for", "form", "headers", "list", "template"};

    static final String ID_PREFIX = "tributary-";

    private static final String[] ELEMENTS = {"a", "abbr", "acronym", "address", "area", "article", "aside", "audio",
            "b", "bdi", "bdo", "big", "blockquote", "br", "canvas", "caption", "center", "cite", "code", "col",
            "colgroup", "command", "datagrid", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "fieldset", "figcaption",
            "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd",
            "label", "legend", "li", "m", "map", "mark", "menu", "meter", "multicol", "nav", "nextid", "ol", "optgroup", "option", "output", "p", "picture",
            "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "source", "spacer", "span",
            "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
            "tt", "u", "ul", "var", "video", "wbr"};

    private static final Set<String> URL_KEYS = Set.of(URL_ATTRIBUTES);

    private final Safelist safelist = safelist();
    private final Cleaner cleaner = new Cleaner(new ResolvedUrls(safelist));

    /** The policy as jsoup's own cleaner would apply it (URLs resolved and checked by the cleaner itself). */
    static Safelist safelist() {
        Safelist list = new Safelist()
                .addTags(ELEMENTS)
                .addAttributes(":all", ANY_ELEMENT)
                .addAttributes(":all", URL_ATTRIBUTES)
                .addAttributes("img", "srcset")
                .addAttributes("source", "srcset")
                .addEnforcedAttribute("a", "rel", "nofollow noopener ugc")
                .addEnforcedAttribute("area", "rel", "nofollow noopener ugc")
                .preserveRelativeLinks(false);
        for (String url : URL_ATTRIBUTES) {
            if (url.equals("href")) list.addProtocols(":all", url, "http", "https", "mailto");
            else list.addProtocols(":all", url, "http", "https");
        }
        return list;
    }

    /** Sanitized HTML, and the cleaned tree it was written from (for the excerpt's text and the first image). */
    record Sanitized(String html, Element body) {
        static final Sanitized EMPTY = new Sanitized("", null);

        boolean isEmpty() {
            return html.isEmpty();
        }
    }

    String sanitize(String html, URI base) {
        return sanitizeTree(html, base).html();
    }

    /** One jsoup parse per body: the caller reads text and images from {@link Sanitized#body()}, not from the HTML. */
    Sanitized sanitizeTree(String html, URI base) {
        if (html == null || html.isBlank()) return Sanitized.EMPTY;
        String baseText = base == null ? "" : base.toString();
        Document dirty = Jsoup.parseBodyFragment(XmlChars.clean(html), baseText);
        // A browser never renders a template's content; the cleaner would unwrap it into view.
        dirty.body().getElementsByTag("template").remove();
        resolveUrls(dirty.body());
        Document clean = cleaner.clean(dirty);
        // Below, getElementsBy* rather than select(...): a CSS query is parsed again on every call.
        clean.outputSettings().prettyPrint(false);
        absoluteSrcsets(clean.body(), base);
        namespaceIds(clean.body());
        dropUselessElements(clean.body());
        withoutBidiControls(clean.body());
        String out = XmlChars.clean(clean.body().html().trim());
        return out.isEmpty() ? Sanitized.EMPTY : new Sanitized(out, clean.body());
    }

    /**
     * Every URL attribute of an element the cleaner will keep, resolved once, as jsoup's cleaner would (absolute when
     * it resolves, else as written) and checked against the allowed schemes: an unsafe value goes, and a link to an
     * unsafe or unresolvable target becomes its text and such an image goes (the cleaner would leave an anchor that
     * links nowhere and an empty image; an anchor or image written without one stays). The cleaner then keeps the
     * values as they are ({@link ResolvedUrls}) instead of resolving each one twice more.
     */
    private void resolveUrls(Element body) {
        for (Element e : body.getAllElements()) {
            if (e.attributesSize() == 0 || !safelist.isSafeTag(e.normalName())) continue;
            List<String> keys = null;
            for (Attribute a : e.attributes()) {
                if (URL_KEYS.contains(a.getKey())) {
                    if (keys == null) keys = new ArrayList<>(2);
                    keys.add(a.getKey());
                }
            }
            if (keys == null) continue;
            for (String key : keys) {
                String raw = e.attr(key);
                String abs = e.absUrl(key);
                // jsoup's Safelist: the absolute URL, else the value as written unless it claims to be http(s)
                String checked = abs.isEmpty() && !hasHttpScheme(raw) ? raw : abs;
                boolean safe = safe(checked, key.equals("href"));
                if (key.equals("src") && e.normalName().equals("img") && !safe(abs, false)) {
                    e.remove();
                    break;
                }
                if (key.equals("href") && e.normalName().equals("a") && !safe(abs, true)) {
                    e.removeAttr(key);
                    e.unwrap();
                    break;
                }
                if (safe) e.attr(key, abs.isEmpty() ? raw : abs);
                else e.removeAttr(key);
            }
        }
    }

    private static boolean hasHttpScheme(String url) {
        int colon = url.indexOf(':');
        if (colon < 0) return false;
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    /**
     * Our policy with URL attributes taken as {@link #resolveUrls} left them: resolved already, so only their scheme is
     * checked again (cheap, and the same answer: a kept value is the one resolveUrls checked).
     */
    private static final class ResolvedUrls extends Safelist {
        ResolvedUrls(Safelist policy) {
            super(policy);
            preserveRelativeLinks(true);
        }

        @Override
        public boolean isSafeAttribute(String tagName, Element el, Attribute attr) {
            if (URL_KEYS.contains(attr.getKey())) return safe(attr.getValue(), attr.getKey().equals("href"));
            return super.isSafeAttribute(tagName, el, attr);
        }
    }

    /** Each candidate of a srcset resolved like a src; a candidate that is not http(s) is dropped, the others kept. */
    private static void absoluteSrcsets(Element body, URI base) {
        for (Element e : body.getElementsByAttribute("srcset")) {
            StringBuilder out = new StringBuilder();
            for (String[] candidate : srcsetCandidates(e.attr("srcset"))) {
                URI abs = Urls.absoluteHttp(candidate[0], base);
                if (abs == null) continue;
                if (out.length() > 0) out.append(", ");
                out.append(abs).append(candidate[1].isEmpty() ? "" : " " + candidate[1]);
            }
            if (out.length() == 0) e.removeAttr("srcset");
            else e.attr("srcset", out.toString());
        }
    }

    /**
     * (URL, descriptors) pairs as HTML's srcset parsing reads them: a URL runs to the next whitespace (so the comma
     * inside {@code data:image/png;base64,…} belongs to it), trailing commas end it, descriptors run to the next comma.
     */
    static List<String[]> srcsetCandidates(String srcset) {
        List<String[]> out = new ArrayList<>();
        int i = 0;
        int n = srcset.length();
        while (i < n) {
            while (i < n && (Character.isWhitespace(srcset.charAt(i)) || srcset.charAt(i) == ',')) i++;
            int start = i;
            while (i < n && !Character.isWhitespace(srcset.charAt(i))) i++;
            String url = srcset.substring(start, i);
            if (url.isEmpty()) break;
            String descriptors = "";
            if (url.endsWith(",")) {
                url = url.replaceAll(",+$", "");
            } else {
                int comma = srcset.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                descriptors = srcset.substring(i, end).strip();
                i = end;
            }
            if (!url.isEmpty()) out.add(new String[] {url, descriptors});
        }
        return out;
    }

    /**
     * id, name and every reference to them get {@link #ID_PREFIX}, so nothing of ours can shadow a global of the host
     * page (DOM clobbering) or tie our markup to the host's forms and labels. An empty value names nothing and stays.
     */
    private static void namespaceIds(Element body) {
        for (Element e : body.getAllElements()) {
            for (String key : ID_REFERENCES) {
                if (e.hasAttr(key)) e.attr(key, prefixed(e.attr(key)));
            }
            if (e.hasAttr("usemap")) {
                String map = e.attr("usemap").strip();
                if (map.isEmpty()) continue;
                if (map.startsWith("#") && map.length() > 1) e.attr("usemap", "#" + ID_PREFIX + map.substring(1));
                else e.removeAttr("usemap");
            }
        }
    }

    private static String prefixed(String value) {
        StringBuilder out = new StringBuilder();
        for (String word : value.strip().split("\\s+")) {
            if (word.isEmpty()) continue;
            if (out.length() > 0) out.append(' ');
            out.append(ID_PREFIX).append(word);
        }
        return out.toString();
    }

    private static boolean safe(String absolute, boolean mailto) {
        String lower = absolute.toLowerCase(Locale.ROOT);
        return lower.startsWith("http:") || lower.startsWith("https:") || (mailto && lower.startsWith("mailto:"));
    }

    /**
     * Bidi embeddings, overrides and isolates go from the text (and tooltips): an override left open in an item's
     * HTML would reverse what the host page shows after it. Direction in HTML is the {@code dir} attribute and
     * {@code bdi}/{@code bdo}, which end with their element.
     */
    private static void withoutBidiControls(Element body) {
        body.traverse((node, depth) -> {
            if (node instanceof org.jsoup.nodes.TextNode t) {
                String text = t.getWholeText();
                String clean = PlainText.withoutBidiControls(text);
                if (!clean.equals(text)) t.text(clean);
            } else if (node instanceof Element e && e.hasAttr("title")) {
                e.attr("title", PlainText.withoutBidiControls(e.attr("title")));
            }
        });
    }

    private static void dropUselessElements(Element body) {
        for (Element img : body.getElementsByTag("img")) {
            if (isTrackingPixel(img)) img.remove();
        }
        // A non-modal dialog shown open sits over the host page: a tool for spoofing its interface.
        for (Element dialog : body.getElementsByTag("dialog")) dialog.removeAttr("open");
    }

    private static boolean isTrackingPixel(Element img) {
        return tiny(img.attr("width")) && tiny(img.attr("height"));
    }

    private static boolean tiny(String dimension) {
        String d = dimension.trim().replace("px", "");
        return d.equals("0") || d.equals("1");
    }
}
