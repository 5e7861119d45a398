package org.tributary.parse;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.SAXBuilder;
import com.rometools.rome.io.WireFeedInput;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import com.rometools.rome.io.impl.XmlFixerReader;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.xml.sax.InputSource;

/**
 * Turns the bytes of one fetch into a {@link ParsedFeed}, or a {@link FeedParseException} with a one-line reason.
 * RSS and Atom go through Rome; JSON Feed through {@link JsonFeedReader}; iCalendar through {@link IcsReader}. Nothing else escapes: a hostile or broken document is an expected outcome, not a crash.
 *
 * <p>The XML parser never sees a DOCTYPE: an internal subset (where XXE and entity bombs live) is read only for its
 * internal text entities, within bounds, and substituted before parsing ({@link InternalEntities}; anything else in it
 * is refused), an external-only one (RSS 0.91 Netscape feeds carry it) is cut out, and Rome's own
 * "disallow-doctype-decl" stays on behind that. Parsing goes through an {@link InputSource} without Rome's XML healer,
 * which costs 3.3× the time (measured in bench/ingest); the healer is used only to retry a document that failed on an
 * undeclared HTML entity. A feed that is still not well-formed is read once more after {@link XmlRepair}, with a
 * warning; one that cannot be repaired is refused with the strict parser's reason.
 */
public final class FeedParser {

    static final int MAX_DEPTH = 500;
    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    /** What "now" is for a calendar's recurring events (its occurrences from now on are read). */
    private final java.time.InstantSource clock;

    public FeedParser() {
        this(java.time.InstantSource.system());
    }

    public FeedParser(java.time.InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param contentType     the HTTP Content-Type, may be null
     * @param requestUrl      the URL fetched (after redirects), may be null in tests
     * @param contentLocation the HTTP Content-Location, may be null; relative ones resolve against requestUrl
     */
    public ParsedFeed parse(byte[] body, String contentType, URI requestUrl, URI contentLocation)
            throws FeedParseException {
        Objects.requireNonNull(body, "body");
        CharsetSniffer.Decision decision = CharsetSniffer.detect(body, contentType);
        String text = new String(body, decision.skip(), body.length - decision.skip(), decision.charset());
        Prolog prolog = Prolog.scan(text);
        URI documentBase = documentBase(requestUrl, contentLocation);
        if (JsonFeedReader.isJson(text, prolog.start(), contentType)) return JsonFeedReader.read(text, documentBase);
        if (IcsReader.isCalendar(text, prolog.start(), contentType)) {
            return IcsReader.read(text, documentBase, clock.instant());
        }
        Document doc;
        List<String> warnings = new java.util.ArrayList<>();
        try {
            refuseNonFeeds(text, prolog, contentType);
            doc = document(xml(text, prolog), contentType, prolog, warnings);
        } catch (FeedParseException e) {
            throw withAdvertisedFeed(e, text, documentBase);
        }
        RootRepair.repair(doc);
        DocumentFacts.decodeBase64Content(doc);
        List<DocumentFacts.Facts> facts = DocumentFacts.entries(doc, documentBase);
        URI rootBase = DocumentFacts.rootBase(doc, documentBase);
        RomeMapper mapper = new RomeMapper(documentBase);
        try {
            // Mapping is part of reading: Rome's lazily built modules can still throw while we read them.
            OptionalElements.Outcome<ParsedFeed> read =
                    OptionalElements.read(doc, d -> mapper.map(syndFeed(input().build(d)), rootBase, facts));
            warnings.addAll(read.warnings());
            return read.value().withWarnings(warnings);
        } catch (Exception | StackOverflowError e) {
            throw ParseFailures.toParseException(e, contentType, prolog);
        }
    }

    /** "not a feed: HTML page" becomes "...; it advertises a feed at URL" when the page has such a link. */
    private static FeedParseException withAdvertisedFeed(FeedParseException e, String text, URI base) {
        if (!e.getMessage().startsWith("not a feed: HTML page")) return e;
        return AdvertisedFeed.find(text, base)
                .map(url -> new FeedParseException(e.getMessage() + "; it advertises a feed at " + url, e))
                .orElse(e);
    }

    private static void refuseNonFeeds(String text, Prolog prolog, String contentType) throws FeedParseException {
        if (prolog.start() >= text.length()) throw new FeedParseException("not a feed: empty document");
        if (prolog.isHtmlPage()) throw new FeedParseException("not a feed: HTML page");
        char first = text.charAt(prolog.start());
        if (first == '{' || first == '[') throw new FeedParseException("unsupported feed format: JSON, not XML");
        if (first != '<') {
            throw new FeedParseException(isHtmlType(contentType) ? "not a feed: HTML page" : "not a feed: not XML");
        }
    }

    /** The text the XML parser sees: without its prolog's cuts, and with internal text entities substituted. */
    private static String xml(String text, Prolog prolog) throws FeedParseException {
        if (!prolog.internalSubset()) return prolog.xml(text);
        if (prolog.subsets().size() != 1) throw new FeedParseException(InternalEntities.REFUSED);
        Prolog.Range doctype = prolog.subsets().get(0);
        return InternalEntities.expand(text.substring(doctype.from(), doctype.to()), prolog.xml(text));
    }

    /**
     * The XML tree, built once: we read what Rome loses from it (xml:base, raw dates) and then hand it to Rome.
     */
    private static Document document(String xml, String contentType, Prolog prolog, List<String> warnings)
            throws FeedParseException {
        Throwable failure;
        try {
            return new BoundedInput().createSAXBuilder().build(new InputSource(new StringReader(xml)));
        } catch (JDOMException | IOException | RuntimeException | StackOverflowError first) {
            failure = first;
        }
        if (ParseFailures.isUndeclaredEntity(failure)) {
            try {
                // HTML entities (&nbsp;) in XML are common and undeclared; Rome's healer turns them into numeric ones.
                return new BoundedInput().createSAXBuilder().build(new XmlFixerReader(new StringReader(xml)));
            } catch (JDOMException | IOException | RuntimeException | StackOverflowError second) {
                failure = second;
            }
        }
        FeedParseException refused = ParseFailures.toParseException(failure, contentType, prolog);
        if (!ParseFailures.isRepairable(failure, prolog)) throw refused;
        try {
            Document repaired = new BoundedInput().createSAXBuilder()
                    .build(new InputSource(new StringReader(XmlRepair.repair(xml))));
            warnings.add(refused.getMessage() + "; read after repair (bare & escaped, what was left open closed)");
            return repaired;
        } catch (JDOMException | IOException | RuntimeException | StackOverflowError stillBroken) {
            throw refused;
        }
    }

    private static SyndFeed syndFeed(WireFeed wire) {
        // Keeps Rome's wire entries reachable: the RSS guid and Atom xml:base are only there.
        return new SyndFeedImpl(wire, true);
    }

    private static WireFeedInput input() {
        WireFeedInput input = new BoundedInput();
        input.setXmlHealerOn(false);
        input.setAllowDoctypes(false);
        return input;
    }

    /**
     * Rome's input with a nesting limit: the JDK parser's time grows faster than linearly with depth (20,000 nested
     * elements took 1.7 s), and no feed nests more than a few dozen levels.
     */
    private static final class BoundedInput extends WireFeedInput {
        BoundedInput() {
            super(false, Locale.US);
            setAllowDoctypes(false);
        }

        @Override
        protected SAXBuilder createSAXBuilder() {
            SAXBuilder builder = super.createSAXBuilder();
            builder.setProperty(MAX_ELEMENT_DEPTH, String.valueOf(MAX_DEPTH));
            return builder;
        }
    }

    static boolean isHtmlType(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")
                && !contentType.toLowerCase(Locale.ROOT).contains("xhtml");
    }

    /** Content-Location when it resolves to http(s) (a javascript: or data: one is ignored), else the request URL. */
    private static URI documentBase(URI requestUrl, URI contentLocation) {
        if (contentLocation == null) return requestUrl;
        URI resolved = contentLocation.isAbsolute() || requestUrl == null ? contentLocation
                : RomeMapper.resolve(requestUrl, contentLocation.toString());
        String scheme = resolved == null || resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") ? resolved : requestUrl;
    }
}
