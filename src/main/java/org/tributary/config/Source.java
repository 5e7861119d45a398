package org.tributary.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One feed we poll. The id is stable: history stays with the id when the URL changes.
 *
 * @param home  the partner's human page, may be null
 * @param type  the default type of its items (one of {@link Config#types()})
 * @param owner optional contact, may be null
 * @param rules the top-level filters, then the source's own; for each decision (drop or keep, type and topics) the
 *              first rule that matches and makes it wins
 * @param fetchOptions per-source fetching opt-ins
 * @param itemOptions  per-source item reading options
 */
public record Source(
        String id,
        String title,
        URI url,
        URI home,
        Kind kind,
        String type,
        List<String> topics,
        Duration every,
        String owner,
        List<Rule> rules,
        FetchOptions fetchOptions,
        ItemOptions itemOptions) {

    public Source {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(every, "every");
        topics = List.copyOf(topics);
        rules = List.copyOf(rules);
        fetchOptions = fetchOptions == null ? FetchOptions.DEFAULTS : fetchOptions;
        itemOptions = itemOptions == null ? ItemOptions.DEFAULTS : itemOptions;
    }

    /** A source with default fetch and item options. */
    public Source(String id, String title, URI url, URI home, Kind kind, String type, List<String> topics,
                  Duration every, String owner, List<Rule> rules) {
        this(id, title, url, home, kind, type, topics, every, owner, rules, FetchOptions.DEFAULTS, ItemOptions.DEFAULTS);
    }

    /** The same source with {@code first} ahead of its own rules (the top-level {@code filters:}). */
    public Source withRulesFirst(List<Rule> first) {
        List<Rule> all = new java.util.ArrayList<>(first);
        all.addAll(rules);
        return new Source(id, title, url, home, kind, type, topics, every, owner, all, fetchOptions, itemOptions);
    }

    public enum Kind {
        PARTNER, LIBRARY;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
