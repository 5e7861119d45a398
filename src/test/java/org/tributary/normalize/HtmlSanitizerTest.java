package org.tributary.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The allow-list's finer rules: srcset candidates, namespaced ids, URL attributes anywhere, what stays out. */
class HtmlSanitizerTest {

    private static final URI BASE = URI.create("https://partner.example.org/news/");

    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            relative candidates made absolute | a.jpg 1x, /b.jpg 2x                       | https://partner.example.org/news/a.jpg 1x, https://partner.example.org/b.jpg 2x
            width descriptors kept            | small.jpg 480w,large.jpg 1080w           | https://partner.example.org/news/small.jpg 480w, https://partner.example.org/news/large.jpg 1080w
            javascript candidate dropped      | javascript:alert(1) 1x, ok.jpg 2x         | https://partner.example.org/news/ok.jpg 2x
            data candidate dropped            | data:image/png;base64,AAAA 1x, ok.jpg 2x  | https://partner.example.org/news/ok.jpg 2x
            absolute https kept as written    | https://cdn.example/x.jpg 2x              | https://cdn.example/x.jpg 2x
            commas inside a URL belong to it  | a.jpg?w=1,2 1x,b.jpg 2x                   | https://partner.example.org/news/a.jpg?w=1,2 1x, https://partner.example.org/news/b.jpg 2x
            """)
    void srcsetCandidatesAreMadeAbsoluteAndUnsafeOnesDropped(String name, String srcset, String expected) {
        String html = sanitizer.sanitize("<img src=\"a.jpg\" srcset=\"" + srcset + "\">", BASE);

        assertThat(html).contains("srcset=\"" + expected + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            only unsafe candidates: no srcset | <img src="a.jpg" srcset="javascript:x 1x, vbscript:y 2x">
            relative without a base           | NO_BASE
            """)
    void srcsetWithNoSafeCandidateIsRemoved(String name, String html) {
        String clean = html.equals("NO_BASE")
                ? sanitizer.sanitize("<img src=\"https://x.example/a.jpg\" srcset=\"b.jpg 2x\">", null)
                : sanitizer.sanitize(html, BASE);

        assertThat(clean).startsWith("<img").doesNotContain("srcset");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            id namespaced                    | <p id="getElementById">x</p>                            | <p id="tributary-getElementById">x</p>
            name namespaced                  | <a name="top">x</a>                                     | <a name="tributary-top" rel="nofollow noopener ugc">x</a>
            label for follows its id         | <label for="q">x</label>                                | <label for="tributary-q">x</label>
            headers list follows, word-wise  | <table><tr><td headers="a b">x</td></tr></table>        | <table><tbody><tr><td headers="tributary-a tributary-b">x</td></tr></tbody></table>
            usemap follows map name          | <img src="m.png" usemap="#nav"><map name="nav"></map>   | <img src="https://partner.example.org/news/m.png" usemap="#tributary-nav"><map name="tributary-nav"></map>
            usemap to a URL dropped          | <img src="m.png" usemap="https://x.example/#m">         | <img src="https://partner.example.org/news/m.png">
            empty id names nothing and stays | <span id="">x</span>                                    | <span id="">x</span>
            """)
    void idsAndWhatPointsAtThemAreNamespaced(String name, String dirty, String clean) {
        assertThat(sanitizer.sanitize(dirty, BASE)).isEqualTo(clean);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cite on blockquote resolved       | <blockquote cite="/src">q</blockquote>            | <blockquote cite="https://partner.example.org/src">q</blockquote>
            background on td resolved         | <table><tr><td background="bg.png">x</td></tr></table> | <table><tbody><tr><td background="https://partner.example.org/news/bg.png">x</td></tr></tbody></table>
            javascript cite dropped           | <q cite="javascript:alert(1)">q</q>               | <q>q</q>
            href on span checked like a link  | <span href="javascript:alert(1)">x</span>         | <span>x</span>
            lowsrc data: dropped              | <img src="a.jpg" lowsrc="data:text/html,x">       | <img src="https://partner.example.org/news/a.jpg">
            abbr, dfn, ins/del with datetime  | <abbr title="HyperText">HTML</abbr><dfn>d</dfn><ins datetime="2024-01-01" cite="c.html">i</ins><del>d</del> | <abbr title="HyperText">HTML</abbr><dfn>d</dfn><ins datetime="2024-01-01" cite="https://partner.example.org/news/c.html">i</ins><del>d</del>
            anchor without href kept          | <a>placeholder</a>                                | <a rel="nofollow noopener ugc">placeholder</a>
            unsafe anchor becomes its text    | <a href="vbscript:x">text</a>                     | text
            image without src kept            | <img alt="a">                                     | <img alt="a">
            unsafe image goes                 | <img src="javascript:x" alt="a">b                 | b
            """)
    void urlAttributesAreAllowedAnywhereWithACheckedScheme(String name, String dirty, String clean) {
        assertThat(sanitizer.sanitize(dirty, BASE)).isEqualTo(clean);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            button (would submit a host form) | <button>b</button>ok                          | bok
            select (its options are inert)    | <select><option>o</option></select>ok         | <option>o</option>ok
            textarea                          | <textarea>t</textarea>ok                      | tok
            autofocus                         | <p autofocus tabindex="1">ok</p>               | <p tabindex="1">ok</p>
            contenteditable                   | <p contenteditable="true">ok</p>              | <p>ok</p>
            target                            | <a href="https://x.example/" target="_top">x</a> | <a href="https://x.example/" rel="nofollow noopener ugc">x</a>
            ping                              | <a href="https://x.example/" ping="https://t.example/">x</a> | <a href="https://x.example/" rel="nofollow noopener ugc">x</a>
            open dialog shown closed          | <dialog open>d</dialog>                       | <dialog>d</dialog>
            template element                  | <template><b>t</b></template>ok               | ok
            svg (its safe content stays)      | <svg><circle r="1"/><a href="https://x.example/">s</a></svg>ok | <a href="https://x.example/" rel="nofollow noopener ugc">s</a>ok
            """)
    void whatThePolicyKeepsOut(String name, String dirty, String clean) {
        assertThat(sanitizer.sanitize(dirty, BASE)).isEqualTo(clean);
    }

    @org.junit.jupiter.api.Test
    void bidiOverridesAndIsolatesLeaveTheTextOfItemHtmlButMarksStay() {
        String html = sanitizer.sanitize("<p title=\"a\u202Eb\">Open \u202Enow\u2066 here\u200F</p>"
                + "<bdo dir=\"rtl\">kept</bdo>", BASE);

        org.assertj.core.api.Assertions.assertThat(html)
                .isEqualTo("<p title=\"ab\">Open now here\u200F</p><bdo dir=\"rtl\">kept</bdo>");
    }
}
