-- Same story, right and cheap. text_print: the excerpt's word pairs as sorted 64-bit hashes (store/Shingles), made
-- once when an item is stored, so that a new item is compared with the stored items of its title without folding
-- and splitting their texts again; rows stored before have none and are compared by their excerpt.
-- same_story_lock: one row that every transaction storing new items locks before it looks for their copies, so that
-- two refreshes (or two nodes) storing copies of one story at the same moment see each other's items.
ALTER TABLE item ADD COLUMN text_print VARBINARY;
CREATE TABLE same_story_lock (
    id INT PRIMARY KEY
);
INSERT INTO same_story_lock (id) VALUES (1);
