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
 */
public record TransportSettings(
    URI endpoint,
    String authHeader,
    String userAgent,
    Duration connectTimeout,
    Duration readTimeout,
    SentryOptions.Proxy proxy,
    int maxQueueSize,
    int maxRequestsInFlight) {

  @Override
  public String toString() {
    // The auth header may carry the DSN's secret: never print it.
    return "TransportSettings[" + endpoint + ", proxy " + proxy + ", queue " + maxQueueSize
        + ", in flight " + maxRequestsInFlight + "]";
  }
}
