package sentry.integration.argv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import sentry.api.internal.SecretFilter;

/** The filter of {@link ArgvIntegration}: the shared {@link SecretFilter} as argv makes it. */
class SecretFilterTest {
  private static final String F = SecretFilter.FILTERED;
  private final SecretFilter filter = ArgvIntegration.secretFilter(ArgvIntegration.DEFAULT_SENSITIVE_WORDS);

  private List<String> apply(String... commandLine) {
    return filter.apply(List.of(commandLine));
  }

  @Test
  void filtersTheValueAfterAnEqualsSign() {
    assertThat(apply("Main", "--password=hunter2", "-token=abc", "api_key=xyz", "--name=bob", "x=y"))
        .containsExactly("Main", "--password=" + F, "-token=" + F, "api_key=" + F, "--name=bob", "x=y");
  }

  @Test
  void filtersTheNextArgumentAfterASensitiveOption() {
    assertThat(apply("Main", "--token", "abc", "--user", "bob", "-secret", "s3", "positional"))
        .containsExactly("Main", "--token", F, "--user", "bob", "-secret", F, "positional");
  }

  @Test
  void theValueAfterAShortPasswordFlagIsFiltered() {
    // -p and -pw take a password in mysql, mysqladmin, sshpass, plink; only these exact flags.
    assertThat(apply("Main", "-p", "pw999", "-u", "root", "-pw", "s3cret", "-P", "3306", "-port", "80"))
        .containsExactly("Main", "-p", F, "-u", "root", "-pw", F, "-P", "3306", "-port", "80");
  }

  @Test
  void authorizationHeadersAndBearerTokensAreFiltered() {
    assertThat(apply("curl", "-H", "Authorization: Bearer abc.def.ghi", "--header=authorization: Basic dXNlcjpwdw==",
        "Proxy-Authorization: raw-credential", "Bearer xyz", "-H", "Accept: text/plain"))
        .containsExactly("curl", "-H", "Authorization: Bearer " + F, "--header=authorization: Basic " + F,
            "Proxy-Authorization: " + F, "Bearer " + F, "-H", "Accept: text/plain");
  }

  @Test
  void sessionIdsInUrlPathParametersAreFiltered() {
    assertThat(apply("Main", "--url=https://shop.example/cart;jsessionid=ABC123?page=2",
        "https://shop.example/a;JSESSIONID=XYZ;v=1/b"))
        .containsExactly("Main", "--url=https://shop.example/cart;jsessionid=" + F + "?page=2",
            "https://shop.example/a;JSESSIONID=" + F + ";v=1/b");
  }

  @Test
  void aLongOptionAfterASensitiveOneIsNotItsValue() {
    assertThat(apply("Main", "--auth", "--verbose", "--password")).containsExactly("Main", "--auth", "--verbose", "--password");
  }

  @Test
  void aNegatedFlagFiltersNothing() {
    assertThat(apply("Main", "--no-auth", "file.txt")).containsExactly("Main", "--no-auth", "file.txt");
  }

  @Test
  void matchesTheOptionNameCaseInsensitivelyByWords() {
    assertThat(apply("Main", "--DB-PASSWORD=a", "--dbPassword=b", "--APIKey", "c", "-Dapp.client_secret=d", "STOREPASS=e",
        "--sentry-dsn", "https://k@o.ingest.sentry.io/1"))
        .containsExactly("Main", "--DB-PASSWORD=" + F, "--dbPassword=" + F, "--APIKey", F, "-Dapp.client_secret=" + F,
            "STOREPASS=" + F, "--sentry-dsn", F);
  }

  @Test
  void neverLooksAtValuesOrTheProgram() {
    assertThat(apply("password=in-the-program-slot", "--mode", "password", "--tokens=4", "--keyboard=us"))
        .containsExactly("password=in-the-program-slot", "--mode", "password", "--tokens=4", "--keyboard=us");
  }

  @Test
  void filtersCredentialsInsideUrls() {
    assertThat(apply("Main", "--db", "jdbc:postgresql://db:5432/app?user=app&password=pw&ssl=true",
        "https://user:secret@example.com/path", "redis://:onlypass@cache:6379", "mongodb://user@host"))
        .containsExactly("Main", "--db", "jdbc:postgresql://db:5432/app?user=app&password=" + F + "&ssl=true",
            "https://user:" + F + "@example.com/path", "redis://:" + F + "@cache:6379", "mongodb://user@host");
  }

  @ParameterizedTest
  @CsvSource({
      "dbPassword, db password",
      "APIKey, api key",
      "client_secret, client secret",
      "--x-auth-token, x auth token",
      "v2Token, v2 token",
      "-Dfoo.bar, dfoo bar"})
  void splitsNamesIntoWords(String name, String words) {
    assertThat(SecretFilter.words(name)).containsExactly(words.split(" "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "key", "apikey",
      "api-key", "auth", "oauth", "authorization", "credential", "credentials", "cookie", "bearer", "jwt", "dsn",
      "--PassWord", "accessKey", "AWS_SECRET_ACCESS_KEY", "keystore-pass"})
  void sensitiveNames(String name) {
    assertThat(filter.isSensitive(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"user", "port", "tokens", "keyboard", "passes", "author", "mode", "verbose", "path"})
  void ordinaryNames(String name) {
    assertThat(filter.isSensitive(name)).isFalse();
  }

  @Test
  void moreWordsCanBeAdded() {
    SecretFilter withPin = ArgvIntegration.secretFilter(java.util.Set.of("pin"));

    assertThat(withPin.apply(List.of("Main", "--PIN", "1234", "--password", "x"))).containsExactly("Main", "--PIN", F, "--password", "x");
  }
}
