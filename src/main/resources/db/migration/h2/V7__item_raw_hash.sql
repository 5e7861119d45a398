-- A fingerprint of everything normalize read to make the item (the entry's raw fields, the base its URLs resolve
-- against, the source's item rules, the normalizer's version). A refetched entry with the same fingerprint would
-- normalize to the same item, so the refresher skips normalizing it. Null for rows written before V7: those are
-- normalized once more on their next fetch, and get one.
ALTER TABLE item ADD COLUMN raw_hash VARCHAR(64);
-- The refresher reads (source, fingerprint → public id) before every normalize: from this index alone, never the
-- rows (reading a row reads its HTML).
CREATE INDEX item_by_source_raw ON item (source_id, raw_hash, public_id);
-- Retention reads a source's visible items newest first after every fetch: from this index alone, in its order.
CREATE INDEX item_by_source_visible ON item (source_id, hidden, sort_date DESC, first_seen_at DESC, public_id DESC);
-- It serves every query item_by_source_date (V1) served (they all ask for visible items, or only for the source),
-- and each index is written again on every commit that adds an item: the old one goes.
DROP INDEX item_by_source_date;
-- The fingerprint of the last document a source answered 200 with and that was stored (its bytes, how it was
-- served, the source's rules): the same again is answered like a 304, without parsing it. Null until then.
ALTER TABLE source_state ADD COLUMN document_hash VARCHAR(64);
