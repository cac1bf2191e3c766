package sentry.core;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A parsed DSN, {@code {scheme}://{public_key}[:{secret}]@{host}[:{port}]{path}/{project_id}}.
 * Its {@link #toString()} and every error message hide the secret.
 */
final class Dsn {
  private static final String FORM = "expected {scheme}://{public_key}@{host}[:{port}]/{project_id}";

  private final String scheme;
  private final String publicKey;
  private final String secretKey;
  private final String host;
  private final int port;
  private final String path;
  private final String projectId;

  private Dsn(String scheme, String publicKey, String secretKey, String host, int port, String path,
      String projectId) {
    this.scheme = scheme;
    this.publicKey = publicKey;
    this.secretKey = secretKey;
    this.host = host;
    this.port = port;
    this.path = path;
    this.projectId = projectId;
  }

  /**
   * Parses a DSN.
   *
   * @param text the DSN
   * @return the DSN
   * @throws IllegalArgumentException naming the part that is wrong, with the secret hidden
   */
  static Dsn parse(String text) {
    String shown = masked(text.strip());
    if (text.indexOf('@') != text.lastIndexOf('@')) {
      throw bad(shown, "has more than one '@' (write an '@' inside a key as %40)");
    }
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw bad(shown, "is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
    String scheme = uri.getScheme();
    if (scheme == null) {
      throw bad(shown, "has no scheme");
    }
    if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
      throw bad(shown, "has scheme \"" + scheme + "\" where http or https is required");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      String port = portText(uri.getRawAuthority());
      if (port != null) {
        throw bad(shown, "has port \"" + port + "\" where a number from 1 to 65535 is required");
      }
      throw bad(shown, "has no host");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65_535) {
      throw bad(shown, "has port " + uri.getPort() + " where 1 to 65535 is required");
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null || userInfo.isEmpty() || userInfo.startsWith(":")) {
      throw bad(shown, "has no public key before the '@'");
    }
    int colon = userInfo.indexOf(':');
    String publicKey = colon < 0 ? userInfo : userInfo.substring(0, colon);
    String secret = colon < 0 || colon == userInfo.length() - 1 ? null : userInfo.substring(colon + 1);
    String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (rawPath.endsWith("/")) {
      rawPath = rawPath.substring(0, rawPath.length() - 1);
    }
    int slash = rawPath.lastIndexOf('/');
    String projectId = slash < 0 ? "" : rawPath.substring(slash + 1);
    if (projectId.isEmpty()) {
      throw bad(shown, "has no project id at the end of its path");
    }
    if (!digits(projectId)) {
      throw bad(shown, "has project id \"" + projectId + "\" where a number is required");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw bad(shown, "has a query or fragment, which a DSN never has");
    }
    return new Dsn(scheme.toLowerCase(java.util.Locale.ROOT), publicKey, secret, uri.getHost(),
        uri.getPort(), rawPath.substring(0, slash), projectId);
  }

  private static IllegalArgumentException bad(String shown, String problem) {
    return new IllegalArgumentException("option dsn \"" + shown + "\" " + problem + ": " + FORM);
  }

  /**
   * The port of an authority that {@link URI} could not read as host and port, when it has one
   * that is not a number; null otherwise.
   */
  private static String portText(String authority) {
    if (authority == null) {
      return null;
    }
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0 || hostPort.endsWith("]") || hostPort.indexOf(']') > colon) {
      return null;
    }
    String port = hostPort.substring(colon + 1);
    return port.isEmpty() || digits(port) ? null : port;
  }

  /**
   * Hides the secret: whatever stands between the first ':' after the scheme and the last '@',
   * when that ':' comes before the first '@' (a secret may itself hold an '@' or a '/').
   */
  static String masked(String text) {
    int schemeEnd = text.indexOf("://");
    int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
    int firstAt = text.indexOf('@', start);
    if (firstAt < 0) {
      return text;
    }
    int colon = text.indexOf(':', start);
    if (colon < 0 || colon > firstAt) {
      return text;
    }
    return text.substring(0, colon + 1) + "***" + text.substring(text.lastIndexOf('@'));
  }

  /**
   * Returns the envelope endpoint.
   *
   * @return {@code {scheme}://{host}[:{port}]{path}/api/{project_id}/envelope/}
   */
  URI envelopeEndpoint() {
    return URI.create(scheme + "://" + hostForUri() + (port < 0 ? "" : ":" + port) + path + "/api/"
        + projectId + "/envelope/");
  }

  private String hostForUri() {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /**
   * Returns the value of the {@code X-Sentry-Auth} header.
   *
   * @param client {@code {sdk}/{version}}
   * @return the header value
   */
  String authHeader(String client) {
    return "Sentry sentry_version=7, sentry_client=" + client + ", sentry_key=" + publicKey
        + (secretKey == null ? "" : ", sentry_secret=" + secretKey);
  }

  String host() {
    return host;
  }

  String publicKey() {
    return publicKey;
  }

  String projectId() {
    return projectId;
  }

  @Override
  public String toString() {
    return scheme + "://" + publicKey + (secretKey == null ? "" : ":***") + "@" + hostForUri()
        + (port < 0 ? "" : ":" + port) + path + "/" + projectId;
  }

  /** Whether every character is an ASCII digit; a loop, not a stream: this runs in {@code init}. */
  private static boolean digits(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
