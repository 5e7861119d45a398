package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tributary.normalize.Item;
import org.tributary.testing.Chromium;
import org.tributary.testing.Items;
import org.tributary.testing.LocalSite;
import org.tributary.testing.StoredItems;

/**
 * A partner's 4000×3000 photograph in headless Chromium at a phone's 390 px: on the page, in /embed and in what
 * embed.js renders on a host page, the picture really loads (its natural size is the file's) and neither it nor the
 * page grows wider than the screen. The picture is served by another web server, as a partner's would be.
 */
class ItemImageBrowserIT {

    private static final Instant T0 = Instant.parse("2019-06-27T14:00:00Z");
    private static final int PHONE = 390;
    private static final String ALT = "Children listening to a story in the reading room";

    @TempDir
    Path dataDir;

    private WebFixture server;
    private LocalSite partner;
    private Chromium chromium;

    @BeforeEach
    void start() throws Exception {
        Path images = Files.createDirectories(dataDir.resolve("images"));
        // One bit per pixel: a 4000×3000 picture of a few kilobytes, written in well under a second.
        ImageIO.write(new BufferedImage(4000, 3000, BufferedImage.TYPE_BYTE_BINARY), "png",
                images.resolve("huge.png").toFile());
        partner = new LocalSite().files("/images", images);
        server = new WebFixture(dataDir, null);
        server.add("A story without a picture", "News", T0, T0, "partnerships");
        Item pictured = Items.item("partner", "guid:photo").publicId("pid-photo").guid("photo")
                .link("https://example.org/photo").title("Storytime in the reading room")
                .summaryHtml("<p>Stories.</p>").excerpt("Stories for everyone, every Wednesday.").topics("partnerships")
                .imageUrl(partner.url("/images/huge.png")).imageAlt(ALT).imageCredit("Photo: Ann Example, CC BY 4.0")
                .published(T0.plusSeconds(60)).contentHash("hp").build();
        StoredItems.saveFetched(server.store, "partner", "u", null, null, List.of(pictured), Set.of(), T0);
        partner.page("/host.html", """
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="stylesheet" href="%s"></head>
                <body><h1>Our partners' news</h1><div data-tributary></div><script src="%s"></script></body></html>
                """.formatted(server.url("/assets/embed.css"), server.url("/embed.js")));
        chromium = Chromium.start(dataDir);
    }

    @AfterEach
    void stop() {
        if (chromium != null) chromium.close();
        if (partner != null) partner.close();
        if (server != null) server.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"page", "embed", "embed.js"})
    void aHugePictureLoadsButNeverWidensThePageOnAPhone(String where) throws Exception {
        String url = switch (where) {
            case "page" -> server.url("/");
            case "embed" -> server.url("/embed");
            default -> partner.url("/host.html");
        };
        Chromium.Page page = chromium.open(PHONE, 844, false).go(url);
        String img = "document.querySelector('img[alt=" + json(ALT) + "]')";
        page.until(img + " !== null");
        page.eval(img + ".scrollIntoView(); true");
        page.until(img + ".complete && " + img + ".naturalWidth > 0");

        JsonNode facts = page.eval("(() => { const i = " + img + "; const r = i.getBoundingClientRect(); return {"
                + "natural: i.naturalWidth + 'x' + i.naturalHeight, width: r.width, right: r.right, height: r.height,"
                + "page: document.documentElement.scrollWidth, body: document.body.scrollWidth,"
                + "viewport: window.innerWidth, loading: i.getAttribute('loading'), decoding: i.getAttribute('decoding'),"
                + "caption: (i.closest('figure').querySelector('figcaption')"
                + " || (i.closest('article') && i.closest('article').querySelector('.credit'))"
                + " || { textContent: null }).textContent }; })()");
        page.screenshot(Path.of("target", "screenshots", "item-image-" + where.replace('.', '-') + "-390.png"));
        page.close();

        assertThat(facts.get("natural").asText()).as("the file itself was loaded").isEqualTo("4000x3000");
        assertThat(facts.get("viewport").asInt()).isEqualTo(PHONE);
        assertThat(facts.get("page").asInt()).as("the page's width").isLessThanOrEqualTo(PHONE);
        assertThat(facts.get("body").asInt()).as("the body's width").isLessThanOrEqualTo(PHONE);
        assertThat(facts.get("width").asDouble()).as("the picture's width").isGreaterThan(0).isLessThanOrEqualTo(PHONE);
        assertThat(facts.get("right").asDouble()).as("the picture's right edge").isLessThanOrEqualTo(PHONE);
        assertThat(facts.get("height").asDouble()).as("the picture's height, not 3000 px").isLessThan(PHONE);
        assertThat(facts.get("loading").asText()).isEqualTo("lazy");
        assertThat(facts.get("decoding").asText()).isEqualTo("async");
        assertThat(facts.get("caption").asText()).isEqualTo("Photo: Ann Example, CC BY 4.0");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/embed"})
    void axeFindsNoViolationInAnItemWithItsPictureAndCaption(String path) throws Exception {
        String axe = Files.readString(org.tributary.testing.Required.axeCore());
        Chromium.Page page = chromium.open(PHONE, 844, false).go(server.url(path));
        page.until("document.querySelector('figure img') !== null");
        page.eval(axe + "\n;true");
        JsonNode violations = page.eval("axe.run(document).then(r => r.violations.map(v => v.id + ': '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', ')))");
        page.close();
        assertThat(violations).as("axe-core violations on %s", path).isEmpty();
    }

    /**
     * In /embed the picture is a thumbnail beside the item's lines and its credit a line among them: five pictured
     * items with the seed page's longest titles still fit the static iframe height docs/embedding.md gives (46rem)
     * from 320 to 1280 px; below 24rem the frame shows them without pictures.
     */
    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {320, 390, 768, 1280})
    void fivePicturedItemsFitTheDocumentedStaticFrameHeight(int width) throws Exception {
        String[] titles = {
            "Always Be Listening: How Public Libraries are Approaching Community Engagement as a Mindset",
            "Getting to the Heart of the Community Through Discovery",
            "Planning a Library Con or Pop Culture Festival",
            "Not Just Deodorant: Teen Hygiene Health Center at the Rockwood Makerspace",
            "The Future Is Now: Virtual, Augmented, and Mixed Reality in Public Libraries"};
        List<Item> items = new java.util.ArrayList<>();
        for (int i = 0; i < titles.length; i++) {
            items.add(Items.item("partner", "guid:p" + i).publicId("pid-p" + i).guid("p" + i)
                    .link("https://example.org/p" + i).title(titles[i]).excerpt("Text.").topics("partnerships")
                    .imageUrl(partner.url("/images/huge.png")).imageAlt(ALT)
                    .imageCredit("Photo: Ann Example, Library of Example, CC BY 4.0")
                    .published(T0.plusSeconds(3_600 + i)).contentHash("hp" + i).build());
        }
        StoredItems.saveFetched(server.store, "partner", "u", null, null, items, Set.of(), T0.plusSeconds(7_200));
        String documented = Files.readString(Path.of("docs", "embedding.md"));
        assertThat(documented).contains("height:46rem");

        // A short window, so that the document's scroll height is its content's, not the window's.
        Chromium.Page page = chromium.open(width, 300, false).go(server.url("/embed?limit=5"));
        page.until("document.querySelectorAll('figure img').length === 5");
        boolean shown = width >= 24 * 16;
        JsonNode facts = page.eval("(() => ({ height: document.documentElement.scrollHeight,"
                + " rem: parseFloat(getComputedStyle(document.documentElement).fontSize),"
                + " items: document.querySelectorAll('ol.items > li').length,"
                + " pictures: Array.from(document.querySelectorAll('figure img')).filter(i => i.offsetWidth > 0).length,"
                + " credits: Array.from(document.querySelectorAll('.credit')).filter(c => c.offsetWidth > 0).length }))()");
        page.screenshot(Path.of("target", "screenshots", "embed-pictured-" + width + ".png"));
        page.close();

        assertThat(facts.get("items").asInt()).isEqualTo(5);
        assertThat(facts.get("pictures").asInt()).as("pictures shown at %d px", width).isEqualTo(shown ? 5 : 0);
        assertThat(facts.get("credits").asInt()).as("credits shown at %d px", width).isEqualTo(shown ? 5 : 0);
        assertThat(facts.get("height").asDouble()).as("the list's height at %d px", width)
                .isLessThanOrEqualTo(46 * facts.get("rem").asDouble());
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
