package org.tributary.publish;

import java.util.Locale;

/**
 * The colours of /embed: the visitor's colour scheme (AUTO, prefers-color-scheme) or the host page's choice of one,
 * so a light library site can keep a light list for a visitor whose system is dark.
 */
public enum EmbedTheme {
    AUTO, LIGHT, DARK;

    /** The query parameter and the script tag's attribute that choose it. */
    public static final String PARAMETER = "theme";

    /** The theme named, whatever its case; null when the name is none of auto, light, dark. */
    public static EmbedTheme named(String name) {
        if (name == null) return null;
        for (EmbedTheme theme : values()) if (theme.name().equalsIgnoreCase(name)) return theme;
        return null;
    }

    /** "light", as the query and the page's data-theme spell it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
