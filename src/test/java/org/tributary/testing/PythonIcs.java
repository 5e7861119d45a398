package org.tributary.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An iCalendar file as an independent parser reads it: Python's {@code icalendar} (Debian's python3-icalendar)
 * through {@code src/test/python/read_ics.py}, one JSON object per VEVENT.
 */
public final class PythonIcs {

    private PythonIcs() {}

    public static List<JsonNode> read(Path ics) throws Exception {
        Path python = Required.program("python3 (Debian's, with python3-icalendar)", "/usr/bin/python3");
        Process check = new ProcessBuilder(python.toString(), "-c", "import icalendar").redirectErrorStream(true).start();
        Required.present(check.waitFor() == 0, "python3-icalendar is not installed (.ci/run installs it)");
        Process p = new ProcessBuilder(python.toString(), "src/test/python/read_ics.py", ics.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : out.split("\n")) if (!line.isBlank()) lines.add(json.readTree(line));
        return lines;
    }
}
