-- The language the item's feed declares (a BCP 47 tag, e.g. "fr" or "pt-BR"; null when the feed says none or
-- something that is not one), and the alt text of its image (media:description or media:title, or the alt of the
-- first picture in its HTML; null when it has none).
ALTER TABLE item ADD COLUMN language VARCHAR(64);
ALTER TABLE item ADD COLUMN image_alt VARCHAR(2000);
