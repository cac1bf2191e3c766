package sentry.api.transport;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import sentry.api.SentryOptions;

/**
 * Where and how a transport sends, taken from the DSN and the options at {@code init}.
 *
 * @param endpoint the envelope endpoint, {@code {scheme}://{host}[:{port}]{path}/api/{project}/envelope/}
 * @param authHeader the value of {@code X-Sentry-Auth}; may hold the DSN's secret: never log it
 * @param userAgent the value of {@code User-Agent}, {@code {sdk}/{version}}
 * @param connectTimeout how long to wait for a connection (and its TLS handshake)
 * @param readTimeout how long to wait for the answer once the request is sent
 * @param proxy the HTTP proxy, or null for a direct connection; its credentials go in
 *     {@code Proxy-Authorization: Basic}
 * @param maxRequestsInFlight how many requests the engine may have in flight at once
 * @param responseTimeout how long one envelope may take from {@link Transport#send} until its
 *     answer is read whole; past it, the send completes with the status if one came, else fails
 * @param maxResponseBodyBytes how much of an answer's body to read at most; past it, the send
 *     completes with the status and the connection is not reused
 */
public record TransportConfig(
    URI endpoint,
    String authHeader,
    String userAgent,
    Duration connectTimeout,
    Duration readTimeout,
    SentryOptions.@Nullable Proxy proxy,
    int maxRequestsInFlight,
    Duration responseTimeout,
    int maxResponseBodyBytes) {
  @Override
  public String toString() {
    // The auth header may carry the DSN's secret: never print it.
    return "TransportConfig[" + endpoint + ", proxy " + proxy + ", in flight " + maxRequestsInFlight + "]";
  }
}
