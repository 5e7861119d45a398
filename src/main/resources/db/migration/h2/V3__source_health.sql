-- Source health as data (issue 3). health is null until the first attempt after this migration; the refresher
-- writes one of: ok, not-modified, failing, backing-off, rate-limited, moved, gone.
-- not_before: no request to the source before this time (backoff, Retry-After, ttl, Cache-Control); null = due.
-- redirect_target / redirect_streak: the all-permanent redirect seen on consecutive fetches; after 3 the feed has
-- moved: moved_to is fetched instead of the feeds.yml URL, as long as feeds.yml still says moved_from.
ALTER TABLE source_state ADD COLUMN health VARCHAR(20);
ALTER TABLE source_state ADD COLUMN not_before TIMESTAMP WITH TIME ZONE;
ALTER TABLE source_state ADD COLUMN redirect_target VARCHAR(8192);
ALTER TABLE source_state ADD COLUMN redirect_streak INT NOT NULL DEFAULT 0;
ALTER TABLE source_state ADD COLUMN moved_from VARCHAR(8192);
ALTER TABLE source_state ADD COLUMN moved_to VARCHAR(8192);
-- The feed's own poll hints (ttl, sy:updatePeriod, skipHours, skipDays) from its last 200, so a 304 honours them too.
ALTER TABLE source_state ADD COLUMN poll_hints VARCHAR(400);
