package org.tributary.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tributary.testing.Required;

class DatesTest {

    /** feedparser's own date vectors; the goal is 95% agreement, and every disagreement is printed. */
    @Test
    void agreesWithAtLeast95PercentOfFeedparsersDateVectors() throws IOException {
        Path file = Required.corpus("dates/feedparser_date_vectors.json");
        JsonNode rows = new ObjectMapper().readTree(file.toFile());
        List<String> disagreements = new ArrayList<>();
        for (JsonNode row : rows) {
            String input = row.get("input_value").asText();
            JsonNode e = row.get("expected_value");
            Instant expected = e == null || e.isNull() ? null
                    : LocalDateTime.of(e.get(0).asInt(), e.get(1).asInt(), e.get(2).asInt(), e.get(3).asInt(),
                            e.get(4).asInt(), e.get(5).asInt()).toInstant(ZoneOffset.UTC);
            Instant ours = Dates.parse(input, ZoneOffset.UTC);
            if (!Objects.equals(expected, ours)) {
                disagreements.add(row.get("parse_date").asText() + " '" + input + "': expected " + expected + ", got " + ours);
            }
        }
        int agree = rows.size() - disagreements.size();
        System.out.printf("date vectors: %d of %d agree (%.1f%%)%n", agree, rows.size(), 100.0 * agree / rows.size());
        disagreements.forEach(d -> System.out.println("  " + d));
        assertThat(agree * 100.0 / rows.size()).as("date vectors agreeing, disagreements: %s", disagreements)
                .isGreaterThanOrEqualTo(95.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Tue, 10 Jun 2003 04:00:00 GMT      | 2003-06-10T04:00:00Z",
            "Tue, 10 Jun 2003 04:00 EDT         | 2003-06-10T08:00:00Z",
            "10 Jun 03 04:00:00 +0200           | 2003-06-10T02:00:00Z",
            "Tue, 10 June 2003 04:00:00 PST     | 2003-06-10T12:00:00Z",
            "2003-06-10T04:00:00.123+02:00      | 2003-06-10T02:00:00Z",
            "20030610T040000Z                   | 2003-06-10T04:00:00Z",
            "2003-06-10                         | 2003-06-10T00:00:00Z",
    })
    void readsRealWorldVariants(String raw, String expected) {
        assertThat(Dates.parse(raw, ZoneOffset.UTC)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void aDateWithoutZoneIsReadInTheSourcesZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(Dates.parse("2024-07-01 10:00:00", berlin)).isEqualTo(Instant.parse("2024-07-01T08:00:00Z"));
        assertThat(Dates.parse("Mon, 01 Jul 2024 10:00", berlin)).isEqualTo(Instant.parse("2024-07-01T08:00:00Z"));
        assertThat(Dates.parse("Mon, 01 Jul 2024 10:00 GMT", berlin)).isEqualTo(Instant.parse("2024-07-01T10:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource({"not a date", "2024-13-01", "Mon, 32 Jul 2024 10:00 GMT", "Mon, 01 Jul 2024 10:00 XYZ"})
    void nonsenseIsNull(String raw) {
        assertThat(Dates.parse(raw, ZoneOffset.UTC)).isNull();
    }
}
