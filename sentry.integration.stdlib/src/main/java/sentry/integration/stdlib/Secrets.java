package sentry.integration.stdlib;

import java.util.Set;
import sentry.api.internal.SecretFilter;

/**
 * The filter of secret-looking query parameters and subprocess arguments: the shared {@link
 * SecretFilter} with this integration's words, names compared percent-decoded ({@code
 * access_token}, {@code X-Amz-Signature}, {@code api%5Fkey}). Command lines are filtered as the
 * {@code argv} integration filters the program's own.
 */
final class Secrets {
  /** The sensitive words, lower case. */
  static final Set<String> WORDS = Set.of(
      "password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "key", "apikey", "auth",
      "authorization", "credential", "credentials", "cookie", "bearer", "jwt", "signature", "sig",
      "session", "sessionid", "dsn");

  /** The filter. */
  static final SecretFilter FILTER = new SecretFilter(WORDS).withPercentDecodedNames();

  private Secrets() {}
}
