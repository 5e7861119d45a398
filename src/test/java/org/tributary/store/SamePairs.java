package org.tributary.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The table of pairs in same-story-pairs.tsv: two sources' items and whether they are one story. */
record SamePairs(int line, boolean merge, String titleA, String textA, String linkA, String titleB, String textB,
                 String linkB, String why) {

    @Override
    public String toString() {
        return "line " + line + " " + (merge ? "merge" : "separate") + ": " + why;
    }

    static List<SamePairs> all() {
        try (InputStream in = SamePairs.class.getResourceAsStream("/store/same-story-pairs.tsv")) {
            List<SamePairs> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int n = 0; n < lines.length; n++) {
                if (lines[n].isBlank() || lines[n].startsWith("#")) continue;
                String[] f = lines[n].split("\t", -1);
                if (f.length != 8) throw new IllegalStateException("same-story-pairs.tsv:" + (n + 1) + ": 8 columns expected");
                if (!f[0].equals("merge") && !f[0].equals("separate")) {
                    throw new IllegalStateException("same-story-pairs.tsv:" + (n + 1) + ": merge or separate expected");
                }
                rows.add(new SamePairs(n + 1, f[0].equals("merge"), f[1], dash(f[2]), dash(f[3]), f[4], dash(f[5]),
                        dash(f[6]), f[7]));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean sameLink() {
        return linkA != null && linkA.equals(linkB);
    }

    private static String dash(String s) {
        return s.equals("-") ? null : s;
    }
}
