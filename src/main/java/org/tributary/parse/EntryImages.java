package org.tributary.parse;

import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.modules.mediarss.MediaEntryModule;
import com.rometools.modules.mediarss.MediaModule;
import com.rometools.modules.mediarss.types.MediaContent;
import com.rometools.modules.mediarss.types.MediaGroup;
import com.rometools.modules.mediarss.types.Metadata;
import com.rometools.modules.mediarss.types.Thumbnail;
import com.rometools.modules.mediarss.types.UrlReference;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import java.util.Locale;

/**
 * Picks one picture for an entry, most specific first: a media:thumbnail (made for lists like ours), a media:content
 * that is an image, an image enclosure, then the iTunes episode image. A Media RSS picture brings its alt text: the
 * media:description, else the media:title, of the element it came from, else of its group, else of the entry.
 */
final class EntryImages {

    /** A picture and its alt text as written (null when the feed gives none). */
    record Image(String url, String alt) {}

    private EntryImages() {}

    static Image find(SyndEntry e) {
        MediaEntryModule media = e.getModule(MediaModule.URI) instanceof MediaEntryModule m ? m : null;
        Image found = media == null ? null : thumbnail(media);
        if (found == null && media != null) found = imageContent(media);
        if (found == null) found = plain(imageEnclosure(e));
        if (found == null && e.getModule(ITunes.URI) instanceof EntryInformation itunes) {
            found = plain(itunes.getImageUri());
        }
        return found == null || found.url() == null || found.url().isBlank() ? null
                : new Image(found.url().trim(), found.alt());
    }

    private static Image plain(String url) {
        return url == null ? null : new Image(url, null);
    }

    private static Image thumbnail(MediaEntryModule media) {
        Metadata entry = media.getMetadata();
        Image found = thumbnail(entry, entry);
        for (MediaContent c : media.getMediaContents()) {
            if (found == null) found = thumbnail(c.getMetadata(), c.getMetadata(), entry);
        }
        for (MediaGroup g : media.getMediaGroups()) {
            if (found == null) found = thumbnail(g.getMetadata(), g.getMetadata(), entry);
            for (MediaContent c : g.getContents()) {
                if (found == null) found = thumbnail(c.getMetadata(), c.getMetadata(), g.getMetadata(), entry);
            }
        }
        return found;
    }

    /** @param described the metadata that may describe the picture, nearest first */
    private static Image thumbnail(Metadata metadata, Metadata... described) {
        if (metadata == null) return null;
        for (Thumbnail t : metadata.getThumbnail()) {
            if (t.getUrl() != null) return new Image(t.getUrl().toString(), alt(described));
        }
        return null;
    }

    private static Image imageContent(MediaEntryModule media) {
        Image found = imageContent(media.getMediaContents(), media.getMetadata());
        for (MediaGroup g : media.getMediaGroups()) {
            if (found == null) found = imageContent(g.getContents(), g.getMetadata(), media.getMetadata());
        }
        return found;
    }

    private static Image imageContent(MediaContent[] contents, Metadata... outer) {
        for (MediaContent c : contents) {
            boolean image = "image".equalsIgnoreCase(c.getMedium()) || isImageType(c.getType());
            if (image && c.getReference() instanceof UrlReference ref && ref.getUrl() != null) {
                Metadata[] described = new Metadata[outer.length + 1];
                described[0] = c.getMetadata();
                System.arraycopy(outer, 0, described, 1, outer.length);
                return new Image(ref.getUrl().toString(), alt(described));
            }
        }
        return null;
    }

    /** The nearest media:description, else the nearest media:title. */
    private static String alt(Metadata... described) {
        for (Metadata m : described) {
            if (m != null && m.getDescription() != null && !m.getDescription().isBlank()) return m.getDescription();
        }
        for (Metadata m : described) {
            if (m != null && m.getTitle() != null && !m.getTitle().isBlank()) return m.getTitle();
        }
        return null;
    }

    private static String imageEnclosure(SyndEntry e) {
        for (SyndEnclosure enclosure : e.getEnclosures()) {
            if (isImageType(enclosure.getType()) && enclosure.getUrl() != null) return enclosure.getUrl();
        }
        return null;
    }

    private static boolean isImageType(String type) {
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("image/");
    }
}
