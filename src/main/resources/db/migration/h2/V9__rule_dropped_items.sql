-- How many entries of the last document stored from a source its rules kept out of every output (action: drop, or
-- no keep rule matched): /status shows it per source. Those entries are never stored as items.
ALTER TABLE source_state ADD COLUMN dropped_items INT NOT NULL DEFAULT 0;
