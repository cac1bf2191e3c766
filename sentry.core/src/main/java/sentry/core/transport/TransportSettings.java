package sentry.core.transport;

import java.net.URI;
import java.time.Duration;
import sentry.api.SentryOptions;

/**
 * What the transport needs to know, taken from the DSN and the options at {@code init}.
 *
 * @param endpoint the envelope endpoint, {@code {scheme}://{host}[:{port}]{path}/api/{project}/envelope/}
 * @param authHeader the value of {@code X-Sentry-Auth}
 * @param userAgent the value of {@code User-Agent}, {@code {sdk}/{version}}
 * @param connectTimeout the connect timeout
 * @param readTimeout how long to wait for an answer
 * @param proxy the HTTP proxy, or null for a direct connection
 * @param maxQueueSize how many envelopes may wait
 * @param maxRequestsInFlight how many requests may be in flight at once
 * @param responseTimeout how long one envelope may take from being handed to the transport until
 *     its answer is read whole
 * @param maxResponseBodyBytes how much of an answer's body is read at most
 * @param maxQueueBytes how many bytes of envelopes, by their estimated size, may be queued or in
 *     flight before they are serialized and let go
 */
public record TransportSettings(
    URI endpoint,
    String authHeader,
    String userAgent,
    Duration connectTimeout,
    Duration readTimeout,
    SentryOptions.Proxy proxy,
    int maxQueueSize,
    int maxRequestsInFlight,
    Duration responseTimeout,
    int maxResponseBodyBytes,
    long maxQueueBytes) {
  /** The default of {@link #responseTimeout()}: 30 seconds. */
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
  /** The default of {@link #maxResponseBodyBytes()}: 64 KiB. */
  public static final int DEFAULT_MAX_RESPONSE_BODY_BYTES = 64 * 1024;
  /** The default of {@link #maxQueueBytes()}: 8 MiB. */
  public static final long DEFAULT_MAX_QUEUE_BYTES = 8L << 20;

  /**
   * Settings with the default response deadline, body cap and queue byte bound.
   *
   * @param endpoint the envelope endpoint
   * @param authHeader the value of {@code X-Sentry-Auth}
   * @param userAgent the value of {@code User-Agent}
   * @param connectTimeout the connect timeout
   * @param readTimeout how long to wait for an answer
   * @param proxy the HTTP proxy, or null for a direct connection
   * @param maxQueueSize how many envelopes may wait
   * @param maxRequestsInFlight how many requests may be in flight at once
   */
  public TransportSettings(URI endpoint, String authHeader, String userAgent, Duration connectTimeout,
      Duration readTimeout, SentryOptions.Proxy proxy, int maxQueueSize, int maxRequestsInFlight) {
    this(endpoint, authHeader, userAgent, connectTimeout, readTimeout, proxy, maxQueueSize, maxRequestsInFlight,
        DEFAULT_RESPONSE_TIMEOUT, DEFAULT_MAX_RESPONSE_BODY_BYTES, DEFAULT_MAX_QUEUE_BYTES);
  }

  @Override
  public String toString() {
    // The auth header may carry the DSN's secret: never print it.
    return "TransportSettings[" + endpoint + ", proxy " + proxy + ", queue " + maxQueueSize
        + ", in flight " + maxRequestsInFlight + "]";
  }
}
