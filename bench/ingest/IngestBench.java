import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.tributary.config.Source;
import org.tributary.normalize.NormalizedFeed;
import org.tributary.normalize.Normalizer;
import org.tributary.parse.FeedParser;
import org.tributary.parse.ParsedFeed;
import org.tributary.store.Database;
import org.tributary.store.FetchedDocument;
import org.tributary.store.Store;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;
import org.xml.sax.InputSource;

/**
 * Ingest (parse + normalize + store into an H2 file) against Rome's parse alone, same bytes, same run, one thread
 * each. The corpus is generated from a fixed seed: N feeds × M items, RSS 2.0 and (one in four) Atom 1.0, each item
 * with a 0.5–5 KB HTML body (paragraphs, relative links and images, srcset, lists, entities, the odd script and
 * style attribute), a guid, a link with tracking parameters, categories and an author. Three ingests per round:
 * all new, the same bytes again (all unchanged), the next poll (one new item per feed, the oldest gone).
 *
 * java -cp 'target/classes:target/lib/*' bench/ingest/IngestBench.java [feeds=500] [items=20] [seed=42] [rounds=3]
 */
public class IngestBench {

    static final String[] WORDS = ("library community partner reading program webinar outreach digital literacy "
            + "collection archive history summer children family event workshop author talk branch local "
            + "volunteer grant access catalog research support services teen adult learning makerspace").split(" ");

    public static void main(String[] args) throws Exception {
        int feeds = arg(args, "feeds", 500);
        int items = arg(args, "items", 20);
        long seed = arg(args, "seed", 42);
        int rounds = arg(args, "rounds", 3);

        Corpus both = corpus(feeds, items, seed);
        List<byte[]> corpus = both.first();
        long bytes = corpus.stream().mapToLong(b -> b.length).sum();
        long nextBytes = both.next().stream().mapToLong(b -> b.length).sum();
        System.out.printf("corpus: %d feeds, %d items, %.1f MB; next poll %.1f MB (seed %d)%n", feeds, feeds * items,
                bytes / 1e6, nextBytes / 1e6, seed);

        Path dir = Files.createTempDirectory("ingest-bench");
        try {
            // Warm-up: JIT for both paths, on a database of its own.
            List<byte[]> warm = corpus.subList(0, Math.min(100, feeds));
            for (int i = 0; i < 2; i++) rome(warm);
            try (Database db = Database.h2(dir.resolve("warm"))) {
                Store store = new Store(db, true);
                for (int i = 0; i < 2; i++) ingest(warm, store, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i));
                ingest(both.next().subList(0, warm.size()), store, Instant.parse("2026-01-01T00:01:00Z"));
            }

            // Three ingests per round into a fresh H2 file: every item new; the same bytes again (all unchanged);
            // the next poll (one new item per feed, the rest unchanged). The machine is shared: each ratio is taken
            // within its round, against Rome's parse of the same bytes timed just before, then the median is taken.
            String[] cases = {"new items", "all unchanged", "next poll"};
            double[][] seconds = new double[cases.length][rounds];
            double[][] ratios = new double[cases.length][rounds];
            double[] romeSeconds = new double[rounds];
            // Floors for the all-new case, on the same bodies: what the stack itself costs, without our rules.
            List<List<String[]>> bodies = bodies(corpus);
            double[][] floors = new double[3][rounds];   // two floors, then the same-document ratio
            for (int r = 0; r < rounds; r++) {
                Phases[] phases = new Phases[cases.length];
                double[] rome = new double[cases.length];
                try (Database db = Database.h2(dir.resolve("round" + r))) {
                    Store store = new Store(db, true);
                    rome[0] = rome(corpus);
                    phases[0] = ingest(corpus, store, Instant.parse("2026-01-02T00:00:00Z"));
                    rome[1] = rome(corpus);
                    phases[1] = ingest(corpus, store, Instant.parse("2026-01-02T00:30:00Z"));
                    rome[2] = rome(both.next());
                    phases[2] = ingest(both.next(), store, Instant.parse("2026-01-02T01:00:00Z"));
                    double romeAgain = rome(both.next());
                    floors[2][r] = romeAgain / sameDocument(both.next(), store, Instant.parse("2026-01-02T01:30:00Z"));
                }
                romeSeconds[r] = rome[0];
                double romeNow = rome(corpus);
                floors[0][r] = jsoupClean(bodies) / romeNow;
                floors[1][r] = bareInsert(dir.resolve("bare" + r), bodies) / romeNow;
                StringBuilder line = new StringBuilder("round " + (r + 1) + ":");
                for (int c = 0; c < cases.length; c++) {
                    seconds[c][r] = phases[c].total();
                    ratios[c][r] = rome[c] / phases[c].total();
                    line.append(String.format(Locale.ROOT, "%n  %-13s rome %.2f s, ingest %.2f s (%s) = %.2f x",
                            cases[c], rome[c], phases[c].total(), phases[c], ratios[c][r]));
                }
                line.append(String.format(Locale.ROOT, "%n  same document (a 200 with the bytes stored last, through the"
                        + " refresher's check) = %.1f x", floors[2][r]));
                line.append(String.format(Locale.ROOT, "%n  floors        jsoup clean alone %.2f x Rome's time,"
                        + " bare durable insert %.2f x", floors[0][r], floors[1][r]));
                System.out.println(line);
            }
            int n = feeds * items;
            double rome = median(romeSeconds);
            System.out.printf("%nmedian of %d rounds (1 thread each):%n", rounds);
            System.out.printf("  rome parse alone       %6.2f s  %6.1f MB/s  %7.0f items/s%n", rome, bytes / 1e6 / rome,
                    n / rome);
            for (int c = 0; c < cases.length; c++) {
                double t = median(seconds[c]);
                System.out.printf("  ingest, %-14s %6.2f s  %6.1f MB/s  %7.0f items/s  ratio to Rome: %.2f x%n",
                        cases[c], t, bytes / 1e6 / t, n / t, median(ratios[c]));
            }
            System.out.printf("  same document again (not parsed)                         ratio to Rome: %.1f x%n",
                    median(floors[2]));
            System.out.println("  (ratio: the median of the per-round ratios)");
            System.out.printf("  floors for new items, in Rome's time: Jsoup.clean(body, base, Safelist.relaxed()) of"
                    + " every body %.2f x; a bare insert of every body, one transaction per feed, %.2f x%n",
                    median(floors[0]), median(floors[1]));
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Every entry's HTML body (content, else summary) and the base it resolves against, per feed. */
    static List<List<String[]>> bodies(List<byte[]> corpus) throws Exception {
        FeedParser parser = new FeedParser();
        List<List<String[]>> out = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            Source source = source(i);
            ParsedFeed parsed = parser.parse(corpus.get(i), type(i), source.url(), null);
            List<String[]> feed = new ArrayList<>();
            for (ParsedFeed.Entry e : parsed.entries()) {
                String html = e.contentHtml() != null ? e.contentHtml() : e.summaryHtml();
                URI base = e.baseUri() != null ? e.baseUri() : parsed.baseUri();
                feed.add(new String[] {html, base.toString()});
            }
            out.add(feed);
        }
        return out;
    }

    /** Seconds for jsoup's own one-call sanitizer over every body: its HTML5 parse, its cleaner, its output. */
    static double jsoupClean(List<List<String[]>> bodies) {
        long t0 = System.nanoTime();
        long chars = 0;
        for (List<String[]> feed : bodies) {
            for (String[] body : feed) chars += Jsoup.clean(body[0], body[1], Safelist.relaxed()).length();
        }
        if (chars == 0) throw new IllegalStateException("nothing cleaned");
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Seconds to insert every body into a bare H2 table (a key and the body, no other index), one transaction per
     * feed, on a file opened as Tributary opens its own (WRITE_DELAY=0: a commit reaches the file).
     */
    static double bareInsert(Path dir, List<List<String[]>> bodies) throws Exception {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("bare") + ";WRITE_DELAY=0";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("CREATE TABLE bare (id VARCHAR(64) PRIMARY KEY, body VARCHAR(1000000))");
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bare (id, body) VALUES (?, ?)")) {
                for (List<String[]> feed : bodies) {
                    for (String[] body : feed) {
                        ps.setString(1, "item-" + n++);
                        ps.setString(2, body[0]);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                }
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** Seconds for Rome to build every feed from its bytes (InputSource, no XML healer: the floor). */
    static double rome(List<byte[]> corpus) throws Exception {
        long t0 = System.nanoTime();
        int entries = 0;
        for (byte[] feed : corpus) {
            SyndFeedInput input = new SyndFeedInput();
            input.setXmlHealerOn(false);
            entries += input.build(new InputSource(new ByteArrayInputStream(feed))).getEntries().size();
        }
        if (entries == 0) throw new IllegalStateException("no entries");
        return (System.nanoTime() - t0) / 1e9;
    }

    record Phases(double parse, double normalize, double store, int added, int unchanged) {
        double total() {
            return parse + normalize + store;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "parse %.2f + normalize %.2f + store %.2f; %d added, %d unchanged",
                    parse, normalize, store, added, unchanged);
        }
    }

    /**
     * What the refresher does with a fetched body: parse, read the fingerprints of the source's stored entries,
     * normalize what is not among them, save, purge; timed per stage (the read counts as store).
     */
    static Phases ingest(List<byte[]> corpus, Store store, Instant now) throws Exception {
        FeedParser parser = new FeedParser();
        Normalizer normalizer = new Normalizer(250);
        long parse = 0, normalize = 0, save = 0;
        int added = 0, unchanged = 0;
        for (int i = 0; i < corpus.size(); i++) {
            Source source = source(i);
            String type = type(i);
            long t0 = System.nanoTime();
            ParsedFeed parsed = parser.parse(corpus.get(i), type, source.url(), null);
            long t1 = System.nanoTime();
            var known = store.knownEntries(source.id());
            long t2 = System.nanoTime();
            // As the refresher does: the document's fingerprint (stored, so that the same bytes again are not read)
            String document = normalizer.documentFingerprint(source, corpus.get(i), type, source.url(), null);
            NormalizedFeed normalized = normalizer.normalize(parsed, source, known);
            long t3 = System.nanoTime();
            var saved = store.saveFetched(source.id(), new FetchedDocument(source.url().toString(), null, null,
                    document), normalized, 500, null, false, null, now);
            long t4 = System.nanoTime();
            parse += t1 - t0;
            normalize += t3 - t2;
            save += (t2 - t1) + (t4 - t3);
            added += saved.added();
            unchanged += saved.unchanged();
        }
        return new Phases(parse / 1e9, normalize / 1e9, save / 1e9, added, unchanged);
    }

    static String type(int i) {
        return i % 4 == 3 ? "application/atom+xml" : "application/rss+xml";
    }

    /**
     * What the refresher does with a 200 whose document is the one stored last: its fingerprint, the source's state,
     * and a not-modified save. Fails if any document was not recognised.
     */
    static double sameDocument(List<byte[]> corpus, Store store, Instant now) {
        Normalizer normalizer = new Normalizer(250);
        long t0 = System.nanoTime();
        for (int i = 0; i < corpus.size(); i++) {
            Source source = source(i);
            String document = normalizer.documentFingerprint(source, corpus.get(i), type(i), source.url(), null);
            if (!document.equals(store.state(source.id()).documentHash())) {
                throw new IllegalStateException("document " + i + " not recognised");
            }
            store.saveNotModified(source.id(), source.url().toString(), null, null, null, now);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    static Source source(int i) {
        return new Source("feed-" + i, "Feed " + i, URI.create("https://partner" + i + ".example.org/feed"), null,
                Source.Kind.PARTNER, "News", List.of(), Duration.ofMinutes(30), null, List.of());
    }

    // ---- corpus ---------------------------------------------------------------------------------------------------

    /**
     * Two versions of every feed: {@code first} as fetched once, {@code next} as fetched on the following poll (one
     * new item on top, the oldest gone: what a poller mostly sees). Same generator, same seed.
     */
    record Corpus(List<byte[]> first, List<byte[]> next) {}

    static Corpus corpus(int feeds, int items, long seed) {
        Random random = new Random(seed);
        List<byte[]> first = new ArrayList<>(feeds);
        List<byte[]> next = new ArrayList<>(feeds);
        for (int f = 0; f < feeds; f++) {
            // items + 1 entries, newest first: the newest appears only in the next poll, the oldest only in the first.
            String[] parts = f % 4 == 3 ? atom(f, items + 1, random) : rss(f, items + 1, random);
            first.add(assemble(parts, 2, items + 1).getBytes(StandardCharsets.UTF_8));
            next.add(assemble(parts, 1, items).getBytes(StandardCharsets.UTF_8));
        }
        return new Corpus(first, next);
    }

    /** parts: [head, entry 0 (newest), …, entry n-1, tail]; joins the head, entries from..to (1-based), the tail. */
    static String assemble(String[] parts, int from, int to) {
        StringBuilder b = new StringBuilder();
        b.append(parts[0]);
        for (int i = from; i <= to; i++) b.append(parts[i]);
        return b.append(parts[parts.length - 1]).toString();
    }

    static final DateTimeFormatter RFC822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

    static String[] rss(int f, int items, Random r) {
        String[] parts = new String[items + 2];
        StringBuilder b = new StringBuilder(4000);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                + " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n")
                .append("<title>Partner ").append(f).append("</title>\n<link>https://partner").append(f)
                .append(".example.org/</link>\n<description>News from partner ").append(f).append("</description>\n");
        parts[0] = b.toString();
        Instant date = Instant.parse("2025-12-31T12:00:00Z").minusSeconds(r.nextInt(86_400 * 30));
        for (int i = 0; i < items; i++) {
            date = date.minusSeconds(3600 + r.nextInt(86_400));
            b = new StringBuilder(6000);
            b.append("<item>\n<title>").append(escape(sentence(r, 4 + r.nextInt(8)))).append("</title>\n")
                    .append("<link>https://partner").append(f).append(".example.org/news/").append(i)
                    .append("?utm_source=rss&amp;utm_medium=feed</link>\n")
                    .append("<guid isPermaLink=\"false\">partner-").append(f).append("-item-").append(i).append("</guid>\n")
                    .append("<pubDate>").append(RFC822.format(date.atOffset(ZoneOffset.UTC))).append("</pubDate>\n")
                    .append("<dc:creator>").append(escape(capital(word(r)) + " " + capital(word(r)))).append("</dc:creator>\n")
                    .append("<category>").append(capital(word(r))).append("</category>\n")
                    .append("<description>").append(escape(html(r, 500 + r.nextInt(4500)))).append("</description>\n")
                    .append("</item>\n");
            parts[i + 1] = b.toString();
        }
        parts[items + 1] = "</channel>\n</rss>\n";
        return parts;
    }

    static String[] atom(int f, int items, Random r) {
        String[] parts = new String[items + 2];
        StringBuilder b = new StringBuilder(4000);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"")
                .append(" xml:base=\"https://partner").append(f).append(".example.org/blog/\">\n")
                .append("<title>Partner ").append(f).append("</title>\n<id>urn:partner:").append(f).append("</id>\n")
                .append("<link href=\"https://partner").append(f).append(".example.org/\"/>\n");
        Instant date = Instant.parse("2025-12-31T12:00:00Z").minusSeconds(r.nextInt(86_400 * 30));
        b.append("<updated>").append(date).append("</updated>\n");
        parts[0] = b.toString();
        for (int i = 0; i < items; i++) {
            date = date.minusSeconds(3600 + r.nextInt(86_400));
            b = new StringBuilder(6000);
            b.append("<entry>\n<title type=\"html\">").append(escape(escape(sentence(r, 4 + r.nextInt(8)))))
                    .append("</title>\n<id>tag:partner").append(f).append(",2025:").append(i).append("</id>\n")
                    .append("<link rel=\"alternate\" href=\"posts/").append(i).append("\"/>\n")
                    .append("<published>").append(date).append("</published>\n<updated>").append(date).append("</updated>\n")
                    .append("<author><name>").append(escape(capital(word(r)) + " " + capital(word(r)))).append("</name></author>\n")
                    .append("<category term=\"").append(capital(word(r))).append("\"/>\n")
                    .append("<content type=\"html\">").append(escape(html(r, 500 + r.nextInt(4500)))).append("</content>\n")
                    .append("</entry>\n");
            parts[i + 1] = b.toString();
        }
        parts[items + 1] = "</feed>\n";
        return parts;
    }

    /** About {@code size} characters of the HTML partners write. */
    static String html(Random r, int size) {
        StringBuilder h = new StringBuilder(size + 400);
        while (h.length() < size) {
            switch (r.nextInt(10)) {
                case 0 -> h.append("<h3>").append(sentence(r, 3 + r.nextInt(5))).append("</h3>");
                case 1 -> h.append("<p><img src=\"/images/").append(word(r)).append(r.nextInt(1000))
                        .append(".jpg\" srcset=\"/images/a.jpg 1x, /images/a@2x.jpg 2x\" alt=\"")
                        .append(sentence(r, 3)).append("\" width=\"600\" height=\"400\"></p>");
                case 2 -> {
                    h.append("<ul>");
                    for (int i = 0, n = 2 + r.nextInt(4); i < n; i++) h.append("<li>").append(sentence(r, 5)).append("</li>");
                    h.append("</ul>");
                }
                case 3 -> h.append("<p style=\"color:#333\">").append(sentence(r, 20))
                        .append(" <a href=\"https://www.example.com/").append(word(r)).append("?utm_campaign=x\" onclick=\"track()\">")
                        .append(word(r)).append("</a> &amp; caf&eacute; &#8212; ").append(sentence(r, 10)).append("</p>");
                case 4 -> h.append("<blockquote><p>").append(sentence(r, 25)).append("</p></blockquote>");
                case 5 -> h.append("<script>window.ga && ga('send')</script><img src=\"https://t.example/p.gif\" width=\"1\" height=\"1\">");
                default -> h.append("<p>").append(sentence(r, 25 + r.nextInt(40))).append(" <a href=\"/events/")
                        .append(r.nextInt(500)).append("\"><strong>").append(word(r)).append("</strong></a>. ")
                        .append(sentence(r, 15)).append("</p>");
            }
        }
        return h.toString();
    }

    static String sentence(Random r, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) s.append(i == 0 ? capital(word(r)) : " " + word(r));
        return s.toString();
    }

    static String word(Random r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    static String capital(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    static int arg(String[] args, String name, int fallback) {
        for (String a : args) if (a.startsWith(name + "=")) return Integer.parseInt(a.substring(name.length() + 1));
        return fallback;
    }
}
