package org.tributary.normalize;

import java.net.URI;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Allow-list sanitizing on a real HTML parser: what is not listed does not survive. Listed: text formatting,
 * paragraphs, lists, links, images, tables, blockquote, code, headings, HTML5 sectioning and inert media; never script,
 * style (element or attribute), iframe, object, embed, form controls, svg, math, base, meta, link, noscript, template,
 * no {@code on*} attribute, and no {@code id}/{@code name} (our HTML lands inside other sites' pages, where those would
 * clobber their scripts' globals). Relative links and images are made absolute against the entry's base (a relative
 * URL without a base cannot be trusted and is dropped), {@code srcset} too; only http, https and mailto links survive;
 * links get rel="nofollow noopener ugc", and 1×1 tracking images go.
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
            "draggable", "pqg", "challenge", "urn", "vrml"};

    private static final String[] ELEMENTS = {"a", "abbr", "acronym", "address", "area", "article", "aside", "audio",
            "b", "bdi", "bdo", "big", "blockquote", "br", "canvas", "caption", "center", "cite", "code", "col",
            "colgroup", "dd", "del", "details", "dfn", "dir", "div", "dl", "dt", "em", "fieldset", "figcaption",
            "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd",
            "label", "legend", "li", "m", "map", "mark", "menu", "meter", "multicol", "nav", "ol", "p", "picture",
            "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "source", "spacer", "span",
            "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
            "tt", "u", "ul", "var", "video", "wbr"};

    private final Cleaner cleaner = new Cleaner(safelist());

    static Safelist safelist() {
        return new Safelist()
                .addTags(ELEMENTS)
                .addAttributes(":all", ANY_ELEMENT)
                .addAttributes("a", "href")
                .addAttributes("area", "href")
                .addAttributes("blockquote", "cite")
                .addAttributes("q", "cite")
                .addAttributes("del", "cite")
                .addAttributes("ins", "cite")
                .addAttributes("img", "src", "srcset", "longdesc", "usemap")
                .addAttributes("source", "src", "srcset")
                .addAttributes("audio", "src")
                .addAttributes("video", "src", "poster")
                .addProtocols("a", "href", "http", "https", "mailto")
                .addProtocols("area", "href", "http", "https", "mailto")
                .addProtocols("blockquote", "cite", "http", "https")
                .addProtocols("q", "cite", "http", "https")
                .addProtocols("del", "cite", "http", "https")
                .addProtocols("ins", "cite", "http", "https")
                .addProtocols("img", "src", "http", "https")
                .addProtocols("img", "longdesc", "http", "https")
                .addProtocols("source", "src", "http", "https")
                .addProtocols("audio", "src", "http", "https")
                .addProtocols("video", "src", "http", "https")
                .addProtocols("video", "poster", "http", "https")
                .addEnforcedAttribute("a", "rel", "nofollow noopener ugc")
                .addEnforcedAttribute("area", "rel", "nofollow noopener ugc")
                .preserveRelativeLinks(false);
    }

    String sanitize(String html, URI base) {
        if (html == null || html.isBlank()) return "";
        String baseText = base == null ? "" : base.toString();
        Document dirty = Jsoup.parseBodyFragment(XmlChars.clean(html), baseText);
        Document clean = cleaner.clean(dirty);
        clean.outputSettings().prettyPrint(false);
        absoluteSrcsets(clean.body(), base);
        dropUselessElements(clean.body());
        return XmlChars.clean(clean.body().html().trim());
    }

    /** Each candidate of a srcset resolved like a src; a candidate that is not http(s) drops the whole attribute. */
    private static void absoluteSrcsets(Element body, URI base) {
        for (Element e : body.select("[srcset]")) {
            StringBuilder out = new StringBuilder();
            for (String candidate : e.attr("srcset").split(",")) {
                String[] parts = candidate.strip().split("\\s+", 2);
                if (parts[0].isEmpty()) continue;
                URI abs = Urls.absoluteHttp(parts[0], base);
                if (abs == null) {
                    out.setLength(0);
                    e.removeAttr("srcset");
                    break;
                }
                if (out.length() > 0) out.append(", ");
                out.append(abs).append(parts.length > 1 ? " " + parts[1] : "");
            }
            if (e.hasAttr("srcset")) e.attr("srcset", out.toString());
        }
    }

    private static void dropUselessElements(Element body) {
        for (Element img : body.select("img")) {
            if (!img.hasAttr("src") || isTrackingPixel(img)) img.remove();
        }
        // A link whose href was unsafe (javascript:, relative without base) keeps its text but not the anchor.
        for (Element a : body.select("a")) {
            if (!a.hasAttr("href")) a.unwrap();
        }
    }

    private static boolean isTrackingPixel(Element img) {
        return tiny(img.attr("width")) && tiny(img.attr("height"));
    }

    private static boolean tiny(String dimension) {
        String d = dimension.trim().replace("px", "");
        return d.equals("0") || d.equals("1");
    }
}
