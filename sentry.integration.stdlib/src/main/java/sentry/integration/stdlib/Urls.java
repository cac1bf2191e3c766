package sentry.integration.stdlib;

import java.util.Locale;

/** Splits a request URL into what an HTTP breadcrumb shows. Works on the raw text, never throws. */
final class Urls {
  private Urls() {}

  /**
   * The parts of a URL.
   *
   * @param url the URL without query and fragment, with credentials replaced by {@code [Filtered]}
   * @param query the raw query, without {@code ?}; empty when there is none
   * @param fragment the raw fragment, without {@code #}; empty when there is none
   * @param host the host, lower case and without IPv6 brackets; empty when the URL has none
   */
  record Parts(String url, String query, String fragment, String host) {}

  /**
   * Splits a URL such as {@code https://user:pw@example.com:8443/a?b=1#c}.
   *
   * @param raw the URL as the client holds it
   * @return the parts: here {@code https://[Filtered]:[Filtered]@example.com:8443/a}, {@code b=1},
   *     {@code c} and {@code example.com}
   */
  static Parts split(String raw) {
    String rest = raw;
    String fragment = "";
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      fragment = rest.substring(hash + 1);
      rest = rest.substring(0, hash);
    }
    String query = "";
    int question = rest.indexOf('?');
    if (question >= 0) {
      query = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    int slashes = rest.indexOf("://");
    if (slashes < 0) {
      return new Parts(rest, query, fragment, "");
    }
    int start = slashes + 3;
    int end = rest.indexOf('/', start);
    if (end < 0) {
      end = rest.length();
    }
    String authority = rest.substring(start, end);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      // As Python's SDK does: each credential that is there becomes [Filtered].
      String credentials = authority.substring(0, at).indexOf(':') >= 0
          ? Secrets.FILTERED + ":" + Secrets.FILTERED
          : Secrets.FILTERED;
      authority = authority.substring(at + 1);
      rest = rest.substring(0, start) + credentials + "@" + authority + rest.substring(end);
    }
    return new Parts(rest, query, fragment, host(authority));
  }

  private static String host(String hostAndPort) {
    String host;
    if (hostAndPort.startsWith("[")) {
      int close = hostAndPort.indexOf(']');
      host = close < 0 ? hostAndPort.substring(1) : hostAndPort.substring(1, close);
    } else {
      int colon = hostAndPort.indexOf(':');
      host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }
    return host.toLowerCase(Locale.ROOT);
  }

  /**
   * Tells whether a request's host is the DSN's host.
   *
   * @param dsnHost the DSN's host, possibly in IPv6 brackets
   * @param host a host from {@link #split(String)}
   * @return true when they name the same host, ignoring case
   */
  static boolean sameHost(String dsnHost, String host) {
    String bare = dsnHost.startsWith("[") && dsnHost.endsWith("]")
        ? dsnHost.substring(1, dsnHost.length() - 1)
        : dsnHost;
    return !host.isEmpty() && bare.equalsIgnoreCase(host);
  }
}
