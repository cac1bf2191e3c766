package sentry.integration.stdlib;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {
  @Test
  void splitsOffQueryAndFragment() {
    assertThat(Urls.split("https://example.com:8443/a/b?x=1&y=2#top"))
        .isEqualTo(new Urls.Parts("https://example.com:8443/a/b", "x=1&y=2", "top", "example.com"));
    assertThat(Urls.split("http://example.com"))
        .isEqualTo(new Urls.Parts("http://example.com", "", "", "example.com"));
    assertThat(Urls.split("http://example.com/?#"))
        .isEqualTo(new Urls.Parts("http://example.com/", "", "", "example.com"));
    assertThat(Urls.split("http://example.com/a#frag?not-a-query"))
        .isEqualTo(new Urls.Parts("http://example.com/a", "", "frag?not-a-query", "example.com"));
  }

  @Test
  void replacesCredentialsWithFiltered() {
    assertThat(Urls.split("https://ann:hunter2@Example.COM/a?q=1").url())
        .isEqualTo("https://[Filtered]:[Filtered]@Example.COM/a");
    assertThat(Urls.split("https://token@example.com/").url()).isEqualTo("https://[Filtered]@example.com/");
    assertThat(Urls.split("https://a:b@c@example.com/").url()).isEqualTo("https://[Filtered]:[Filtered]@example.com/");
    assertThat(Urls.split("https://ann:pw@example.com").host()).isEqualTo("example.com");
  }

  @Test
  void findsTheHost() {
    assertThat(Urls.split("http://[::1]:8080/x").host()).isEqualTo("::1");
    assertThat(Urls.split("http://Sentry.Example.com:80").host()).isEqualTo("sentry.example.com");
    assertThat(Urls.split("/relative/only").host()).isEmpty();
  }

  @Test
  void comparesHostsLikeTheDsnHasThem() {
    assertThat(Urls.sameHost("o1.ingest.sentry.io", "O1.ingest.sentry.io".toLowerCase())).isTrue();
    assertThat(Urls.sameHost("[::1]", "::1")).isTrue();
    assertThat(Urls.sameHost("127.0.0.2", "127.0.0.1")).isFalse();
    assertThat(Urls.sameHost("example.com", "")).isFalse();
  }
}
