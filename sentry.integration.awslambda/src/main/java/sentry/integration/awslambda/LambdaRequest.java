package sentry.integration.awslambda;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import sentry.api.Request;
import sentry.api.internal.SecretFilter;

/**
 * The HTTP request (the event's {@code request}) and the trace headers of an API Gateway (REST,
 * version 1.0 payload) or HTTP API / function URL (version 2.0 payload) event, as the handler
 * received it: a {@link Map} (the default input type
 * when the handler declares {@code Map<String, Object>}), or the first of a batch ({@link List}).
 *
 * <p>Without {@code sendDefaultPii}, the values of headers that carry credentials or addresses
 * ({@code Authorization}, {@code Cookie}, {@code X-Forwarded-For}, and any whose name has a
 * secret-looking word, as {@link SecretFilter} decides) and of secret-looking query parameters
 * become {@value SecretFilter#FILTERED}, and the body is left out. Stateless. Not API.
 */
final class LambdaRequest {
  private static final Set<String> SENSITIVE_HEADERS = Set.of("authorization", "proxy-authorization",
      "cookie", "set-cookie", "x-forwarded-for", "x-real-ip", "forwarded", "x-amz-security-token");
  private static final SecretFilter FILTER = new SecretFilter(Set.of(
      "password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "key", "apikey", "auth",
      "authorization", "credential", "credentials", "cookie", "bearer", "jwt", "signature", "sig",
      "session", "sessionid", "dsn")).withPercentDecodedNames();

  private LambdaRequest() {}

  /**
   * Describes the request of an HTTP event, as the protocol's {@code request}.
   *
   * @param input what the handler received
   * @param functionName the function's name, for the URL of an event without host or path
   * @param sendDefaultPii true to keep every header, query value and the body
   * @return {@code method}, {@code url}, {@code query_string}, {@code headers} (and {@code data}
   *     with personal data on), or null when the input is no HTTP event
   */
  static Request describe(Object input, String functionName, boolean sendDefaultPii) {
    Map<?, ?> event = httpEvent(input);
    if (event == null) {
      return null;
    }
    Map<?, ?> requestContext = map(event.get("requestContext"));
    Map<?, ?> http = map(requestContext.get("http"));
    String method = text(event.get("httpMethod"));
    boolean v2 = method == null;
    if (v2) {
      method = text(http.get("method"));
    }
    if (method == null) {
      return null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    map(event.get("headers")).forEach((name, value) -> {
      if (name != null && value != null) {
        String key = name.toString();
        boolean secret = !sendDefaultPii && isSensitive(key.toLowerCase(Locale.ROOT));
        headers.put(key, secret ? SecretFilter.FILTERED : value.toString());
      }
    });
    String query = v2 ? text(event.get("rawQueryString")) : query(map(event.get("queryStringParameters")));
    if (query != null && !query.isEmpty() && !sendDefaultPii) {
      query = FILTER.filterQuery(query);
    }
    Object body = event.get("body");
    return new Request(url(event, requestContext, v2, functionName), method,
        query == null || query.isEmpty() ? null : query, headers, Map.of(), Map.of(),
        sendDefaultPii && body != null ? body.toString() : null, false);
  }

  /**
   * Returns a header of an HTTP event, whatever the case of its name: API Gateway keeps the
   * client's spelling in a version 1.0 payload and lower-cases it in 2.0.
   *
   * @param input what the handler received
   * @param name the header's name
   * @return its value, or null when the input is no HTTP event or has no such header
   */
  static String header(Object input, String name) {
    Map<?, ?> event = httpEvent(input);
    if (event == null) {
      return null;
    }
    for (Map.Entry<?, ?> header : map(event.get("headers")).entrySet()) {
      if (name.equalsIgnoreCase(String.valueOf(header.getKey()))) {
        return text(header.getValue());
      }
    }
    return null;
  }

  /** The event of an HTTP invocation (the first of a batch), or null. */
  private static Map<?, ?> httpEvent(Object input) {
    Object first = input instanceof List<?> batch && !batch.isEmpty() ? batch.get(0) : input;
    return first instanceof Map<?, ?> event ? event : null;
  }

  private static String url(Map<?, ?> event, Map<?, ?> requestContext, boolean v2, String functionName) {
    String host = v2 ? text(requestContext.get("domainName")) : null;
    String proto = null;
    for (Map.Entry<?, ?> header : map(event.get("headers")).entrySet()) {
      String name = String.valueOf(header.getKey()).toLowerCase(Locale.ROOT);
      if (name.equals("host") && host == null) {
        host = text(header.getValue());
      } else if (name.equals("x-forwarded-proto")) {
        proto = text(header.getValue());
      }
    }
    String path = text(event.get(v2 ? "rawPath" : "path"));
    if (host == null || path == null) {
      return "awslambda:///" + functionName;
    }
    return (proto != null ? proto : "https") + "://" + host + path;
  }

  private static String query(Map<?, ?> parameters) {
    StringJoiner query = new StringJoiner("&");
    parameters.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
    return query.toString();
  }

  private static String encode(Object value) {
    return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
  }

  private static boolean isSensitive(String lowerName) {
    return SENSITIVE_HEADERS.contains(lowerName) || FILTER.isSensitive(lowerName);
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }

  private static String text(Object value) {
    return value instanceof String text && !text.isEmpty() ? text : null;
  }
}
