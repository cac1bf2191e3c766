package sentry.integration.stdlib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void namesAreSensitiveByWordCaseInsensitively() {
    assertThat(List.of("token", "TOKEN", "access_token", "api_key", "apiKey", "API-KEY", "apikey", "password",
        "db.password", "client_secret", "X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token", "sig",
        "auth", "Authorization", "sessionid", "jwt", "--password", "--storepass"))
        .allSatisfy(name -> assertThat(Secrets.FILTER.isSensitive(name)).as(name).isTrue());
    assertThat(List.of("user", "page", "q", "id", "sort", "format", "--verbose", "limit", "keep", "tokens"))
        .allSatisfy(name -> assertThat(Secrets.FILTER.isSensitive(name)).as(name).isFalse());
  }

  @Test
  void filtersOnlyTheValuesOfSensitiveQueryParameters() {
    assertThat(Secrets.FILTER.filterQuery("a=1&token=abc&Password=x&b&=c&page=2"))
        .isEqualTo("a=1&token=[Filtered]&Password=[Filtered]&b&=c&page=2");
    assertThat(Secrets.FILTER.filterQuery("api%5Fkey=k&api_key=&x=%zz")).isEqualTo("api%5Fkey=[Filtered]&api_key=[Filtered]&x=%zz");
    assertThat(Secrets.FILTER.filterQuery("")).isEmpty();
  }

  @Test
  void filtersArgumentsAsArgvDoes() {
    assertThat(Secrets.FILTER.apply(List.of("deploy", "--password=hunter2", "--token", "abc", "key=xyz",
        "-secret", "s3", "--verbose", "--no-auth", "plain", "--api-key", "--force",
        "https://ann:pw@example.com/x?sig=1&page=2", "--user=ann")))
        .containsExactly("deploy", "--password=[Filtered]", "--token", "[Filtered]", "key=[Filtered]",
            "-secret", "[Filtered]", "--verbose", "--no-auth", "plain", "--api-key", "--force",
            "https://ann:[Filtered]@example.com/x?sig=[Filtered]&page=2", "--user=ann");
  }

  @Test
  void filtersPasswordFlagsAuthorizationHeadersAndSessionIdsInArguments() {
    assertThat(Secrets.FILTER.apply(List.of("mysql", "-p", "pw999", "-u", "root",
        "curl", "-H", "Authorization: Bearer abc.def", "https://shop.example/cart;jsessionid=ABC123")))
        .containsExactly("mysql", "-p", "[Filtered]", "-u", "root",
            "curl", "-H", "Authorization: Bearer [Filtered]", "https://shop.example/cart;jsessionid=[Filtered]");
  }

  @Test
  void filtersSessionIdsInAUrlsPathParameters() {
    assertThat(Secrets.FILTER.filterPathParameters("https://shop.example/cart;jsessionid=ABC123;v=2/x"))
        .isEqualTo("https://shop.example/cart;jsessionid=[Filtered];v=2/x");
    assertThat(Secrets.FILTER.filterPathParameters("https://shop.example/plain")).isEqualTo("https://shop.example/plain");
  }

  @Test
  void keepsTheProgramEvenWhenItLooksSensitive() {
    assertThat(Secrets.FILTER.apply(List.of("key=value"))).containsExactly("key=value");
    assertThat(Secrets.FILTER.apply(List.of())).isEmpty();
  }
}
