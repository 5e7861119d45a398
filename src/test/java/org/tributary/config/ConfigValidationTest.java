package org.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One broken feeds.yml per row, and the exact errors it must produce: position, key path and wording are the
 * user interface of the config stage.
 */
class ConfigValidationTest {

    /** Lines 1–3: a valid site, two types, one topic. */
    private static final String HEAD = """
            site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
            types: [News, Webinar]
            topics: [{ id: tech, title: Tech }]
            """;

    /** Lines 1–7: HEAD and the start of a valid source; a row continues it at line 8 with four spaces. */
    private static final String SOURCE = HEAD + """
            sources:
              - id: a
                title: A
                url: https://a.example.org/feed
            """;

    private static final String VALID_SITE = "{ title: T, link: \"https://lib.example.org/\", base_url: \"http://localhost:8080\" }";

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                // sources
                row("rejectsUndeclaredTypeWithLineAndKey", SOURCE + "    type: Podcast\n",
                        "feeds.yml:8:11: sources[0].type: \"Podcast\" is not a declared type (declared: News, Webinar)"),
                row("rejectsUndeclaredTopicAtItsListEntry", SOURCE + "    topics: [tech, gardening]\n",
                        "feeds.yml:8:20: sources[0].topics[1]: \"gardening\" is not a declared topic (declared: tech)"),
                row("rejectsTopicListedTwice", SOURCE + "    topics: [tech, tech]\n",
                        "feeds.yml:8:20: sources[0].topics[1]: \"tech\" is listed twice"),
                row("rejectsKindOtherThanPartnerOrLibrary", SOURCE + "    kind: vendor\n",
                        "feeds.yml:8:11: sources[0].kind: must be partner or library"),
                row("rejectsPollingMoreOftenThanOnceAMinute", SOURCE + "    every: 30s\n",
                        "feeds.yml:8:12: sources[0].every: must be at least 1m"),
                row("rejectsDurationWithoutUnit", SOURCE + "    every: 30\n",
                        "feeds.yml:8:12: sources[0].every: not a duration like 30s, 15m, 6h, 1d or 1h30m"),
                row("rejectsDurationInWords", SOURCE + "    every: 30 minutes\n",
                        "feeds.yml:8:12: sources[0].every: not a duration like 30s, 15m, 6h, 1d or 1h30m"),
                row("rejectsZeroDuration", SOURCE + "    every: 0m\n",
                        "feeds.yml:8:12: sources[0].every: must be positive"),
                row("rejectsModerationOtherThanPublishOrHold", SOURCE + "    moderation: review\n",
                        "feeds.yml:8:17: sources[0].moderation: must be publish or hold"),
                row("rejectsModerationOtherThanPublishOrHoldInDefaults", HEAD + "defaults: { moderation: yes }\n",
                        "feeds.yml:4:25: defaults.moderation: must be publish or hold"),
                // credentials in a URL that is published
                row("rejectsCredentialsInSourceUrl", HEAD + "sources:\n  - id: a\n    title: A\n    url: https://u:hunter2@a.example.org/feed\n",
                        "feeds.yml:7:10: sources[0].url: has credentials (user:password@); they would be published in feeds, OPML and /status, so they are refused: remove them"),
                row("rejectsCredentialsInHome", SOURCE + "    home: https://user@a.example.org/\n",
                        "feeds.yml:8:11: sources[0].home: has credentials (user:password@); they would be published in feeds, OPML and /status, so they are refused: remove them"),
                row("rejectsATokenInTheSourceQuery", HEAD + "sources:\n  - id: a\n    title: A\n    url: https://a.example.org/feed?format=rss&api_key=s3cr3t\n",
                        "feeds.yml:7:10: sources[0].url: its query parameter \"api_key\" looks like a secret; it would be published in feeds, OPML and /status, so it is refused: use a URL without it"),
                row("rejectsASignatureInHome", SOURCE + "    home: https://a.example.org/?Sig=abc\n",
                        "feeds.yml:8:11: sources[0].home: its query parameter \"Sig\" looks like a secret; it would be published in feeds, OPML and /status, so it is refused: use a URL without it"),
                row("rejectsCredentialsInBaseUrl", "site: { title: T, link: \"https://lib.example.org/\", base_url: \"http://admin:pw@localhost:8080\" }\n"
                                + "sources: [{ id: a, title: A, url: \"https://a.example.org/feed\" }]\n",
                        "feeds.yml:1:63: site.base_url: has credentials (user:password@); they would be published in feeds, OPML and /status, so they are refused: remove them"),
                row("rejectsATokenInTheSiteLink", "site: { title: T, link: \"https://lib.example.org/?token=x\", base_url: \"http://localhost:8080\" }\n"
                                + "sources: [{ id: a, title: A, url: \"https://a.example.org/feed\" }]\n",
                        "feeds.yml:1:25: site.link: its query parameter \"token\" looks like a secret; it would be published in feeds, OPML and /status, so it is refused: use a URL without it"),
                row("rejectsAnIconThatIsNotAnHttpUrl", "site: { title: T, link: \"https://lib.example.org/\", base_url: \"http://localhost:8080\", icon: \"file:///etc/icon.png\" }\n"
                                + "sources: [{ id: a, title: A, url: \"https://a.example.org/feed\" }]\n",
                        "feeds.yml:1:94: site.icon: not an http(s) URL"),
                row("rejectsCredentialsInTheHub", "site: { title: T, link: \"https://lib.example.org/\", base_url: \"http://localhost:8080\", hub: \"https://a:b@hub.example.org/\" }\n"
                                + "sources: [{ id: a, title: A, url: \"https://a.example.org/feed\" }]\n",
                        "feeds.yml:1:93: site.hub: has credentials (user:password@); they would be published in feeds, OPML and /status, so they are refused: remove them"),
                row("rejectsAPasswordInATopicImage", "site: " + VALID_SITE + "\ntopics: [{ id: t, title: T, image: { url: \"https://i.example.org/a.jpg?password=x\" } }]\n"
                                + "sources: [{ id: a, title: A, url: \"https://a.example.org/feed\" }]\n",
                        "feeds.yml:2:43: topics[0].image.url: its query parameter \"password\" looks like a secret; it would be published in feeds, OPML and /status, so it is refused: use a URL without it"),
                row("rejectsHomeWithoutScheme", SOURCE + "    home: www.example.org\n",
                        "feeds.yml:8:11: sources[0].home: not an http(s) URL"),
                row("rejectsJavascriptUrl", SOURCE + "    home: \"javascript:alert(1)\"\n",
                        "feeds.yml:8:11: sources[0].home: not an http(s) URL"),
                row("rejectsOwnerThatIsNotAnAddress", SOURCE + "    owner: webmaster\n",
                        "feeds.yml:8:12: sources[0].owner: not an email address"),
                row("rejectsUnknownIdentityRule", SOURCE + "    identity: uuid\n",
                        "feeds.yml:8:15: sources[0].identity: must be auto, guid, link or content"),
                row("rejectsUnknownTimeZone", SOURCE + "    timezone: Mars/Olympus\n",
                        "feeds.yml:8:15: sources[0].timezone: not a time zone like Europe/London, America/New_York or +02:00"),
                row("rejectsNonBooleanOldDates", SOURCE + "    allow_old_dates: maybe\n",
                        "feeds.yml:8:22: sources[0].allow_old_dates: must be true or false"),
                row("rejectsUnknownSourceKeyAtTheKey", SOURCE + "    colour: red\n",
                        "feeds.yml:8:5: sources[0].colour: unknown key (expected one of: id, title, url, home, kind, "
                                + "type, topics, every, owner, rules, fetch, identity, timezone, allow_old_dates, hide_past_events, keep_items, max_age, moderation)"),
                row("rejectsMalformedTlsPin", SOURCE + "    fetch: { tls_pin: \"sha1/abc\" }\n",
                        "feeds.yml:8:23: sources[0].fetch.tls_pin: not a public-key pin like sha256/ followed by 44 "
                                + "characters of base64"),
                row("rejectsMissingTlsCaFile", SOURCE + "    fetch: { tls_ca: /nonexistent/ca.pem }\n",
                        "feeds.yml:8:22: sources[0].fetch.tls_ca: no readable file /nonexistent/ca.pem (a PEM file of "
                                + "CA certificates)"),
                row("rejectsAdaptiveThatIsNotABoolean", SOURCE + "    fetch: { adaptive: sometimes }\n",
                        "feeds.yml:8:24: sources[0].fetch.adaptive: must be true or false"),
                row("rejectsUnknownFetchOption", SOURCE + "    fetch: { insecure: true }\n",
                        "feeds.yml:8:14: sources[0].fetch.insecure: unknown key (expected one of: tls_ca, tls_pin, "
                                + "adaptive)"),
                row("rejectsDuplicateKeyInsideASource", SOURCE + "    title: B\n",
                        "feeds.yml:8:5: sources[0].title: duplicate key, first at line 6"),
                row("rejectsDuplicateSourceId", SOURCE + "  - { id: a, title: B, url: \"https://b.example.org/\" }\n",
                        "feeds.yml:8:11: sources[1].id: duplicate source id \"a\", first at line 5"),
                row("rejectsIdWithCapitalsOrUnderscores", HEAD
                                + "sources:\n  - { id: Programming_Librarian, title: P, url: \"https://p.example.org/\" }\n",
                        "feeds.yml:5:11: sources[0].id: not a valid id (lowercase letters, digits and '-', "
                                + "not starting with '-')"),
                row("rejectsSourceWithoutIdOrUrl", HEAD + "sources:\n  - title: P\n",
                        "feeds.yml:5:5: sources[0].id: missing required key",
                        "feeds.yml:5:5: sources[0].url: missing required key"),
                row("rejectsSourceUrlThatIsNotHttp", HEAD + "sources:\n  - id: p\n    title: P\n    url: ftp://p.example.org/\n",
                        "feeds.yml:7:10: sources[0].url: not an http(s) URL"),
                row("rejectsSourcesGivenAsAMapping", HEAD + "sources: { a: 1 }\n",
                        "feeds.yml:4:10: sources: expected a list, found a mapping"),
                row("rejectsAListWhereASourceMappingIsExpected", HEAD + "sources:\n  - [a, b]\n",
                        "feeds.yml:5:5: sources[0]: expected a mapping, found a list"),
                row("rejectsAListWhereATitleIsExpected", SOURCE.replace("title: A", "title: [A]"),
                        "feeds.yml:6:12: sources[0].title: expected a single value, found a list"),
                // rules
                row("rejectsRuleWithTwoConditions", SOURCE + "    rules:\n      - when: { category: webinar, title: x }\n"
                                + "        type: Webinar\n",
                        "feeds.yml:9:15: sources[0].rules[0].when: needs exactly one of category, title, link, text"),
                row("rejectsRuleWithNoCondition", SOURCE + "    rules:\n      - when: {}\n        type: Webinar\n",
                        "feeds.yml:9:15: sources[0].rules[0].when: needs exactly one of category, title, link, text"),
                row("rejectsRuleWithoutWhen", SOURCE + "    rules:\n      - type: Webinar\n",
                        "feeds.yml:9:9: sources[0].rules[0].when: missing required key"),
                row("rejectsRuleThatGivesNothing", SOURCE + "    rules:\n      - when: { category: webinar }\n",
                        "feeds.yml:9:9: sources[0].rules[0]: a rule needs a type or topics to give, or an action (drop or keep)"),
                row("rejectsBadTitleRegexInSecondSource", SOURCE
                                + "  - id: b\n    title: B\n    url: https://b.example.org/\n"
                                + "    rules:\n      - when: { title: \"(?i)webinar(\" }\n        type: Webinar\n",
                        "feeds.yml:12:24: sources[1].rules[0].when.title: not a valid regex: Unclosed group near index 12"),
                row("rejectsBadLinkRegex", SOURCE + "    rules:\n      - when: { link: \"[a-\" }\n        type: Webinar\n",
                        "feeds.yml:9:23: sources[0].rules[0].when.link: not a valid regex: Illegal character range "
                                + "near index 3"),
                row("rejectsUndeclaredRuleType", SOURCE + "    rules:\n      - when: { category: x }\n        type: Event\n",
                        "feeds.yml:10:15: sources[0].rules[0].type: \"Event\" is not a declared type (declared: News, Webinar)"),
                row("rejectsUndeclaredRuleTopic", SOURCE + "    rules:\n      - when: { category: x }\n        topics: [art]\n",
                        "feeds.yml:10:18: sources[0].rules[0].topics[0]: \"art\" is not a declared topic (declared: tech)"),
                row("rejectsUnknownConditionKey", SOURCE + "    rules:\n      - when: { categroy: x }\n        type: News\n",
                        "feeds.yml:9:15: sources[0].rules[0].when: needs exactly one of category, title, link, text",
                        "feeds.yml:9:17: sources[0].rules[0].when.categroy: unknown key (expected one of: category, title, link, text)"),
                row("rejectsBadTextRegexWithItsPosition", SOURCE + "    rules:\n      - when: { text: \"(?i)sponsor(ed\" }\n"
                                + "        action: drop\n",
                        "feeds.yml:9:23: sources[0].rules[0].when.text: not a valid regex: Unclosed group near index 14"),
                row("rejectsUnknownAction", SOURCE + "    rules:\n      - when: { title: x }\n        action: hide\n",
                        "feeds.yml:10:17: sources[0].rules[0].action: must be classify, drop or keep"),
                row("rejectsDropRuleThatAlsoGivesAType", SOURCE + "    rules:\n      - when: { title: x }\n"
                                + "        action: drop\n        type: Webinar\n",
                        "feeds.yml:9:9: sources[0].rules[0]: a drop rule gives no type or topics (the item is not "
                                + "published)"),
                row("rejectsClassifyRuleThatGivesNothing", SOURCE + "    rules:\n      - when: { title: x }\n"
                                + "        action: classify\n",
                        "feeds.yml:9:9: sources[0].rules[0]: a classify rule needs a type or topics to give"),
                row("rejectsBadFilterRegexAtTheTop", HEAD + "filters:\n  - when: { text: \"[a-\" }\n    action: drop\n",
                        "feeds.yml:5:19: filters[0].when.text: not a valid regex: Illegal character range near index 3"),
                row("rejectsFilterWithUndeclaredTopic", HEAD + "filters:\n  - when: { category: x }\n    topics: [art]\n",
                        "feeds.yml:6:14: filters[0].topics[0]: \"art\" is not a declared topic (declared: tech)"),
                row("rejectsFiltersThatAreNotAList", HEAD + "filters: { when: { title: x } }\n",
                        "feeds.yml:4:10: filters: expected a list, found a mapping"),
                row("rejectsRulesThatAreNotMappings", SOURCE + "    rules: [webinar]\n",
                        "feeds.yml:8:13: sources[0].rules[0]: expected a mapping, found a single value"),
                // site
                row("rejectsMissingSiteAtTheTop", "sources: []\n",
                        "feeds.yml:1:1: site: missing required key"),
                row("rejectsSiteGivenAsAList", "site: [a]\n",
                        "feeds.yml:1:7: site: expected a mapping, found a list"),
                row("rejectsSiteWithoutTitleLinkAndBaseUrl", "site:\n  description: D\n",
                        "feeds.yml:2:3: site.title: missing required key",
                        "feeds.yml:2:3: site.link: missing required key",
                        "feeds.yml:2:3: site.base_url: missing required key"),
                row("rejectsRelativeBaseUrl", "site: { title: T, link: \"https://l.example.org/\", base_url: /feeds }\n",
                        "feeds.yml:1:61: site.base_url: not an http(s) URL"),
                row("rejectsItemsAbove500", "site:\n  title: T\n  link: https://l.example.org/\n"
                                + "  base_url: http://localhost:8080\n  items: 501\n",
                        "feeds.yml:5:10: site.items: must be a whole number from 1 to 500"),
                row("rejectsExcerptCharsBelow20", "site:\n  title: T\n  link: https://l.example.org/\n"
                                + "  base_url: http://localhost:8080\n  excerpt_chars: 10\n",
                        "feeds.yml:5:18: site.excerpt_chars: must be a whole number from 20 to 5000"),
                row("rejectsExcerptCharsThatIsNotANumber", "site:\n  title: T\n  link: https://l.example.org/\n"
                                + "  base_url: http://localhost:8080\n  excerpt_chars: lots\n",
                        "feeds.yml:5:18: site.excerpt_chars: must be a whole number from 20 to 5000"),
                row("rejectsCacheMaxAgeThatIsNotADuration", "site:\n  title: T\n  link: https://l.example.org/\n"
                                + "  base_url: http://localhost:8080\n  cache_max_age: soon\n",
                        "feeds.yml:5:18: site.cache_max_age: not a duration like 30s, 15m, 6h, 1d or 1h30m"),
                row("rejectsHubThatIsNotHttp", "site:\n  title: T\n  link: https://l.example.org/\n"
                                + "  base_url: http://localhost:8080\n  hub: mailto:hub@example.org\n",
                        "feeds.yml:5:8: site.hub: not an http(s) URL"),
                row("rejectsLanguageThatIsNotATag", "site:\n  title: T\n  link: https://l.example.org/\n"
                                + "  base_url: http://localhost:8080\n  language: English (UK)\n",
                        "feeds.yml:5:13: site.language: not a language tag like en or en-GB"),
                row("rejectsSiteTimezoneThatIsNotAnIanaZone", "site:\n  title: T\n  link: https://l.example.org/\n"
                                + "  base_url: http://localhost:8080\n  timezone: Central Time\n",
                        "feeds.yml:5:13: site.timezone: not an IANA time zone like America/Chicago, Europe/Paris or UTC"),
                row("rejectsSiteTimezoneGivenAsAnOffset", "site:\n  title: T\n  link: https://l.example.org/\n"
                                + "  base_url: http://localhost:8080\n  timezone: \"-05:00\"\n",
                        "feeds.yml:5:13: site.timezone: not an IANA time zone like America/Chicago, Europe/Paris or UTC"),
                row("rejectsUnknownTopLevelKey", "site: " + VALID_SITE + "\nsource: []\n",
                        "feeds.yml:2:1: source: unknown key (expected one of: site, fetch, alerts, admin, defaults, types, "
                                + "topics, sources, filters, metrics)"),
                // fetch
                row("rejectsPerHostOutOfRange", "site: " + VALID_SITE + "\nfetch: { per_host: 0 }\n",
                        "feeds.yml:2:20: fetch.per_host: must be a whole number from 1 to 64"),
                row("rejectsMaxConcurrentThatIsNotANumber", "site: " + VALID_SITE + "\nfetch: { max_concurrent: many }\n",
                        "feeds.yml:2:26: fetch.max_concurrent: must be a whole number from 1 to 1024"),
                row("rejectsZeroTimeout", "site: " + VALID_SITE + "\nfetch: { timeout: 0s }\n",
                        "feeds.yml:2:19: fetch.timeout: must be positive"),
                row("rejectsSizeWithUnknownUnit", "site: " + VALID_SITE + "\nfetch: { max_bytes: 10 MiB }\n",
                        "feeds.yml:2:21: fetch.max_bytes: not a size like 512KB, 10MB, 1GB or a number of bytes"),
                row("rejectsZeroSize", "site: " + VALID_SITE + "\nfetch: { max_bytes: 0 }\n",
                        "feeds.yml:2:21: fetch.max_bytes: must be positive"),
                row("rejectsAllowPrivateWithoutPort", "site: " + VALID_SITE + "\nfetch:\n  allow_private: [localhost]\n",
                        "feeds.yml:3:19: fetch.allow_private[0]: not a host:port pair like localhost:8081"),
                row("rejectsAllowPrivateWithPortOutOfRange", "site: " + VALID_SITE + "\nfetch:\n  allow_private: [\"h:70000\"]\n",
                        "feeds.yml:3:19: fetch.allow_private[0]: not a host:port pair like localhost:8081"),
                row("rejectsUserAgentGivenAsAList", "site: " + VALID_SITE + "\nfetch:\n  user_agent: [a, b]\n",
                        "feeds.yml:3:15: fetch.user_agent: expected a single value, found a list"),
                // alerts
                row("rejectsWebhookThatIsNotHttp", "site: " + VALID_SITE + "\nalerts:\n  webhook: hooks.example.org\n",
                        "feeds.yml:3:12: alerts.webhook: not an http(s) URL"),
                row("rejectsAlertsAfterThatIsNotADuration", "site: " + VALID_SITE + "\nalerts:\n  after: six hours\n",
                        "feeds.yml:3:10: alerts.after: not a duration like 30s, 15m, 6h, 1d or 1h30m"),
                row("rejectsEmailToGivenAsOneString", "site: " + VALID_SITE + "\nalerts:\n  email:\n"
                                + "    smtp: smtp.example.org:587\n    from: f@example.org\n    to: web@example.org\n",
                        "feeds.yml:6:9: alerts.email.to: expected a list, found a single value"),
                row("rejectsEmailToWithABadAddress", "site: " + VALID_SITE + "\nalerts:\n  email:\n"
                                + "    smtp: smtp.example.org:587\n    from: f@example.org\n    to: [web@example.org, webteam]\n",
                        "feeds.yml:6:27: alerts.email.to[1]: not an email address"),
                row("rejectsEmptyEmailTo", "site: " + VALID_SITE + "\nalerts:\n  email:\n"
                                + "    smtp: smtp.example.org:587\n    from: f@example.org\n    to: []\n",
                        "feeds.yml:6:9: alerts.email.to: must list at least one address"),
                row("rejectsSmtpWithoutPort", "site: " + VALID_SITE + "\nalerts:\n  email:\n"
                                + "    smtp: smtp.example.org\n    from: f@example.org\n    to: [a@example.org]\n",
                        "feeds.yml:4:11: alerts.email.smtp: not a host:port pair like smtp.example.org:587"),
                // defaults, types, topics
                row("rejectsUndeclaredDefaultType", HEAD + "defaults: { type: Event }\n",
                        "feeds.yml:4:19: defaults.type: \"Event\" is not a declared type (declared: News, Webinar)"),
                row("rejectsDefaultEveryBelowOneMinute", HEAD + "defaults: { every: 10s }\n",
                        "feeds.yml:4:20: defaults.every: must be at least 1m"),
                row("rejectsTypeDeclaredTwice", "site: " + VALID_SITE + "\ntypes: [News, News]\n",
                        "feeds.yml:2:15: types[1]: \"News\" is listed twice"),
                row("rejectsEmptyTypes", "site: " + VALID_SITE + "\ntypes: []\n",
                        "feeds.yml:2:8: types: must list at least one type"),
                row("rejectsTypeNameStartingWithADigit", "site: " + VALID_SITE + "\ntypes: [News, 1st]\n",
                        "feeds.yml:2:15: types[1]: not a type name (letters, digits, spaces, '-' and '_', starting with a letter)"),
                row("rejectsDuplicateTopicId", "site: " + VALID_SITE + "\ntopics:\n  - { id: tech, title: A }\n"
                                + "  - { id: tech, title: B }\n",
                        "feeds.yml:4:11: topics[1].id: duplicate topic id \"tech\", first at line 3"),
                row("rejectsTopicWithoutTitle", "site: " + VALID_SITE + "\ntopics:\n  - id: tech\n",
                        "feeds.yml:3:5: topics[0].title: missing required key"),
                row("rejectsTopicIdWithSpaces", "site: " + VALID_SITE + "\ntopics:\n  - { id: Tech Stuff, title: T }\n",
                        "feeds.yml:3:11: topics[0].id: not a valid id (lowercase letters, digits and '-', not starting with '-')"),
                row("rejectsTopicImageUrlThatIsNotHttp", "site: " + VALID_SITE + "\ntopics:\n  - id: tech\n    title: T\n"
                                + "    image: { url: \"img/p.jpg\", credit: C }\n",
                        "feeds.yml:5:19: topics[0].image.url: not an http(s) URL"),
                row("reportsBadTopicImageOnceNotAgainAtSourcesThatNameIt", "site: " + VALID_SITE
                                + "\ntopics:\n  - { id: tech, title: T, image: { credit: C } }\n"
                                + "sources:\n  - { id: a, title: A, url: \"https://a.example.org/\", topics: [tech] }\n",
                        "feeds.yml:3:34: topics[0].image.url: missing required key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void reportsExactErrors(String name, String yaml, List<String> expected) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader().parse("feeds.yml", yaml));

        assertThat(e).as("%s should be refused", name).isNotNull();
        assertThat(e.errors()).map(ConfigError::toString).containsExactlyElementsOf(expected);
    }

    private static Arguments row(String name, String yaml, String... expected) {
        return Arguments.of(name, yaml, List.of(expected));
    }
}
