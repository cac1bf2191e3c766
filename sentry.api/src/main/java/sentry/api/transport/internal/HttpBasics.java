package sentry.api.transport.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/** Small rules both transports apply alike. Stateless. */
public final class HttpBasics {
  private HttpBasics() {}

  /**
   * Checks that a transport can send to {@code endpoint}.
   *
   * @param endpoint the envelope endpoint
   * @return its scheme in lower case: {@code http} or {@code https}
   * @throws IllegalArgumentException if it is not an absolute http or https URI with a host
   */
  public static String scheme(URI endpoint) {
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
      throw new IllegalArgumentException("transport endpoint \"" + endpoint
          + "\" is not an absolute http or https URI: expected https://<host>/api/<project>/envelope/");
    }
    return scheme;
  }

  /**
   * The value of a {@code Proxy-Authorization} header with Basic credentials.
   *
   * @param user the user name
   * @param password the password, or null for none
   * @return {@code Basic <base64 of user:password>}, UTF-8
   */
  public static String basic(String user, String password) {
    String credentials = user + ":" + (password == null ? "" : password);
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A host as a socket wants it: an IPv6 literal without its brackets.
   *
   * @param host a host name or address, as in a URI
   * @return the host without surrounding brackets
   */
  public static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /**
   * The JVM's default TLS context: its trust store, certificate and host name checks.
   *
   * @return the context
   * @throws IllegalStateException if this JVM offers no TLS
   */
  public static SSLContext defaultSslContext() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM offers no TLS: " + e.getMessage(), e);
    }
  }

  /**
   * A duration in nanoseconds, never negative, and about 146 years for one too long to count.
   *
   * @param duration the duration
   * @return its nanoseconds
   */
  public static long saturatedNanos(Duration duration) {
    try {
      return Math.max(0, duration.toNanos());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }
}
