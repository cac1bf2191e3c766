package sentry.core.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends serialized envelopes to Sentry and reports what came back. The delivery engine decides what
 * to send and what the outcome means; a transport only moves bytes, so it can be replaced (tests,
 * another HTTP stack). {@link Transports} makes one from the {@code TransportProvider} it chooses.
 *
 * <p>Implementations are thread-safe and never block the caller on the network.
 */
public interface Transport {
  /**
   * Starts sending one envelope.
   *
   * @param gzippedEnvelope the whole envelope, gzip-compressed; the transport must not change it
   * @return completes with Sentry's answer, whatever its status; completes exceptionally (usually
   *     with an {@link java.io.IOException}) when no answer came: connect failure, reset, timeout,
   *     or the transport was closed. Never null; the future may complete on any thread, so what
   *     runs on completion must be short.
   */
  CompletableFuture<Response> send(byte[] gzippedEnvelope);

  /**
   * Stops the transport: lets requests in flight finish for up to {@code timeout}, then aborts
   * them (their futures complete exceptionally) and releases connections and threads. Later sends
   * fail at once. Returns within about {@code timeout}; idempotent.
   *
   * @param timeout how long requests in flight may still take; zero aborts them at once
   */
  void close(Duration timeout);

  /**
   * What Sentry answered.
   *
   * @param status the HTTP status code
   * @param retryAfter the {@code Retry-After} header value, or null when absent
   * @param rateLimits the {@code X-Sentry-Rate-Limits} header value, or null when absent
   */
  record Response(int status, String retryAfter, String rateLimits) {}
}
