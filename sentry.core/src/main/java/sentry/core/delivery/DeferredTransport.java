package sentry.core.delivery;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import sentry.core.transport.Transport;

/**
 * The dispatcher's transport, made on the worker thread when it starts instead of on the thread
 * that calls {@code init}: finding a transport provider and starting an HTTP client (its classes,
 * its I/O threads) is the larger part of what {@code init} would otherwise cost. Until it is made,
 * nothing can be sent anyway: captures wait in the queue.
 *
 * <p>Closed before it was made, it makes nothing; closed while it is being made, what is made is
 * closed at once. Thread-safe.
 */
final class DeferredTransport implements Transport {
  private final Supplier<Transport> factory;
  /** Guarded by this. */
  private Transport transport;
  /** Guarded by this. */
  private boolean closed;

  /** A transport {@code factory} makes on the first {@link #start}. */
  DeferredTransport(Supplier<Transport> factory) {
    this.factory = factory;
  }

  /** A transport made already by the caller, which this one closes even if it never started. */
  DeferredTransport(Transport made) {
    this.factory = () -> made;
    this.transport = made;
  }

  /**
   * Makes the transport, once; called by the worker as it starts, and by the first send otherwise.
   *
   * @return the transport; null when closed first
   */
  Transport start() {
    synchronized (this) {
      if (transport != null || closed) {
        return transport;
      }
    }
    // Made outside the lock, so that close() never waits for an HTTP client to start.
    Transport made = factory.get();
    synchronized (this) {
      if (transport == null && !closed) {
        transport = made;
        return made;
      }
    }
    if (made != transport) {
      made.close(Duration.ZERO);
    }
    return transport;
  }

  @Override
  public CompletableFuture<Response> send(byte[] gzippedEnvelope) {
    Transport current = start();
    return current == null ? CompletableFuture.failedFuture(new IOException("the transport is closed"))
        : current.send(gzippedEnvelope);
  }

  @Override
  public void close(Duration timeout) {
    Transport current;
    synchronized (this) {
      closed = true;
      current = transport;
    }
    if (current != null) {
      current.close(timeout);
    }
  }

  @Override
  public String toString() {
    Transport current;
    synchronized (this) {
      current = transport;
    }
    return current == null ? "a transport not yet started" : current.toString();
  }
}
