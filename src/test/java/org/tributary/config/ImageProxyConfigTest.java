package org.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** site.image_proxy: off by default, true/false, or a mapping of its bounds; mistakes named by line and key. */
class ImageProxyConfigTest {

    private static final String SITE = """
            site:
              title: T
              link: "https://lib.example.org/"
              base_url: "https://feeds.example.org"
            """;

    private static Site.ImageProxy read(String lines) throws Exception {
        return new ConfigLoader().parse("feeds.yml", SITE + lines).site().imageProxy();
    }

    @Test
    void isOffUnlessTurnedOn() throws Exception {
        assertThat(read("")).isEqualTo(Site.ImageProxy.OFF);
        assertThat(read("  image_proxy: false\n").enabled()).isFalse();
        assertThat(read("  image_proxy: true\n")).isEqualTo(Site.ImageProxy.ON);
        assertThat(Site.ImageProxy.ON.maxBytes()).isEqualTo(5L << 20);
    }

    @Test
    void aMappingTurnsItOnWithItsBounds() throws Exception {
        Site.ImageProxy proxy = read("  image_proxy: { max_bytes: 2MB, cache: 1GB, cache_files: 500 }\n");
        assertThat(proxy).isEqualTo(new Site.ImageProxy(true, 2L << 20, 1L << 30, 500));
        assertThat(read("  image_proxy: { cache_files: 20 }\n"))
                .isEqualTo(new Site.ImageProxy(true, 5L << 20, 256L << 20, 20));
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("  image_proxy: yes please\n",
                        "feeds.yml:5:16: site.image_proxy: must be true or false"),
                Arguments.of("  image_proxy: { max_bytes: huge }\n",
                        "feeds.yml:5:29: site.image_proxy.max_bytes: not a size like 512KB, 10MB, 1GB or a number of bytes"),
                Arguments.of("  image_proxy: { max_bytes: 10MB, cache: 1MB }\n",
                        "feeds.yml:5:42: site.image_proxy.cache: must be at least max_bytes (10485760 bytes): the cache holds whole images"),
                Arguments.of("  image_proxy: { cache_files: 0 }\n",
                        "feeds.yml:5:31: site.image_proxy.cache_files: must be a whole number from 1 to 10000000"),
                Arguments.of("  image_proxy: { size: 5MB }\n",
                        "feeds.yml:5:18: site.image_proxy.size: unknown key (expected one of: max_bytes, cache, cache_files)"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void mistakesAreNamedByLineAndKey(String lines, String expected) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader().parse("feeds.yml", SITE + lines));
        assertThat(e).isNotNull();
        assertThat(e.errors()).map(ConfigError::toString).isEqualTo(List.of(expected));
    }
}
