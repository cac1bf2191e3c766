package sentry.api.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import sentry.api.Request;

/**
 * Builds the {@code request} of an event from what a web server tells about the request, with the
 * privacy rules both web server integrations follow: without {@code sendDefaultPii} the values of
 * sensitive headers ({@code Authorization}, {@code Cookie}, {@code Set-Cookie}, {@code
 * X-Forwarded-For}, {@code X-Real-Ip}, {@code Proxy-Authorization}, and any header named like a
 * token, key, secret or password) and of secret-looking query parameters become {@value
 * SecretFilter#FILTERED}, and there are no cookies and no {@code REMOTE_ADDR}. Stateless. Not API.
 */
public final class WebRequests {
  /** Header names whose values are personal data or credentials, lower case. */
  private static final Set<String> SENSITIVE_HEADERS = Set.of(
      "authorization", "proxy-authorization", "cookie", "set-cookie", "x-forwarded-for", "x-real-ip",
      "forwarded", "x-client-ip", "cf-connecting-ip", "true-client-ip");

  /** The words that make a header or query parameter name secret-looking. */
  private static final SecretFilter FILTER = new SecretFilter(Set.of(
      "password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "key", "apikey", "auth",
      "authorization", "credential", "credentials", "cookie", "bearer", "jwt", "signature", "sig",
      "session", "sessionid", "dsn", "csrf", "xsrf")).withPercentDecodedNames();

  private WebRequests() {}

  /**
   * What the server knows about one request; {@code headers} keeps the server's spelling of names.
   *
   * @param scheme {@code http} or {@code https}
   * @param method the method
   * @param path the path, without query
   * @param rawQuery the raw query without {@code ?}, or null
   * @param headers the headers, each name with its values
   * @param serverName the server's name ({@code SERVER_NAME})
   * @param serverPort the server's port ({@code SERVER_PORT})
   * @param remoteAddress the client's address ({@code REMOTE_ADDR}), or null
   */
  public record Parts(String scheme, String method, String path, String rawQuery,
      Map<String, List<String>> headers, String serverName, int serverPort, String remoteAddress) {}

  /**
   * Checks the statuses given to a web integration's {@code withFailedRequestStatusCodes}, shared
   * by the servlet and httpserver integrations.
   *
   * @param statuses the statuses, from 100 to 599
   * @return them as an unmodifiable set
   * @throws IllegalArgumentException when a status is outside 100 to 599, naming the option
   */
  public static Set<Integer> failedRequestStatusCodes(int... statuses) {
    Set<Integer> checked = new TreeSet<>();
    for (int status : statuses) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("option failedRequestStatusCodes got " + status
            + ": expected HTTP statuses from 100 to 599, such as 500");
      }
      checked.add(status);
    }
    return Set.copyOf(checked);
  }

  /**
   * Builds the event's {@code request}.
   *
   * @param parts what the server knows
   * @param body the body recorder, or null
   * @param sendDefaultPii whether personal data may be sent
   * @return the request
   */
  public static Request build(Parts parts, BodyRecorder body, boolean sendDefaultPii) {
    Map<String, String> headers = new LinkedHashMap<>();
    String host = null;
    String cookie = null;
    for (Map.Entry<String, List<String>> header : parts.headers().entrySet()) {
      String name = header.getKey();
      String value = String.join(", ", header.getValue());
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("host")) {
        host = value;
      } else if (lower.equals("cookie")) {
        cookie = value;
      }
      headers.put(name, sendDefaultPii || !isSensitiveHeader(lower) ? value : SecretFilter.FILTERED);
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SERVER_NAME", parts.serverName());
    env.put("SERVER_PORT", Integer.toString(parts.serverPort()));
    if (sendDefaultPii && parts.remoteAddress() != null) {
      env.put("REMOTE_ADDR", parts.remoteAddress());
    }
    String authority = host != null && !host.isBlank() ? host : parts.serverName() + ":" + parts.serverPort();
    String query = parts.rawQuery() == null || parts.rawQuery().isEmpty() ? null
        : sendDefaultPii ? parts.rawQuery() : FILTER.filterQuery(parts.rawQuery());
    return new Request(parts.scheme() + "://" + authority + parts.path(), parts.method(), query, headers,
        sendDefaultPii && cookie != null ? cookies(cookie) : Map.of(), env,
        body == null ? null : body.data(), body != null && body.overLimit());
  }

  private static boolean isSensitiveHeader(String lowerName) {
    return SENSITIVE_HEADERS.contains(lowerName) || FILTER.isSensitive(lowerName);
  }

  /** Splits a {@code Cookie} header into names and values. */
  static Map<String, String> cookies(String header) {
    Map<String, String> cookies = new LinkedHashMap<>();
    for (String pair : header.split(";")) {
      String trimmed = pair.strip();
      int equals = trimmed.indexOf('=');
      if (equals > 0) {
        cookies.putIfAbsent(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
      }
    }
    return cookies;
  }
}
