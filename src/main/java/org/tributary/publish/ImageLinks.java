package org.tributary.publish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tributary.config.Site;

/**
 * Where a published image (an item's, a topic's) points. With site.image_proxy off, at the image itself; on, at
 * {@code <base_url>/images/KEY} on our own origin, where KEY names the image's URL (SHA-256, base64url). The key
 * cannot be turned back into a URL: the proxy serves only the keys of images that published items carry, so it is
 * never an open proxy.
 */
public final class ImageLinks {

    /** The route's path before the key. */
    public static final String PATH = "/images/";

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{43}");

    private ImageLinks() {
    }

    /** The link an image is published under: {@code url} itself, or our route; null stays null. */
    static String link(Site site, String url) {
        if (url == null || !site.imageProxy().enabled()) return url;
        return site.url(PATH + key(url));
    }

    /** The image URL exactly as an item publishes it (the same checks as {@link PublishedItem#of}), if it does. */
    public static Optional<String> published(String storedUrl) {
        return Optional.ofNullable(Texts.attributeUrl(storedUrl));
    }

    /** A topic's image URL exactly as its page publishes it, if it does. */
    public static Optional<String> publishedTopicImage(java.net.URI configured) {
        return Optional.ofNullable(Texts.http(configured));
    }

    /** The key of a published image URL: SHA-256 of its text, base64url without padding (43 characters). */
    public static String key(String publishedUrl) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publishedUrl.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Whether text has the shape of a key (anything else is not worth a lookup). */
    public static boolean isKey(String text) {
        return text != null && KEY.matcher(text).matches();
    }
}
