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
 * that is an image, an image enclosure, then the iTunes episode image.
 */
final class EntryImages {

    private EntryImages() {}

    static String find(SyndEntry e) {
        MediaEntryModule media = e.getModule(MediaModule.URI) instanceof MediaEntryModule m ? m : null;
        String found = media == null ? null : thumbnail(media);
        if (found == null && media != null) found = imageContent(media);
        if (found == null) found = imageEnclosure(e);
        if (found == null && e.getModule(ITunes.URI) instanceof EntryInformation itunes) {
            found = itunes.getImageUri();
        }
        return found == null || found.isBlank() ? null : found.trim();
    }

    private static String thumbnail(MediaEntryModule media) {
        String found = thumbnail(media.getMetadata());
        for (MediaContent c : media.getMediaContents()) {
            if (found == null) found = thumbnail(c.getMetadata());
        }
        for (MediaGroup g : media.getMediaGroups()) {
            if (found == null) found = thumbnail(g.getMetadata());
            for (MediaContent c : g.getContents()) {
                if (found == null) found = thumbnail(c.getMetadata());
            }
        }
        return found;
    }

    private static String thumbnail(Metadata metadata) {
        if (metadata == null) return null;
        for (Thumbnail t : metadata.getThumbnail()) {
            if (t.getUrl() != null) return t.getUrl().toString();
        }
        return null;
    }

    private static String imageContent(MediaEntryModule media) {
        String found = imageContent(media.getMediaContents());
        for (MediaGroup g : media.getMediaGroups()) {
            if (found == null) found = imageContent(g.getContents());
        }
        return found;
    }

    private static String imageContent(MediaContent[] contents) {
        for (MediaContent c : contents) {
            boolean image = "image".equalsIgnoreCase(c.getMedium()) || isImageType(c.getType());
            if (image && c.getReference() instanceof UrlReference ref && ref.getUrl() != null) {
                return ref.getUrl().toString();
            }
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
