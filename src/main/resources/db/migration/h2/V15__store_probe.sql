-- One row that serve rewrites now and then: a write that succeeds shows the store works again after it failed
-- (a full disk, a read-only file), even when no source is due.
CREATE TABLE store_probe (
    id         INT PRIMARY KEY,
    written_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO store_probe (id, written_at) VALUES (1, CURRENT_TIMESTAMP);
