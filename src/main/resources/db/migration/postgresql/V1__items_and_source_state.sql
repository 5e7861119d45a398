-- The PostgreSQL twin of h2/V1: the same tables, columns, types and indexes, so the store's SQL runs unchanged on
-- both (StoreIT and RefreshIT run against each). VARCHAR lengths match H2's so an oversized value fails alike.
CREATE TABLE item (
    public_id          VARCHAR(64)      NOT NULL PRIMARY KEY,
    source_id          VARCHAR(100)     NOT NULL,
    identity           VARCHAR(8192)    NOT NULL,
    guid               VARCHAR(8192),
    link               VARCHAR(8192),
    title              VARCHAR(8192)    NOT NULL,
    summary_html       VARCHAR(1000000) NOT NULL,
    content_html       VARCHAR(1000000) NOT NULL,
    excerpt            VARCHAR(20000)   NOT NULL,
    item_type          VARCHAR(100)     NOT NULL,
    categories         VARCHAR(20000)   NOT NULL,
    authors            VARCHAR(8192)    NOT NULL,
    image_url          VARCHAR(8192),
    published_at       TIMESTAMP WITH TIME ZONE,
    source_updated_at  TIMESTAMP WITH TIME ZONE,
    sort_date          TIMESTAMP WITH TIME ZONE NOT NULL,
    first_seen_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    content_hash       VARCHAR(64)      NOT NULL,
    hidden             BOOLEAN          NOT NULL DEFAULT FALSE
);

-- Newest first, ties by first seen: the published order.
CREATE INDEX item_by_date ON item (sort_date DESC, first_seen_at DESC, public_id DESC);
CREATE INDEX item_by_source_date ON item (source_id, sort_date DESC);

-- Topics are a table of their own so that /topics/{id} is an indexed join, not a LIKE.
CREATE TABLE item_topic (
    public_id VARCHAR(64)  NOT NULL REFERENCES item (public_id) ON DELETE CASCADE,
    topic     VARCHAR(100) NOT NULL,
    PRIMARY KEY (public_id, topic)
);
CREATE INDEX item_topic_by_topic ON item_topic (topic, public_id);

-- One row per source: what the fetcher needs next time and what /status shows.
CREATE TABLE source_state (
    source_id            VARCHAR(100)  NOT NULL PRIMARY KEY,
    url                  VARCHAR(8192),
    etag                 VARCHAR(8192),
    last_modified        VARCHAR(200),
    last_attempt_at      TIMESTAMP WITH TIME ZONE,
    last_success_at      TIMESTAMP WITH TIME ZONE,
    last_status          INT           NOT NULL DEFAULT 0,
    last_error           VARCHAR(2000),
    consecutive_failures INT           NOT NULL DEFAULT 0,
    next_fetch_at        TIMESTAMP WITH TIME ZONE,
    unmapped_categories  VARCHAR(20000) NOT NULL DEFAULT ''
);

-- A single row whose version moves whenever anything published changes: caches of rendered documents key on it.
CREATE TABLE publish_state (
    id         INT                      NOT NULL PRIMARY KEY,
    version    BIGINT                   NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO publish_state (id, version, changed_at) VALUES (1, 0, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00Z');
