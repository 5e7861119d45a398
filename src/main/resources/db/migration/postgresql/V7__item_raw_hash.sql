-- A fingerprint of everything normalize read to make the item (the entry's raw fields, the base its URLs resolve
-- against, the source's item rules, the normalizer's version). A refetched entry with the same fingerprint would
-- normalize to the same item, so the refresher skips normalizing it. Null for rows written before V7: those are
-- normalized once more on their next fetch, and get one.
ALTER TABLE item ADD COLUMN raw_hash VARCHAR(64);
