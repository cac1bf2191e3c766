package sentry.api;

/**
 * How large a request body the web server integrations ({@code servlet}, {@code httpserver}) may
 * attach to an event's {@code request.data}, as Python's {@code max_request_body_size}. Only JSON
 * and form bodies are attached, and only the bytes the application itself read: the SDK never
 * reads a body the application did not. A larger body is left out whole, with a note in the
 * event's {@code _meta}, never cut.
 */
public enum MaxRequestBodySize {
  /** No body is attached. */
  NONE(0),
  /** Bodies of up to 1,000 bytes. */
  SMALL(1_000),
  /** Bodies of up to 10,000 bytes; the default. */
  MEDIUM(10_000),
  /** Bodies of any size the SDK keeps in memory: up to 1 MiB, the most an event may hold. */
  ALWAYS(1 << 20);

  private final int limit;

  MaxRequestBodySize(int limit) {
    this.limit = limit;
  }

  /**
   * Returns the largest body attached, in bytes.
   *
   * @return the limit; 0 for {@link #NONE}
   */
  public int limit() {
    return limit;
  }
}
