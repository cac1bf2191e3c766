package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DsnTest {
  @Test
  void parsesTheUsualFormAndBuildsTheEndpointAndAuthHeader() {
    Dsn dsn = Dsn.parse("https://abc123@o1.ingest.sentry.io/42");
    assertThat(dsn.envelopeEndpoint()).hasToString("https://o1.ingest.sentry.io/api/42/envelope/");
    assertThat(dsn.authHeader("sdk/1.0"))
        .isEqualTo("Sentry sentry_version=7, sentry_client=sdk/1.0, sentry_key=abc123");
    assertThat(dsn.host()).isEqualTo("o1.ingest.sentry.io");
    assertThat(dsn.projectId()).isEqualTo("42");
  }

  @Test
  void keepsPortAndPathPrefix() {
    Dsn dsn = Dsn.parse("http://key@127.0.0.1:9000/sentry/prefix/7");
    assertThat(dsn.envelopeEndpoint()).hasToString("http://127.0.0.1:9000/sentry/prefix/api/7/envelope/");
  }

  @Test
  void secretGoesIntoTheAuthHeaderButNeverIntoToStringOrErrors() {
    Dsn dsn = Dsn.parse("https://public:s3cr3t@host.example/5");
    assertThat(dsn.authHeader("sdk/1")).endsWith("sentry_key=public, sentry_secret=s3cr3t");
    assertThat(dsn.toString()).doesNotContain("s3cr3t").contains("public:***@host.example");
    assertThatThrownBy(() -> Dsn.parse("ftp://public:s3cr3t@host.example/5"))
        .hasMessageNotContaining("s3cr3t")
        .hasMessageContaining("ftp://public:***@host.example/5");
  }

  @Test
  void namesTheWrongPart() {
    assertThatThrownBy(() -> Dsn.parse("foo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("option dsn \"foo\" has no scheme")
        .hasMessageContaining("expected {scheme}://{public_key}@{host}");
    assertThatThrownBy(() -> Dsn.parse("ftp://key@host/1")).hasMessageContaining("scheme \"ftp\"");
    assertThatThrownBy(() -> Dsn.parse("https://host.example/1")).hasMessageContaining("no public key");
    assertThatThrownBy(() -> Dsn.parse("https://key@host.example/")).hasMessageContaining("no project id");
    assertThatThrownBy(() -> Dsn.parse("https://key@host.example/abc"))
        .hasMessageContaining("project id \"abc\"");
    assertThatThrownBy(() -> Dsn.parse("https://key@/1")).hasMessageContaining("no host");
    assertThatThrownBy(() -> Dsn.parse("https://key@host/1?x=1")).hasMessageContaining("query");
    assertThatThrownBy(() -> Dsn.parse("https://key@host:99999/1")).hasMessageContaining("port 99999");
    assertThatThrownBy(() -> Dsn.parse("https://key@ho st/1")).hasMessageContaining("not a valid URL");
  }

  @Test
  void aSecretWithAnAtSignIsHiddenWholeAndTheProblemNamed() {
    assertThatThrownBy(() -> Dsn.parse("https://pub:TOP@SECRET@host/1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("SECRET")
        .hasMessageNotContaining("TOP")
        .hasMessageContaining("https://pub:***@host/1")
        .hasMessageContaining("more than one '@'");
    assertThatThrownBy(() -> Dsn.parse("https://pub:TOP@SECRET@host/x/1?q"))
        .hasMessageNotContaining("SECRET").hasMessageNotContaining("TOP");
    assertThatThrownBy(() -> Dsn.parse("https://pub:TOP@SECRET@ho st/1"))
        .hasMessageNotContaining("SECRET").hasMessageNotContaining("TOP");
  }

  @Test
  void aPortThatIsNotANumberIsReportedAsABadPort() {
    assertThatThrownBy(() -> Dsn.parse("https://key@host:notaport/1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port \"notaport\"")
        .hasMessageContaining("1 to 65535")
        .hasMessageNotContaining("no host");
    assertThatThrownBy(() -> Dsn.parse("https://key:s3cr3t@host:80x/1"))
        .hasMessageContaining("port \"80x\"").hasMessageNotContaining("s3cr3t");
  }

  @Test
  void masksOnlyTheSecret() {
    assertThat(Dsn.masked("https://a:b@c@h/1")).isEqualTo("https://a:***@h/1");
    assertThat(Dsn.masked("https://a@h/p:x@y")).isEqualTo("https://a@h/p:x@y");
    assertThat(Dsn.masked("https://a:b@h/1")).isEqualTo("https://a:***@h/1");
    assertThat(Dsn.masked("https://a@h:80/1")).isEqualTo("https://a@h:80/1");
    assertThat(Dsn.masked("nothing here")).isEqualTo("nothing here");
  }
}
