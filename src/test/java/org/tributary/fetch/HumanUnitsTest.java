package org.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanUnitsTest {

    @ParameterizedTest
    @CsvSource({"10485760, 10 MB", "10000000, 10 MB", "1048576, 1 MB", "1024, 1 KB", "1536, 1.5 KB",
        "1572864, 1.5 MB", "500, 500 bytes", "1073741824, 1 GB"})
    void writesSizesAsFeedsYmlDoes(long bytes, String text) {
        assertThat(HumanUnits.size(bytes)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"PT20S, 20s", "PT1S, 1s", "PT0.5S, 500ms", "PT1.5S, 1.5s", "PT2M, 2m", "PT90S, 90s"})
    void writesDurationsAsFeedsYmlDoes(Duration duration, String text) {
        assertThat(HumanUnits.duration(duration)).isEqualTo(text);
    }
}
