package org.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** A feeds.yml whose aliases would expand into more text than any site needs is refused, naming where. */
class YamlAliasesTest {

    private static final String SITE = """
            site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
            sources:
            """;

    private static String sources(String firstTitle, int aliases) {
        StringBuilder yaml = new StringBuilder(SITE);
        yaml.append("  - { id: s0, title: &t ").append(firstTitle).append(", url: \"https://a.example.org/0\" }\n");
        for (int i = 1; i <= aliases; i++) {
            yaml.append("  - { id: s").append(i).append(", title: *t, url: \"https://a.example.org/").append(i)
                    .append("\" }\n");
        }
        return yaml.toString();
    }

    @Test
    void threeHundredAliasesOfAOneMegabyteTitleAreRefusedAtTheTitle() {
        String title = "A".repeat(1 << 20);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader().parse("feeds.yml", sources(title, 300)));

        assertThat(e).isNotNull();
        assertThat(e.errors()).hasSize(1);
        assertThat(e.errors().get(0).toString()).isEqualTo("feeds.yml:3:22: sources[1].title: an alias repeats this "
                + "text of 1048576 characters; aliases may repeat at most 1000 (write the text out, or shorten it)");
    }

    @Test
    void manyAliasesOfShortTextsStillAddUpToALimit() {
        String title = "B".repeat(1_000);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader().parse("feeds.yml", sources(title, 5_000)));

        assertThat(e).isNotNull();
        assertThat(e.errors()).anySatisfy(err -> assertThat(err.toString())
                .contains("with its aliases expanded the file holds more than 4194304 characters of text"));
    }

    @Test
    void aShortTitleSharedByAliasesIsFine() throws Exception {
        Config config = new ConfigLoader().parse("feeds.yml", sources("Shared title", 20));
        assertThat(config.sources()).hasSize(21).allSatisfy(s -> assertThat(s.title()).isEqualTo("Shared title"));
    }

    @Test
    void aFileOverTheCodePointLimitIsRefusedAsInvalidYaml() {
        String huge = SITE + "  - { id: a, title: \"" + "C".repeat(ConfigLoader.CODE_POINT_LIMIT) + "\" }\n";
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader().parse("feeds.yml", huge));
        assertThat(e).isNotNull();
        assertThat(e.errors().get(0).toString()).startsWith("feeds.yml:").contains("invalid YAML");
    }
}
