package sentry.core.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import sentry.api.DropReason;
import sentry.core.log.SdkGuard;
import sentry.core.log.SdkLog;

/**
 * The bounded send queue and its background sender: what the rest of the SDK hands envelopes to.
 * {@link #offer} is cheap and never blocks, for application threads; one worker thread
 * ({@code sentry-dispatcher}, a daemon) serializes and gzips each envelope and passes it to the
 * {@link Transport}, with up to {@code maxRequestsInFlight} requests in flight.
 *
 * <p>Every envelope that does not reach Sentry is counted in the {@link DropRecorder} and told
 * through {@link OutboundEnvelope#dropped}: {@code queue_overflow} when the queue is full or the
 * dispatcher closed, {@code ratelimit_backoff} while its category is rate-limited,
 * {@code send_error} when Sentry refuses it (any 4xx or 5xx but 429) or it cannot be serialized,
 * {@code network_error} when no answer came, or when {@link #close} gave up on it. A 429 is
 * accounted for by Sentry itself: it only updates the rate limits. Thread-safe.
 */
public final class Dispatcher {
  private static final SdkLog LOG = SdkLog.get("sentry.core.transport.Dispatcher");
  /** How long {@link #close} waits for the worker to hand back the envelopes it holds. */
  private static final long WORKER_STOP_WAIT_MILLIS = 50;

  private final Transport transport;
  private final DropRecorder drops;
  private final RateLimiter limits;
  private final ArrayBlockingQueue<OutboundEnvelope> queue;
  private final Semaphore requestSlots;
  /** Queued, being serialized, and in flight. */
  private final AtomicInteger pending = new AtomicInteger();
  /** Notified whenever {@link #pending} drops to zero. */
  private final Object drained = new Object();
  private final Set<Delivery> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean networkDown = new AtomicBoolean();
  private final AtomicBoolean refused = new AtomicBoolean();
  private final Thread worker;
  private static final int OPEN = 0;
  /** Flushing, refusing offers. */
  private static final int CLOSING = 1;
  /** Dropping what is left. */
  private static final int STOPPED = 2;

  private volatile int state = OPEN;

  /**
   * Makes a dispatcher and starts its worker.
   *
   * @param settings the queue size and how many requests may be in flight
   * @param transport where envelopes go
   * @param drops where drops are counted
   */
  public Dispatcher(TransportSettings settings, Transport transport, DropRecorder drops) {
    this(settings, transport, drops, new RateLimiter());
  }

  /**
   * Makes a dispatcher with a given rate limiter (tests give it a clock they control) and starts
   * its worker.
   *
   * @param settings the queue size and how many requests may be in flight
   * @param transport where envelopes go
   * @param drops where drops are counted
   * @param limits the rate limits to honour and update
   */
  public Dispatcher(TransportSettings settings, Transport transport, DropRecorder drops, RateLimiter limits) {
    this.transport = transport;
    this.drops = drops;
    this.limits = limits;
    this.queue = new ArrayBlockingQueue<>(Math.max(1, settings.maxQueueSize()));
    this.requestSlots = new Semaphore(Math.max(1, settings.maxRequestsInFlight()));
    this.worker = new Thread(this::work, "sentry-dispatcher");
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * Makes a dispatcher that sends over HTTP with an {@link HttpTransport}.
   *
   * @param settings where and how to send
   * @param drops where drops are counted
   * @return the started dispatcher
   */
  public static Dispatcher create(TransportSettings settings, DropRecorder drops) {
    return new Dispatcher(settings, new HttpTransport(settings), drops);
  }

  /**
   * Queues an envelope for sending without blocking. An envelope that is not queued has already
   * been counted and told why when this returns.
   *
   * @param envelope the envelope; it is serialized later, on the worker
   * @return true if queued; false if dropped because the queue is full or the dispatcher closed
   *     ({@code queue_overflow}) or its category is rate-limited ({@code ratelimit_backoff})
   */
  public boolean offer(OutboundEnvelope envelope) {
    if (state != OPEN) {
      return reject(envelope, DropReason.QUEUE_OVERFLOW);
    }
    if (limits.isLimited(envelope.category())) {
      return reject(envelope, DropReason.RATELIMIT_BACKOFF);
    }
    pending.incrementAndGet();
    if (!queue.offer(envelope)) {
      settled();
      return reject(envelope, DropReason.QUEUE_OVERFLOW);
    }
    // close() may have drained the queue between our state check and our insertion.
    if (state == STOPPED && queue.remove(envelope)) {
      settled();
      return reject(envelope, DropReason.QUEUE_OVERFLOW);
    }
    return true;
  }

  /**
   * Returns how many envelopes are queued or in flight.
   *
   * @return the count
   */
  public int pending() {
    return pending.get();
  }

  /**
   * Returns the rate limits this dispatcher honours, so that callers can skip building envelopes
   * that would be dropped.
   *
   * @return the limiter
   */
  public RateLimiter rateLimiter() {
    return limits;
  }

  /**
   * Waits until nothing is queued or in flight, or the timeout passes. Any thread may call it,
   * several at once.
   *
   * @param timeout how long to wait at most
   * @return true if everything was sent (or dropped and counted) in time
   */
  public boolean flush(Duration timeout) {
    return awaitDrained(System.nanoTime() + nanos(timeout));
  }

  /**
   * Stops taking envelopes, waits up to {@code timeout} for what is pending, then aborts requests
   * in flight, counts what is left as {@code network_error}, and shuts the transport down. Returns
   * within the timeout plus a few tens of milliseconds even if Sentry never answers. Idempotent;
   * a concurrent second call waits for the first, within its own timeout.
   *
   * @param timeout how long pending envelopes may still take
   */
  public void close(Duration timeout) {
    long deadline = System.nanoTime() + nanos(timeout);
    if (!closing.compareAndSet(false, true)) {
      awaitClosed(deadline);
      return;
    }
    try {
      state = CLOSING;
      awaitDrained(deadline);
      state = STOPPED;
      worker.interrupt();
      closeTransport();
      // A transport that did not fail its futures on close must not keep us waiting.
      for (Delivery delivery : inFlight) {
        delivery.settle(DropReason.NETWORK_ERROR);
      }
      worker.join(WORKER_STOP_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      dropQueued();
      closed.countDown();
    }
  }

  private void closeTransport() {
    try {
      transport.close(Duration.ZERO);
    } catch (RuntimeException e) {
      LOG.warn("Closing {} failed: {}", transport, e.toString(), e);
    }
  }

  private void work() {
    SdkGuard.markSdkThread();
    try {
      while (state != STOPPED) {
        requestSlots.acquire();
        OutboundEnvelope envelope;
        try {
          envelope = queue.take();
        } catch (InterruptedException e) {
          requestSlots.release();
          throw e;
        }
        new Delivery(envelope).start();
      }
    } catch (InterruptedException e) {
      // close() interrupts us once its deadline has passed.
    } finally {
      dropQueued();
    }
  }

  private boolean reject(OutboundEnvelope envelope, DropReason reason) {
    drops.record(reason, envelope.category());
    tellDropped(envelope, reason);
    return false;
  }

  private void dropQueued() {
    OutboundEnvelope envelope;
    while ((envelope = queue.poll()) != null) {
      drops.record(DropReason.NETWORK_ERROR, envelope.category());
      tellDropped(envelope, DropReason.NETWORK_ERROR);
      settled();
    }
  }

  private void settled() {
    if (pending.decrementAndGet() == 0) {
      synchronized (drained) {
        drained.notifyAll();
      }
    }
  }

  private boolean awaitDrained(long deadline) {
    synchronized (drained) {
      long left;
      while (pending.get() > 0) {
        left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(drained, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return pending.get() == 0;
        }
      }
      return true;
    }
  }

  private void awaitClosed(long deadline) {
    try {
      closed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void tellDropped(OutboundEnvelope envelope, DropReason reason) {
    try {
      envelope.dropped(reason);
    } catch (RuntimeException e) {
      LOG.warn("Envelope {} failed in dropped({}): {}", envelope.eventId(), reason, e.toString(), e);
    }
  }

  private static long nanos(Duration timeout) {
    try {
      return Math.max(0, timeout.toNanos());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  /**
   * One envelope from the moment the worker takes it until it is settled: sent, refused or
   * dropped, exactly once. It holds one request slot meanwhile.
   */
  private final class Delivery {
    private final OutboundEnvelope envelope;
    private final AtomicBoolean done = new AtomicBoolean();

    Delivery(OutboundEnvelope envelope) {
      this.envelope = envelope;
    }

    void start() {
      if (limits.isLimited(envelope.category())) {
        settle(DropReason.RATELIMIT_BACKOFF);
        return;
      }
      byte[] body;
      try {
        body = gzip(envelope);
      } catch (IOException | RuntimeException e) {
        // No reason fits a serializer bug better; Sentry's internal_sdk_error is not one of ours.
        LOG.warn("Could not serialize envelope {}, dropped as send_error: {}", envelope.eventId(), e.toString(), e);
        settle(DropReason.SEND_ERROR);
        return;
      }
      inFlight.add(this);
      if (state == STOPPED) {
        settle(DropReason.NETWORK_ERROR);
        return;
      }
      CompletableFuture<Transport.Response> answer;
      try {
        answer = transport.send(body);
        if (answer == null) {
          answer = CompletableFuture.failedFuture(new IllegalStateException(transport + " returned no future"));
        }
      } catch (RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
      answer.whenComplete(this::answered);
    }

    private void answered(Transport.Response response, Throwable failure) {
      // The transport may call us on its own threads: keep what we log out of the application's view.
      SdkGuard.enter();
      try {
        settle(failure == null ? judge(response) : networkFailed(failure));
      } finally {
        SdkGuard.exit();
      }
    }

    private DropReason judge(Transport.Response response) {
      networkDown.set(false);
      limits.update(response);
      int status = response.status();
      if (status / 100 == 2 || status == 429) {
        refused.set(false);
        return null;
      }
      if (refused.compareAndSet(false, true)) {
        LOG.warn("Sentry refused an envelope with HTTP {}; counting refusals as send_error", status);
      } else {
        LOG.debug("Sentry refused envelope {} with HTTP {}", envelope.eventId(), status);
      }
      return DropReason.SEND_ERROR;
    }

    private DropReason networkFailed(Throwable failure) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (state != STOPPED && networkDown.compareAndSet(false, true)) {
        LOG.warn("Could not reach Sentry: {}; counting envelopes as network_error until it answers", cause.toString());
      } else {
        LOG.debug("Could not send envelope {}: {}", envelope.eventId(), cause.toString());
      }
      return DropReason.NETWORK_ERROR;
    }

    /** Settles the envelope once: counts a drop if there is a reason, frees its slot. */
    void settle(DropReason reason) {
      if (!done.compareAndSet(false, true)) {
        return;
      }
      inFlight.remove(this);
      if (reason != null) {
        drops.record(reason, envelope.category());
        tellDropped(envelope, reason);
      }
      requestSlots.release();
      settled();
    }
  }

  private static byte[] gzip(OutboundEnvelope envelope) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
    try (GZIPOutputStream out = new GZIPOutputStream(buffer, 8192)) {
      envelope.writeTo(out);
    }
    return buffer.toByteArray();
  }
}
