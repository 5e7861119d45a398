-- The event an item announces, beyond its start (event_start_at, V4): its end, whole days or not, the zone it was
-- written in, where, who, its own type, whether it is called off, where to sign up. revision counts the changes
-- stored to an item (an iCalendar SEQUENCE).
ALTER TABLE item ADD COLUMN event_end_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE item ADD COLUMN event_all_day BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE item ADD COLUMN event_zone VARCHAR(64);
ALTER TABLE item ADD COLUMN event_location VARCHAR(2000);
ALTER TABLE item ADD COLUMN event_organizer VARCHAR(2000);
ALTER TABLE item ADD COLUMN event_type VARCHAR(2000);
ALTER TABLE item ADD COLUMN event_cancelled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE item ADD COLUMN event_registration VARCHAR(8192);
ALTER TABLE item ADD COLUMN revision INTEGER DEFAULT 0 NOT NULL;
CREATE INDEX item_by_event_start ON item (event_start_at);
