-- The post dates (epoch seconds, newest first, at most ten) of the last document stored from a source, so that a 304
-- or an unchanged document keeps the adaptive polling spacing the last changed document gave.
ALTER TABLE source_state ADD COLUMN post_dates VARCHAR(400);
