package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

class SiteIconTest {

    private static byte[] bytes(String path) {
        return SiteIcon.BUNDLED.stream().filter(a -> a.path().equals(path)).findFirst().orElseThrow().bytes();
    }

    @Test
    void thePngIsASquareImageOfTheSizeThePagesDeclare() throws Exception {
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(bytes(SiteIcon.PNG_PATH)));

        assertThat(png.getWidth()).isEqualTo(SiteIcon.PNG_SIZE);
        assertThat(png.getHeight()).isEqualTo(SiteIcon.PNG_SIZE);
    }

    @Test
    void theFaviconIsAnIcoWhoseOneEntryHoldsThePngAsItIs() {
        byte[] png = bytes(SiteIcon.PNG_PATH);
        ByteBuffer ico = ByteBuffer.wrap(bytes(SiteIcon.FAVICON_PATH)).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(ico.getShort(0)).as("reserved").isZero();
        assertThat(ico.getShort(2)).as("type: icon").isEqualTo((short) 1);
        assertThat(ico.getShort(4)).as("images").isEqualTo((short) 1);
        assertThat(ico.get(6) & 0xff).as("width").isEqualTo(SiteIcon.PNG_SIZE);
        assertThat(ico.get(7) & 0xff).as("height").isEqualTo(SiteIcon.PNG_SIZE);
        assertThat(ico.getInt(14)).as("size").isEqualTo(png.length);
        int offset = ico.getInt(18);
        assertThat(Arrays.copyOfRange(ico.array(), offset, ico.capacity())).isEqualTo(png);
    }

    @Test
    void theSvgIsSquareXmlWithNoScript() {
        String svg = new String(bytes(SiteIcon.SVG_PATH), StandardCharsets.UTF_8);
        var root = Jsoup.parse(svg, "", Parser.xmlParser()).selectFirst("svg");

        assertThat(root.attr("viewBox")).isEqualTo("0 0 48 48");
        assertThat(svg).doesNotContainIgnoringCase("script").doesNotContainIgnoringCase("href");
    }

    @Test
    void everyBundledFileHasAnImageType() {
        assertThat(SiteIcon.BUNDLED).extracting(SiteIcon.Asset::contentType)
                .containsExactly("image/svg+xml", "image/png", "image/x-icon");
    }
}
