package sentry.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP request an event happened in, as the protocol's {@code request} interface: filled in by
 * the web server integrations ({@code servlet}, {@code httpserver}) for every event captured while
 * a request is served. Immutable.
 *
 * @param url the URL with scheme, host and path, without query
 * @param method the HTTP method, such as {@code GET}
 * @param queryString the raw query without {@code ?}, or null when there is none
 * @param headers the headers by name, several values joined with {@code ", "}; never null
 * @param cookies the cookies by name; empty when there are none or without {@code sendDefaultPii}
 * @param env the server's environment, such as {@code SERVER_NAME}, {@code SERVER_PORT} and, with
 *     {@code sendDefaultPii}, {@code REMOTE_ADDR}; never null
 * @param data the body: a JSON value (maps, lists, strings, numbers, booleans) or, for a form,
 *     a map of names to values; null when there is none or it was left out
 * @param dataOverSizeLimit true when a body was left out because it is larger than the integration's
 *     {@code maxRequestBodySize}; the event's {@code _meta} then says so
 */
public record Request(
    String url,
    String method,
    String queryString,
    Map<String, String> headers,
    Map<String, String> cookies,
    Map<String, String> env,
    Object data,
    boolean dataOverSizeLimit) {
  /**
   * Copies the maps; null maps become empty.
   *
   * @param url the URL with scheme, host and path, without query
   * @param method the HTTP method
   * @param queryString the raw query, or null
   * @param headers the headers
   * @param cookies the cookies by name
   * @param env the server's environment
   * @param data the body, or null
   * @param dataOverSizeLimit true when a body was left out for its size
   */
  public Request {
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    cookies = cookies == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(cookies));
    env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }
}
