package org.tributary.publish;

import java.util.Objects;

/**
 * Where one page of a view sits in its paged feed (RFC 5005 section 3) and how its neighbours are addressed.
 * Publishing only prints these links; which cursor leads where is decided by the caller that read the page.
 *
 * @param self        this page
 * @param next        the page of older items, null when this is the oldest
 * @param previous    the page of newer items, null when this is the newest; {@link Ref#FIRST} for the newest page
 * @param staticFiles address pages as files ("feed-before-CURSOR.atom") for a static export, instead of as a query
 *                    ("feed.atom?before=CURSOR") on the server
 */
public record Paging(Ref self, Ref next, Ref previous, boolean staticFiles) {

    /** The one page of a view that is not paged, or the newest page with nothing older. */
    public static final Paging SINGLE = new Paging(Ref.FIRST, null, null, false);

    public Paging {
        Objects.requireNonNull(self, "self");
    }

    /** True when there is more than this one page, so the page links are worth printing. */
    public boolean paged() {
        return !self.isFirst() || next != null || previous != null;
    }

    /**
     * A page: items {@code before} (older than) or {@code after} (newer than) an opaque cursor, or the first page.
     *
     * @param param  "before" or "after"; null for the first page
     * @param cursor an opaque token made of [A-Za-z0-9_-]; null for the first page
     */
    public record Ref(String param, String cursor) {

        public static final Ref FIRST = new Ref(null, null);

        public Ref {
            if ((param == null) != (cursor == null)) throw new IllegalArgumentException("param and cursor go together");
            if (param != null && !param.equals("before") && !param.equals("after")) {
                throw new IllegalArgumentException("param must be before or after: " + param);
            }
            if (cursor != null && !cursor.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("cursor must be URL- and file-name-safe");
            }
        }

        public static Ref before(String cursor) {
            return new Ref("before", cursor);
        }

        public static Ref after(String cursor) {
            return new Ref("after", cursor);
        }

        public boolean isFirst() {
            return param == null;
        }
    }
}
