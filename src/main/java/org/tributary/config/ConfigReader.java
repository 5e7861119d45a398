package org.tributary.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Walks a composed feeds.yml against the contract in docs/feeds-yml.md and builds the records. Names must be
 * declared before they are checked, so types and topics are read before defaults and sources. After an error a
 * section goes on being checked, so one run reports everything; records are built only from clean sections.
 */
final class ConfigReader {

    static final List<String> TOP_KEYS = List.of("site", "fetch", "alerts", "admin", "defaults", "types", "topics",
            "sources", "filters", "metrics");
    private static final List<String> SITE_KEYS =
            List.of("title", "description", "link", "base_url", "language", "items", "excerpt_chars", "hub",
                    "merge_duplicates", "cache_max_age", "timezone", "source_credit", "icon", "image_proxy");
    private static final List<String> IMAGE_PROXY_KEYS = List.of("max_bytes", "cache", "cache_files");
    private static final List<String> FETCH_KEYS = List.of("user_agent", "timeout", "max_bytes", "allow_private",
            "per_host", "max_concurrent");
    private static final List<String> ADMIN_KEYS = List.of("allow_remote");
    private static final List<String> ALERTS_KEYS = List.of("webhook", "email", "after");
    private static final List<String> EMAIL_KEYS = List.of("smtp", "from", "to");
    private static final List<String> METRICS_KEYS = List.of("allow");
    private static final List<String> DEFAULTS_KEYS = List.of("every", "type", "moderation");
    private static final List<String> TOPIC_KEYS = List.of("id", "title", "description", "image");
    private static final List<String> IMAGE_KEYS = List.of("url", "credit");

    static final String USER_AGENT_PRODUCT = "Tributary/0.1";
    static final Duration MIN_EVERY = Duration.ofMinutes(1);
    static final String ID_MESSAGE = "not a valid id (lowercase letters, digits and '-', not starting with '-')";
    static final String EMAIL_MESSAGE = "not an email address";

    private final Problems problems;

    ConfigReader(Problems problems) {
        this.problems = problems;
    }

    /** The config, or empty when anything was reported. */
    Optional<Config> read(YamlMap top) {
        Optional<Site> site = top.requiredMap("site", SITE_KEYS).map(this::site);
        FetchSettings fetch = fetch(top.map("fetch", FETCH_KEYS), site);
        Alerts alerts = top.map("alerts", ALERTS_KEYS).map(this::alerts).orElse(null);
        boolean allowRemote = top.map("admin", ADMIN_KEYS).flatMap(m -> ItemOptionsReader.bool(m, "allow_remote"))
                .orElse(false);
        List<String> types = types(top);
        List<Topic> topics = new ArrayList<>();
        Set<String> topicIds = topics(top, topics);
        Defaults defaults = defaults(top.map("defaults", DEFAULTS_KEYS), types);
        List<Source> sources = new SourceReader(problems, types, topicIds, defaults).read(top);
        List<Rule> filters = new RuleReader(problems, types, topicIds).read(top, "filters");
        List<String> metricsAllow = top.map("metrics", METRICS_KEYS).map(m -> m.texts("allow", Formats::cidr,
                "not an IP address or CIDR range like 10.0.0.0/8 or fd00::/8")).orElse(List.of());
        if (problems.count() > 0) return Optional.empty();
        // Filters are every source's first rules: one list, so the raw fingerprint and the classifier see them.
        if (!filters.isEmpty()) sources = sources.stream().map(s -> s.withRulesFirst(filters)).toList();
        return Optional.of(new Config(site.orElseThrow(), fetch, alerts, defaults, types, topics, sources,
                metricsAllow, new Config.Admin(allowRemote)));
    }

    private Site site(YamlMap m) {
        int before = problems.count();
        Optional<String> title = m.name("title", true);
        Optional<String> description = m.name("description", false);
        Optional<URI> link = m.requiredUrl("link");
        Optional<URI> baseUrl = m.requiredUrl("base_url").map(ConfigReader::withoutTrailingSlash);
        Optional<String> language = m.checked("language", false, Formats::language, "not a language tag like en or en-GB");
        language.filter(tag -> !Formats.bundledLanguage(tag)).ifPresent(tag -> m.warn("language",
                "no page words are bundled for \"" + tag + "\" (bundled: " + String.join(", ", Formats.BUNDLED_LANGUAGES)
                        + "); pages are in English, feeds still declare \"" + tag + "\""));
        Optional<Integer> items = m.integer("items", 1, 500);
        Optional<Integer> excerptChars = m.integer("excerpt_chars", 20, 5000);
        Optional<URI> hub = m.url("hub");
        Optional<Boolean> merge = ItemOptionsReader.bool(m, "merge_duplicates");
        Optional<Duration> cacheMaxAge = m.duration("cache_max_age", Duration.ofSeconds(1), "1s");
        Optional<java.time.ZoneId> timezone = m.checked("timezone", false, ConfigReader::isIanaZone,
                "not an IANA time zone like America/Chicago, Europe/Paris or UTC").map(java.time.ZoneId::of);
        Optional<String> sourceCredit = m.checked("source_credit", false,
                v -> java.util.Set.of("content", "author", "title", "none").contains(v), "use content, author, title or none");
        Optional<URI> icon = m.url("icon");
        Optional<Site.ImageProxy> imageProxy = imageProxy(m);
        return problems.build(before, m.node(), m.path(), () -> Site.builder(title.orElseThrow(), link.orElseThrow(),
                        baseUrl.orElseThrow())
                .description(description.orElse("")).language(language.orElse("en")).items(items.orElse(50))
                .excerptChars(excerptChars.orElse(250)).hub(hub.orElse(null)).mergeDuplicates(merge.orElse(true))
                .cacheMaxAge(cacheMaxAge.orElse(Site.DEFAULT_CACHE_MAX_AGE)).timezone(timezone.orElse(null))
                .sourceCredit(Site.SourceCredit.valueOf(sourceCredit.orElse("content").toUpperCase(java.util.Locale.ROOT)))
                .icon(icon.orElse(null)).imageProxy(imageProxy.orElse(Site.ImageProxy.OFF))
                .build());
    }

    /** site.image_proxy: true or false, or a mapping of its bounds (which turns it on). */
    private static Optional<Site.ImageProxy> imageProxy(YamlMap site) {
        Optional<Node> node = site.get("image_proxy");
        if (node.isEmpty()) return Optional.empty();
        if (!(node.get() instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
            return ItemOptionsReader.bool(site, "image_proxy").map(on -> on ? Site.ImageProxy.ON : Site.ImageProxy.OFF);
        }
        return site.map("image_proxy", IMAGE_PROXY_KEYS).flatMap(m -> {
            long maxBytes = m.size("max_bytes").orElse(Site.ImageProxy.DEFAULT_MAX_BYTES);
            long cache = m.size("cache").orElse(Math.max(Site.ImageProxy.DEFAULT_CACHE_BYTES, maxBytes));
            int files = m.integer("cache_files", 1, 10_000_000).orElse(Site.ImageProxy.DEFAULT_CACHE_FILES);
            if (cache < maxBytes) {
                m.report("cache", "must be at least max_bytes (" + maxBytes + " bytes): the cache holds whole images");
                return Optional.empty();
            }
            return Optional.of(new Site.ImageProxy(true, maxBytes, cache, files));
        });
    }

    /** site.timezone: a zone of the IANA database (a region like America/Chicago, or UTC), not a bare offset. */
    static boolean isIanaZone(String text) {
        return java.time.ZoneId.getAvailableZoneIds().contains(text);
    }

    /** Site.url(path) appends "/path"; a base written with a trailing slash would otherwise give "//path". */
    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }

    private FetchSettings fetch(Optional<YamlMap> section, Optional<Site> site) {
        int before = problems.count();
        Optional<String> userAgent = section.flatMap(m -> m.text("user_agent"));
        Duration timeout = section.flatMap(m -> m.duration("timeout", Duration.ofSeconds(1), "1s"))
                .orElse(Duration.ofSeconds(20));
        long maxBytes = section.map(m -> m.size("max_bytes").orElse(10L << 20)).orElse(10L << 20);
        List<String> allowPrivate = section.map(m -> m.texts("allow_private", Formats::hostPort,
                "not a host:port pair like localhost:8081")).orElse(List.of());
        int perHost = section.flatMap(m -> m.integer("per_host", 1, 64)).orElse(FetchSettings.DEFAULT_PER_HOST);
        int maxConcurrent = section.flatMap(m -> m.integer("max_concurrent", 1, 1024))
                .orElse(FetchSettings.DEFAULT_MAX_CONCURRENT);
        if (problems.count() > before) return null;
        // The default names the site so a partner who sees us in their logs knows whom to contact.
        String agent = userAgent.orElseGet(() -> USER_AGENT_PRODUCT + " (+" + site.map(Site::link).map(URI::toString)
                .orElse("https://github.com/tributary") + ")");
        return new FetchSettings(agent, timeout, maxBytes, allowPrivate, perHost, maxConcurrent);
    }

    private Alerts alerts(YamlMap m) {
        int before = problems.count();
        Optional<URI> webhook = m.privateUrl("webhook");
        Optional<Alerts.Email> email = m.map("email", EMAIL_KEYS).map(this::email);
        Duration after = m.duration("after", Duration.ofSeconds(1), "1s").orElse(Duration.ofHours(6));
        return problems.build(before, m.node(), m.path(),
                () -> new Alerts(webhook.orElse(null), email.orElse(null), after));
    }

    private Alerts.Email email(YamlMap m) {
        int before = problems.count();
        Optional<String> smtp = m.checked("smtp", true, Formats::hostPort, "not a host:port pair like smtp.example.org:587");
        Optional<String> from = m.checked("from", true, Formats::email, EMAIL_MESSAGE);
        int beforeTo = problems.count();
        List<String> to = m.require("to").isPresent() ? m.texts("to", Formats::email, EMAIL_MESSAGE) : List.of();
        if (to.isEmpty() && problems.count() == beforeTo) m.report("to", "must list at least one address");
        return problems.build(before, m.node(), m.path(), () -> new Alerts.Email(smtp.orElseThrow(), from.orElseThrow(), to));
    }

    /** Declared item types; [News] when the file declares none. */
    private List<String> types(YamlMap top) {
        if (top.get("types").isEmpty()) return List.of("News");
        int before = problems.count();
        List<String> types = top.texts("types", Formats::typeName,
                "not a type name (letters, digits, spaces, '-' and '_', starting with a letter)");
        if (types.isEmpty() && problems.count() == before) top.report("types", "must list at least one type");
        return types;
    }

    /** Fills {@code topics} with the clean ones; returns every well-formed id, so a topic with a bad image URL does
     *  not also make every source that names it "undeclared". */
    private Set<String> topics(YamlMap top, List<Topic> topics) {
        Set<String> ids = new LinkedHashSet<>();
        Map<String, Node> firstId = new HashMap<>();
        for (YamlMap.Entry entry : top.list("topics")) {
            YamlMap.open(entry.node(), entry.path(), problems, TOPIC_KEYS).ifPresent(m -> {
                int before = problems.count();
                Optional<String> id = m.checked("id", true, Formats::id, ID_MESSAGE);
                id.ifPresent(value -> {
                    Node idNode = m.get("id").orElseThrow();
                    Node first = firstId.putIfAbsent(value, idNode);
                    if (first != null) m.report("id", "duplicate topic id \"" + value + "\", first at line " + line(first));
                    ids.add(value);
                });
                Optional<String> title = m.name("title", true);
                Optional<String> description = m.name("description", false);
                Optional<Topic.Image> image = m.map("image", IMAGE_KEYS).map(this::image);
                Topic topic = problems.build(before, m.node(), entry.path(), () -> new Topic(id.orElseThrow(),
                        title.orElseThrow(), description.orElse(""), image.orElse(null)));
                if (topic != null) topics.add(topic);
            });
        }
        return ids;
    }

    private Topic.Image image(YamlMap m) {
        int before = problems.count();
        Optional<URI> url = m.requiredUrl("url");
        Optional<String> credit = m.text("credit");
        return problems.build(before, m.node(), m.path(), () -> new Topic.Image(url.orElseThrow(), credit.orElse("")));
    }

    /** A broken defaults section is reported; the built-in values stand in so sources can still be checked. */
    private Defaults defaults(Optional<YamlMap> section, List<String> types) {
        Duration every = section.flatMap(m -> m.duration("every", MIN_EVERY, "1m")).orElse(Duration.ofMinutes(30));
        String first = types.isEmpty() ? "News" : types.get(0);
        String type = section.flatMap(m -> m.declared("type", types, "type")).orElse(first);
        boolean hold = section.flatMap(ItemOptionsReader::moderation).orElse(false);
        return new Defaults(every, type, hold);
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
