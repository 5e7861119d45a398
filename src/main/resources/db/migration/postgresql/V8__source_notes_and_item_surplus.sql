-- What an editor should know of a source's last stored document, one line each (identity keys several different
-- items shared, fields cut or dropped because they were too long): shown in the source's /status detail. Null when
-- there is nothing to say.
ALTER TABLE source_state ADD COLUMN notes VARCHAR(4000);
-- Entries a source still lists that retention does not keep (beyond keep_items, older than max_age): remembered by
-- public id, with the raw fingerprint they were read from, so that the next fetch neither inserts nor normalizes
-- them again (an undated one would otherwise come back as "new" on every fetch). Forgotten once the feed no longer
-- lists them.
CREATE TABLE item_surplus (
    source_id VARCHAR(100) NOT NULL,
    public_id VARCHAR(64)  NOT NULL,
    raw_hash  VARCHAR(64),
    PRIMARY KEY (source_id, public_id)
);
