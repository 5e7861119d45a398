-- Issue 4: an event's start kept apart from the publish date, the image credit, and "one story, many partners":
-- an item that repeats another source's story points at the first one (duplicate_of) and is published only as an
-- "also from" line under it. title_key is the normalised title the duplicate check compares.
ALTER TABLE item ADD COLUMN event_start_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE item ADD COLUMN image_credit VARCHAR(2000);
ALTER TABLE item ADD COLUMN duplicate_of VARCHAR(64);
ALTER TABLE item ADD COLUMN title_key VARCHAR(400);
CREATE INDEX item_by_link ON item (link);
CREATE INDEX item_by_title_key ON item (title_key, sort_date);
CREATE INDEX item_by_duplicate_of ON item (duplicate_of);
