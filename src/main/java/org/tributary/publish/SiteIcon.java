package org.tributary.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.jsoup.nodes.Element;
import org.tributary.config.Site;

/**
 * The site's icon: site.icon when it is set, else the icon bundled with the program (a stream glyph, as SVG, as a
 * 48×48 PNG and as /favicon.ico), so every feed names an icon and every page has a favicon even when feeds.yml says
 * nothing. The feeds name the PNG, as RSS allows only GIF, JPEG and PNG and not every reader draws SVG; the pages
 * offer the SVG first and the PNG for browsers that do not take SVG icons.
 */
public final class SiteIcon {

    /** One bundled file: where it is served (and exported) and as what. */
    public record Asset(String path, String contentType, byte[] bytes) {
        public Asset {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    public static final String SVG_PATH = "/assets/icon.svg";
    public static final String PNG_PATH = "/assets/icon.png";
    public static final String FAVICON_PATH = "/favicon.ico";
    /** The PNG's width and height in pixels. */
    static final int PNG_SIZE = 48;

    private static final byte[] SVG = resource("icon.svg");
    private static final byte[] PNG = resource("icon.png");

    /** The bundled files, in the order a browser or reader would try them. */
    public static final List<Asset> BUNDLED = List.of(
            new Asset(SVG_PATH, "image/svg+xml", SVG),
            new Asset(PNG_PATH, "image/png", PNG),
            new Asset(FAVICON_PATH, "image/x-icon", ico(PNG)));

    private SiteIcon() {
    }

    /**
     * The icon the feeds name, as an absolute URL: site.icon (null when validators would refuse it, see
     * {@link Texts#attributeUrl}), else the bundled PNG on this server, under base_url's path. The bundled one is
     * held only to the self links' rule ({@link Texts#http}): it is on the same host as they are.
     */
    static String feedUrl(Site site) {
        if (site.icon() != null) return Texts.attributeUrl(site.icon().toString());
        return Texts.http(site.url(PNG_PATH));
    }

    /** Adds the page's icon links to a page's head; root-relative, so {@link SitePaths#rebase} puts them under the path. */
    public static void link(Element head, Site site) {
        if (site.icon() != null) {
            String icon = Texts.attributeUrl(site.icon().toString());
            if (icon != null) head.appendElement("link").attr("rel", "icon").attr("href", icon);
            return;
        }
        head.appendElement("link").attr("rel", "icon").attr("type", "image/svg+xml").attr("href", SVG_PATH);
        head.appendElement("link").attr("rel", "icon").attr("type", "image/png")
                .attr("sizes", PNG_SIZE + "x" + PNG_SIZE).attr("href", PNG_PATH);
    }

    private static byte[] resource(String name) {
        try (InputStream in = SiteIcon.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("publish: the bundled " + name + " is missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("publish: reading the bundled " + name, e);
        }
    }

    /**
     * An ICO file holding one PNG image: the header (reserved, type 1 = icon, one image), one directory entry
     * (width, height, no palette, one plane, 32 bits per pixel, size, offset), then the PNG as it is. Every browser
     * since IE 11 and Windows since Vista reads a PNG inside an ICO, and nothing is re-encoded.
     */
    static byte[] ico(byte[] png) {
        ByteBuffer ico = ByteBuffer.allocate(6 + 16 + png.length).order(ByteOrder.LITTLE_ENDIAN);
        ico.putShort((short) 0).putShort((short) 1).putShort((short) 1);
        ico.put((byte) PNG_SIZE).put((byte) PNG_SIZE).put((byte) 0).put((byte) 0);
        ico.putShort((short) 1).putShort((short) 32).putInt(png.length).putInt(6 + 16);
        ico.put(png);
        return ico.array();
    }
}
