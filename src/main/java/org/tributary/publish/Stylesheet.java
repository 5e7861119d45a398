package org.tributary.publish;

/**
 * The pages' only stylesheet, served from /assets/style.css because the Content-Security-Policy forbids
 * inline styles. System fonts, one readable column, colours that pass WCAG AA in light and dark schemes.
 */
final class Stylesheet {

    /**
     * The colours of both schemes, once for the pages and the widget: text and links pass WCAG AA (muted text and
     * links 7:1 and more) on their background in each.
     */
    private static final String[][] PALETTE = {
        // name, light, dark
        {"text", "#1b1b1b", "#ececec"},
        {"muted", "#4a4a4a", "#b8b8b8"},        // 8.9:1 on the light background
        {"background", "#fdfdfc", "#161616"},
        {"rule", "#d6d6d2", "#3a3a3a"},
        {"link", "#0b5394", "#8cc4ff"},         // 7.6:1 on the light background
        {"link-visited", "#5b2a86", "#c9a6ff"},
        {"accent", "#0b5394", "#8cc4ff"},
    };

    static final String CSS = """
            /* Tributary: one column, system fonts, no web fonts, no images needed. */
            :root {
              color-scheme: light dark;
            /*LIGHT*/
            }
            /* data-theme (on /embed, chosen by the framing page) holds to one scheme whatever the visitor's. */
            @media (prefers-color-scheme: dark) {
              :root:not([data-theme="light"]) {
            /*DARK*/
              }
            }
            :root[data-theme="light"] { color-scheme: light; }
            :root[data-theme="dark"] {
              color-scheme: dark;
            /*DARK*/
            }

            *, *::before, *::after { box-sizing: border-box; }

            html {
              font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
              font-size: 100%;
              line-height: 1.55;
              color: var(--text);
              background: var(--background);
              -webkit-text-size-adjust: 100%;
              text-size-adjust: 100%;
            }

            body {
              margin: 0 auto;
              padding: 0 1rem 2rem;
              max-width: 46rem;
            }

            a { color: var(--link); text-underline-offset: 0.15em; }
            a:visited { color: var(--link-visited); }
            a:hover { text-decoration-thickness: 2px; }
            a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }

            .skip {
              position: absolute;
              left: -100vw;
            }
            .skip:focus { position: static; display: inline-block; margin-top: 0.5rem; }

            header.site {
              border-bottom: 1px solid var(--rule);
              padding: 1rem 0 0.75rem;
            }
            .site-name { margin: 0 0 0.5rem; font-weight: 700; font-size: 1.1rem; }
            .site-name a { color: inherit; text-decoration: none; }

            nav ul {
              display: flex;
              flex-wrap: wrap;
              gap: 0.25rem 1rem;
              list-style: none;
              margin: 0;
              padding: 0;
            }
            nav a[aria-current="page"] { font-weight: 700; text-decoration: none; color: var(--text); }

            h1, h2, h3 { line-height: 1.25; }
            h1 { font-size: 1.9rem; margin: 1.5rem 0 0.75rem; }
            .topic + .recent h2 { font-size: 1.4rem; margin-top: 2rem; }
            .lead { font-size: 1.05rem; }

            figure { margin: 1rem 0; }
            figure img { display: block; max-width: 100%; height: auto; }
            figcaption { color: var(--muted); font-size: 0.875rem; margin-top: 0.25rem; }

            ol.items { list-style: none; margin: 0; padding: 0; }
            ol.items > li { border-top: 1px solid var(--rule); padding: 1rem 0; }
            ol.items > li:first-child { border-top: 0; }

            article h2, article h3 { font-size: 1.2rem; margin: 0 0 0.25rem; overflow-wrap: anywhere; }
            article p { margin: 0.25rem 0; }
            .meta { color: var(--muted); font-size: 0.9rem; }
            .meta .type { font-weight: 600; }
            .excerpt { overflow-wrap: anywhere; }
            .source { color: var(--muted); font-size: 0.9rem; }
            /* An item's picture: a bounded 3:2 box, never wider than its column whatever the file's size (a
               4000x3000 photo included), cropped to fill it rather than stretched; the box is known before the
               file arrives, so the list does not jump as pictures load. */
            figure.item-image { margin: 0.5rem 0; max-width: 24rem; }
            figure.item-image img { width: 100%; max-width: 100%; height: auto; aspect-ratio: 3 / 2;
                                    object-fit: cover; background: var(--rule); }
            /* In /embed a thumbnail beside the item's lines and its credit a line among them, so an item with a
               picture is hardly taller than one without and the documented static iframe height still holds; a
               frame narrower than 24rem has no room beside the lines and shows the list without pictures. */
            body.embed article { display: flow-root; }
            body.embed figure.item-image { float: inline-end; width: 5rem; max-width: 30%; margin: 0 0 0.25rem;
                                          margin-inline-start: 0.75rem; }
            body.embed .credit { color: var(--muted); font-size: 0.7rem; margin: 0; overflow-wrap: anywhere; }
            @media (max-width: 23.99rem) {
              body.embed figure.item-image, body.embed .credit { display: none; }
            }

            nav.pages { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin-top: 1.5rem;
                        border-top: 1px solid var(--rule); padding-top: 1rem; }
            nav.pages a { padding: 0.25rem 0; }

            /* /embed: the list alone, for an iframe on another library's site. */
            body.embed { max-width: none; padding: 0.5rem; }
            body.embed ol.items > li { padding: 0.5rem 0; }
            body.embed h1.embed-title { font-size: 1.1rem; margin: 0 0 0.25rem; }
            body.embed h2 { font-size: 1rem; margin: 0; }
            body.embed .meta, body.embed .source, body.embed .event { font-size: 0.8rem; margin: 0; }
            body.embed .more { font-size: 0.85rem; margin: 0.5rem 0 0; }

            /* /status.html: a wide table, dates on one line, scrolled inside its region on a phone. */
            body.status { max-width: 90rem; }
            .table-scroll { overflow-x: auto; max-width: 100%; }
            .table-scroll table { border-collapse: collapse; font-size: 0.875rem; }
            .table-scroll th, .table-scroll td { text-align: left; vertical-align: top; padding: 0.35rem 0.6rem;
                                                 border-bottom: 1px solid var(--rule); }
            .table-scroll td.time { white-space: nowrap; }
            .table-scroll td:nth-child(4) { min-width: 14rem; overflow-wrap: anywhere; }

            footer.site {
              border-top: 1px solid var(--rule);
              margin-top: 2rem;
              padding-top: 1rem;
              color: var(--muted);
              font-size: 0.9rem;
            }

            @media (min-width: 48rem) {
              body { padding: 0 2rem 3rem; }
              h1 { font-size: 2.2rem; }
            }

            @media print {
              header.site nav, footer.site .subscribe, .skip { display: none; }
              a { color: inherit; }
            }
            """.replace("/*LIGHT*/", palette("--", false)).replace("/*DARK*/", palette("--", true));

    /**
     * /assets/embed.css: a small default look for what embed.js renders into a host page, for a host that has no
     * style of its own for it. Only the widget's own classes, so nothing else on the host page changes; colours
     * are inherited from the host page unless the script tag names a theme (data-theme), which embed.js marks on
     * each widget as data-tributary-theme: then the widget has the pages' own colours, light, dark or the visitor's.
     */
    static final String EMBED_CSS = """
            /* Tributary embed.js default style: <link rel="stylesheet" href="https://FEEDS/assets/embed.css"> */
            .tributary-items { list-style: none; margin: 0; padding: 0; }
            .tributary-item { margin: 0 0 0.75em; line-height: 1.4; overflow-wrap: anywhere; }
            .tributary-meta { display: block; font-size: 0.85em; opacity: 0.85; }
            .tributary-title { display: block; font-weight: 600; }
            .tributary-source { display: block; font-size: 0.85em; opacity: 0.85; }
            .tributary-image { margin: 0.25em 0; max-width: min(100%, 16em); }
            .tributary-image img { display: block; width: 100%; max-width: 100%; height: auto; aspect-ratio: 3 / 2;
                                   object-fit: cover; }
            .tributary-image figcaption { font-size: 0.75em; opacity: 0.85; }
            /* <script data-theme="light|dark|auto">: the widget's own colours instead of the host page's. */
            [data-tributary-theme] {
              color-scheme: light;
            /*LIGHT*/
              color: var(--tributary-text); background: var(--tributary-background); padding: 0.5em;
            }
            [data-tributary-theme="dark"] {
              color-scheme: dark;
            /*DARK*/
            }
            @media (prefers-color-scheme: dark) {
              [data-tributary-theme="auto"] {
                color-scheme: dark;
            /*DARK*/
              }
            }
            [data-tributary-theme] a { color: var(--tributary-link); }
            [data-tributary-theme] a:visited { color: var(--tributary-link-visited); }
            """.replace("/*LIGHT*/", palette("--tributary-", false)).replace("/*DARK*/", palette("--tributary-", true));

    /** The palette as custom properties named {@code prefix + name}, one declaration a line. */
    private static String palette(String prefix, boolean dark) {
        StringBuilder out = new StringBuilder();
        for (String[] colour : PALETTE) {
            if (!out.isEmpty()) out.append('\n');
            out.append("  ").append(prefix).append(colour[0]).append(": ").append(colour[dark ? 2 : 1]).append(';');
        }
        return out.toString();
    }

    private Stylesheet() {
    }
}
