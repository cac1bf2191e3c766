package sentry.api.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends serialized envelopes to Sentry and reports what came back. The SDK's delivery engine
 * decides what to send and what an answer means; a transport only moves bytes.
 *
 * <p>Implementations are thread-safe and never block the caller on the network.
 */
public interface Transport {
  /**
   * Starts sending one envelope, as an HTTP {@code POST} to {@link TransportConfig#endpoint()}
   * with {@code Content-Encoding: gzip}, {@code X-Sentry-Auth} and {@code User-Agent}.
   *
   * @param gzippedEnvelope the whole envelope, gzip-compressed; the transport must not change it
   * @return completes with Sentry's answer, whatever its status, at the latest after
   *     {@link TransportConfig#responseTimeout()}; completes exceptionally (usually with an
   *     {@link java.io.IOException}) when no answer came: connect failure, reset, timeout, or the
   *     transport was closed. Never null; it may complete on any thread, so what runs on
   *     completion must be short.
   */
  CompletableFuture<TransportResponse> send(byte[] gzippedEnvelope);

  /**
   * Stops the transport: lets requests in flight finish for up to {@code timeout}, then aborts
   * them (their futures complete exceptionally) and releases connections and threads. Later sends
   * fail at once. Returns within about {@code timeout}; idempotent.
   *
   * @param timeout how long requests in flight may still take; zero aborts them at once
   */
  void close(Duration timeout);
}
