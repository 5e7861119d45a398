package org.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The https → http rule needs a TLS server to see end to end; the decision itself is tested here. */
class RedirectsTest {

    @ParameterizedTest(name = "{0} + {1} at hop {2} → {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            https://a.example/feed | http://a.example/feed      | 0 | redirect from https to http refused
            https://a.example/feed | //b.example/feed           | 0 | -
            http://a.example/feed  | https://a.example/feed     | 0 | -
            http://a.example/feed  | /other                     | 4 | -
            http://a.example/feed  | /other                     | 5 | too many redirects
            http://a.example/feed  | ftp://a.example/feed       | 0 | HTTP 302 without a usable Location
            http://a.example/feed  | -                          | 0 | HTTP 302 without a usable Location
            """)
    void decidesWhetherToFollow(String from, String location, int hop, String refusal) {
        HttpUrl base = HttpUrl.get(from);

        assertThat(Redirects.refusal(302, base, Redirects.target(base, location), hop).orElse(null))
                .isEqualTo(refusal);
    }
}
