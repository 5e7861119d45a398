package org.tributary.parse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.filter.ElementFilter;

/**
 * Rome refuses a whole document for one malformed optional element (an RSS skipHours of 25, a cloud port that is not
 * a number, a media:restriction without type, a slash:hit_parade with a word in it). When reading throws, the
 * elements it chokes on are found by elimination and left out, and the document is read without them, with one
 * warning per element left out. No list of known offenders: any element but the feed's structure (root, channel,
 * item, entry and what holds them) may be the one.
 *
 * <p>Finding them costs one read with every candidate left out (if that still fails, nothing optional is to blame and
 * the first failure stands) and then one read per candidate name, put back one at a time: a name whose return makes
 * reading fail again is an offender and stays out. Only failing documents pay this.
 */
final class OptionalElements {

    /** What reading a (possibly pruned) document means: build with Rome and map into our records. */
    interface Reading<T> {
        T read(Document doc) throws Exception;
    }

    /** The result and the warnings, one per element name left out. */
    record Outcome<T>(T value, List<String> warnings) {}

    private static final Set<String> STRUCTURE = Set.of("rss", "channel", "item", "items", "feed", "entry", "RDF", "Seq",
            "li");
    private static final int MAX_CANDIDATES = 64;

    private OptionalElements() {}

    /** Reads the document; when that throws, reads it without the optional elements that make it throw. */
    static <T> Outcome<T> read(Document doc, Reading<T> reading) throws Exception {
        try {
            return new Outcome<>(reading.read(doc), List.of());
        } catch (Exception first) {
            Map<String, Element> candidates = candidates(doc);
            if (candidates.isEmpty() || failure(without(doc, candidates.keySet()), reading) != null) throw first;
            List<String> out = new ArrayList<>(candidates.keySet());
            List<String> warnings = new ArrayList<>();
            for (Map.Entry<String, Element> candidate : candidates.entrySet()) {
                out.remove(candidate.getKey());
                Exception failure = failure(without(doc, out), reading);
                if (failure != null) {
                    out.add(candidate.getKey());
                    warnings.add(warning(candidate.getValue(), ParseFailures.describe(failure)));
                }
            }
            return new Outcome<>(reading.read(without(doc, out)), List.copyOf(warnings));
        }
    }

    private static Exception failure(Document doc, Reading<?> reading) {
        try {
            reading.read(doc);
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    /** Distinct element names in document order, each with its first occurrence; the structure is never one. */
    private static Map<String, Element> candidates(Document doc) {
        Map<String, Element> names = new LinkedHashMap<>();
        for (Element e : doc.getRootElement().getDescendants(new ElementFilter())) {
            if (names.size() >= MAX_CANDIDATES) break;
            if (!isStructure(e)) names.putIfAbsent(key(e), e);
        }
        return names;
    }

    private static boolean isStructure(Element e) {
        if (e.isRootElement() || STRUCTURE.contains(e.getName())) return true;
        // An element that holds entries (an RSS 0.90 rdf:RDF's items, an Atom feed nested in a wrapper) is structure.
        for (Element d : e.getDescendants(new ElementFilter())) {
            if (d.getName().equals("item") || d.getName().equals("entry")) return true;
        }
        return false;
    }

    private static Document without(Document doc, Collection<String> names) {
        Document copy = doc.clone();
        List<Element> drop = new ArrayList<>();
        for (Element e : copy.getRootElement().getDescendants(new ElementFilter())) {
            if (!isStructure(e) && names.contains(key(e))) drop.add(e);
        }
        for (Element e : drop) e.detach();
        return copy;
    }

    private static String key(Element e) {
        return "{" + e.getNamespaceURI() + "}" + e.getName();
    }

    /** "ignored malformed <hour> in <skipHours>: NumberFormatException: ...". */
    private static String warning(Element e, String why) {
        Element parent = e.getParentElement();
        String where = parent == null || parent.isRootElement() || STRUCTURE.contains(parent.getName()) ? ""
                : " in <" + parent.getQualifiedName() + ">";
        return ParseFailures.oneLine("ignored malformed <" + e.getQualifiedName() + ">" + where + ": " + why);
    }
}
