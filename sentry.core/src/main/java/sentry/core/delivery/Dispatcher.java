package sentry.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import sentry.api.DropReason;
import sentry.core.accounting.ClientReports;
import sentry.core.accounting.DropRecorder;
import sentry.core.accounting.RateLimiter;
import sentry.core.log.SdkLog;
import sentry.core.outbox.Outbox;
import sentry.core.outbox.OutboxListener;
import sentry.core.transport.Transport;
import sentry.core.transport.TransportSettings;
import sentry.core.transport.Transports;

/**
 * The bounded send queue and its background sender: what the rest of the SDK hands envelopes to.
 * {@link #offer} is cheap and never blocks, for application threads; one worker thread
 * ({@code sentry-dispatcher}, a daemon) takes a request slot for each envelope and starts a
 * {@link Delivery} for it, on one of up to {@code min(cores, maxRequestsInFlight)} serializer
 * threads ({@code sentry-serializer-<n>}, daemons, see {@link Serializers}) that serialize in
 * parallel, with up to {@code maxRequestsInFlight} requests in flight. Between serialization and
 * {@link Transport#send} sits the seam for the offline outbox and client reports: a
 * {@link Delivery} writes the envelope to the {@link Outbox} first when there is one, attaches the
 * waiting drop counts as a {@code client_report} item, gzips, sends and judges the answer.
 *
 * <p>Every envelope that does not reach Sentry is counted in the {@link DropRecorder} and told
 * through {@link OutboundEnvelope#dropped}: {@code queue_overflow} when the queue is full or the
 * dispatcher closed, {@code ratelimit_backoff} while its category is rate-limited,
 * {@code send_error} when Sentry refuses it (any 4xx, and without an outbox any 5xx) or it cannot
 * be serialized, {@code network_error} when, without an outbox, no answer came, or when
 * {@link #close} gave up on it before it was taken from the queue and could not write it to an
 * outbox. A 429 is accounted for by Sentry itself: it only updates the rate limits. With an outbox,
 * an envelope that got no answer, a 5xx or a 429 stays on disk and is tried again with backoff, by
 * this process or the next ({@link Outbox} and {@link RetrySchedule}); the worker looks at what
 * earlier processes left as soon as it starts. What is still queued when {@link #close} gives up
 * waiting is written to the open outbox then, for the next process to send with the same event ids,
 * and is neither counted nor told as dropped.
 *
 * <p>Parking. With an open outbox, a worker that finds every request slot busy does not wait for
 * one: it keeps taking envelopes from the queue and writes each to the outbox as a ready file, so
 * that against a server that does not answer the queue drains to disk instead of overflowing. A
 * parked envelope stays in {@link #pending()}, so that {@link #flush} waits for it, until the first
 * attempt at its file (or the outbox removing it, or {@link #close}) settles it. The rules are in
 * {@link Parking}; the worker's loop is {@link Worker}.
 *
 * <p>Client reports ({@link ClientReports}), when on, ride on the next envelope sent, and are sent
 * on their own by {@link #flush} and {@link #close} when counts wait, and by the worker when counts
 * have waited {@link #REPORT_INTERVAL} with nothing to ride on. Thread-safe.
 */
public final class Dispatcher {
  private static final SdkLog LOG = SdkLog.get("sentry.core.transport.Dispatcher");
  /** How long {@link #close} waits for the worker to hand back the envelopes it holds. */
  private static final long WORKER_STOP_WAIT_MILLIS = 50;
  /** How long drop counts may wait for an envelope to ride on before they are sent on their own. */
  public static final Duration REPORT_INTERVAL = Duration.ofMinutes(1);
  /** How often the worker looks into the outbox for files that dead processes left or that expired. */
  static final Duration RESCAN_INTERVAL = Duration.ofMinutes(1);

  /** What the worker and the deliveries share with this dispatcher; they never reach back into it. */
  private final Engine engine;
  private final DropRecorder drops;
  private final RateLimiter limits;
  private final ClientReports reports;
  private final Outbox outbox;
  private final SendQueue queue;
  private final QueueBytes queueBytes;
  private final Parking parking;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Worker worker;
  private static final int OPEN = 0;
  /** Flushing, refusing offers. */
  private static final int CLOSING = 1;
  /** Dropping what is left. */
  private static final int STOPPED = 2;

  private volatile int state = OPEN;

  /**
   * Makes a dispatcher that only sends (no client reports, no outbox) and starts its worker.
   *
   * @param settings the queue size and how many requests may be in flight
   * @param transport where envelopes go
   * @param drops where drops are counted
   */
  public Dispatcher(TransportSettings settings, Transport transport, DropRecorder drops) {
    this(settings, transport, drops, new RateLimiter());
  }

  /**
   * Makes a dispatcher that only sends (no client reports, no outbox) with a given rate limiter
   * (tests give it a clock they control) and starts its worker.
   *
   * @param settings the queue size and how many requests may be in flight
   * @param transport where envelopes go
   * @param drops where drops are counted
   * @param limits the rate limits to honour and update
   */
  public Dispatcher(TransportSettings settings, Transport transport, DropRecorder drops, RateLimiter limits) {
    this(settings, DispatchSettings.sendOnly(), transport, drops, limits, Clock.systemUTC());
  }

  /**
   * Makes a dispatcher and starts its worker. Touches no disk on the calling thread: the worker
   * opens the outbox, if there is one, and sends what earlier processes left in it.
   *
   * @param settings the queue size and how many requests may be in flight
   * @param dispatch client reports, the outbox and its retry delays
   * @param transport where envelopes go
   * @param drops where drops are counted
   * @param limits the rate limits to honour and update
   * @param clock gives the outbox's file ages, {@code sent_at} of envelopes sent again, retry and
   *     report delays (tests give it a clock they control, and {@link #wake()} the worker)
   */
  public Dispatcher(TransportSettings settings, DispatchSettings dispatch, Transport transport, DropRecorder drops,
      RateLimiter limits, Clock clock) {
    this(settings, dispatch, new DeferredTransport(transport), drops, limits, clock);
  }

  /** Makes a dispatcher whose transport is made on its worker; see the public constructor. */
  Dispatcher(TransportSettings settings, DispatchSettings dispatch, DeferredTransport transport,
      DropRecorder drops, RateLimiter limits, Clock clock) {
    this.drops = drops;
    this.limits = limits;
    this.reports = new ClientReports(drops, dispatch.clientReportWriter(), limits, clock);
    this.outbox = dispatch.outbox() == null ? null : new Outbox(dispatch.outbox(), clock, this::discarded);
    RetrySchedule retries = new RetrySchedule(clock, dispatch.retryBase(), dispatch.retryCap());
    this.queue = new SendQueue(settings.maxQueueSize());
    this.queueBytes = new QueueBytes(settings.maxQueueBytes());
    this.engine = new Engine(transport, drops, limits, reports, outbox, retries, clock, queue,
        ConcurrentHashMap.newKeySet(), new DeliveryWarnings(), () -> state == STOPPED, closing::get,
        this::slotFreed);
    this.parking = new Parking(queue, drops, outbox, limits, retries, engine.stopped());
    this.worker = new Worker(engine, parking, settings.maxRequestsInFlight());
    worker.start();
  }

  /**
   * Makes a dispatcher that sends with the transport {@code Transports} chooses (a provider found as
   * a service), with no client reports and no outbox.
   *
   * @param settings where and how to send
   * @param drops where drops are counted
   * @return the started dispatcher
   */
  public static Dispatcher create(TransportSettings settings, DropRecorder drops) {
    return create(settings, DispatchSettings.sendOnly(), drops);
  }

  /**
   * Makes a dispatcher that sends with the transport {@code Transports} chooses (a provider found as
   * a service). The transport is chosen, made and started on the worker thread as it starts, not on
   * the caller's: {@code init} does not wait for the service look-up or an HTTP client to start.
   *
   * @param settings where and how to send
   * @param dispatch client reports, the outbox and its retry delays
   * @param drops where drops are counted
   * @return the started dispatcher
   */
  public static Dispatcher create(TransportSettings settings, DispatchSettings dispatch, DropRecorder drops) {
    return new Dispatcher(settings, dispatch, new DeferredTransport(() -> Transports.choose(settings)), drops,
        new RateLimiter(), Clock.systemUTC());
  }

  /**
   * Runs a task on the worker thread when it is next between deliveries, not on the caller's: what
   * the first event will need (the serializer, its JSON classes, the host's name) can be made there
   * ahead of it. One task at a time; what it throws is logged.
   *
   * @param task the task
   */
  public void prepare(Runnable task) {
    worker.prepare(task);
  }

  /**
   * Queues an envelope for sending without blocking. An envelope that is not queued has already
   * been counted and told why when this returns.
   *
   * @param envelope the envelope; it is serialized later, on the worker
   * @return true if queued; false if dropped because the queue is full (in envelopes, or in bytes:
   *     {@code maxQueueBytes} of envelopes queued or in flight, by their
   *     {@link OutboundEnvelope#sizeEstimate()}) or the dispatcher closed ({@code queue_overflow}),
   *     or its category is rate-limited ({@code ratelimit_backoff})
   */
  public boolean offer(OutboundEnvelope envelope) {
    if (state != OPEN) {
      return reject(envelope, DropReason.QUEUE_OVERFLOW);
    }
    if (limits.isLimited(envelope.category())) {
      return reject(envelope, DropReason.RATELIMIT_BACKOFF);
    }
    Charged charged = queueBytes.charge(envelope);
    // close() may have drained the queue between our state check and our insertion.
    if (charged == null || !queue.add(charged) || state == STOPPED && queue.remove(charged)) {
      if (charged != null) {
        charged.giveBack();
      }
      return reject(envelope, DropReason.QUEUE_OVERFLOW);
    }
    return true;
  }


  /**
   * Returns how many envelopes are queued, in flight, or parked in the outbox and not yet settled.
   *
   * @return the count
   */
  public int pending() {
    return queue.pending();
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
   * Returns where drops are counted, with what waits for a client report and what was reported.
   *
   * @return the recorder
   */
  public DropRecorder drops() {
    return drops;
  }

  /**
   * Returns the offline outbox, so that tests and diagnostics can see what it holds.
   *
   * @return the outbox, or empty when no cache directory was set
   */
  public Optional<Outbox> outbox() {
    return Optional.ofNullable(outbox);
  }

  /**
   * Makes the worker read the clock again now, instead of when the delay it read last is over:
   * for tests that move an injected clock. Does nothing when the queue is full (the worker is busy).
   */
  void wake() {
    queue.wake();
  }

  /**
   * Waits until nothing is queued, in flight or parked, then, when drop counts wait, sends them in a
   * client report and waits for it too, all within the timeout. A parked envelope is waited for
   * until the first attempt at it is settled; files kept in the outbox for a later attempt are not
   * waited for. Any thread may call it, several at once; on an interrupted thread it waits all
   * the same and leaves the interrupt set.
   *
   * @param timeout how long to wait at most
   * @return true if everything was settled in time: sent, dropped and counted, or kept in the
   *     outbox
   */
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + nanos(timeout);
    boolean drained = queue.awaitDrained(deadline);
    if (drained && state == OPEN && reports.waiting() && enqueueReport()) {
      drained = queue.awaitDrained(deadline);
    }
    return drained;
  }

  /**
   * Stops taking envelopes, waits up to {@code timeout} for what is pending and for a last client
   * report when counts wait, then aborts requests in flight (their outbox files stay for the next
   * process; without an outbox they count as {@code network_error}), shuts the transport down,
   * writes what is still queued to the outbox, ready for the next process, leaves the parked files
   * there for it too (no longer pending), and releases the outbox.
   * A queued envelope that cannot be written (no open outbox, or the write failed) counts as
   * {@code network_error}, or as {@code send_error} when it cannot be serialized; queued client
   * report requests leave their counts in the {@link DropRecorder}. Returns within the timeout plus
   * a few tens of milliseconds even if Sentry never answers, plus, with an outbox, the time to write
   * what is still queued: at most {@code maxQueueSize} envelopes, each serialized, gzipped and
   * written to a file (some 0.1 to 1 ms each on a local disk). Idempotent; a concurrent second call
   * waits for the first, within its own timeout. On an interrupted thread it does all the same
   * (an interrupt neither shortens the wait nor drops the queue) and leaves the interrupt set.
   *
   * @param timeout how long pending envelopes may still take
   */
  public void close(Duration timeout) {
    // Cleared for the waits and the outbox writes below, given back on return.
    Uninterrupted.run(() -> closeUninterrupted(timeout));
  }

  private void closeUninterrupted(Duration timeout) {
    long deadline = System.nanoTime() + nanos(timeout);
    if (!closing.compareAndSet(false, true)) {
      awaitClosed(deadline);
      return;
    }
    List<QueueItem> takenBack = List.of();
    try {
      state = CLOSING;
      if (queue.awaitDrained(deadline) && reports.waiting() && enqueueReport()) {
        queue.awaitDrained(deadline);
      }
      state = STOPPED;
      // Before the deliveries are abandoned: what the worker took and has not claimed (it may still
      // be serializing it) is ours to write or count now, and its claim will fail.
      takenBack = queue.takeBack();
      worker.interrupt();
      closeTransport();
      // A transport that did not fail its futures on close must not keep us waiting.
      for (Delivery delivery : engine.inFlight()) {
        delivery.abandon();
      }
      worker.join(WORKER_STOP_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      parking.spillQueued(engine.openOutbox(), takenBack);
      // They are in the outbox, ready for a later attempt by the next process.
      parking.forgetParked();
      if (outbox != null) {
        // Only after spillQueued, which writes to it.
        outbox.close();
      }
      closed.countDown();
    }
  }

  private void closeTransport() {
    try {
      engine.transport().close(Duration.ZERO);
    } catch (RuntimeException e) {
      LOG.warn("Closing {} failed: {}", engine.transport(), e, e);
    }
  }

  /** Hears of an outbox file removed unsent: counts it, and settles it when it was parked. */
  private void discarded(OutboxListener.Discard why, String category, String eventId, String key) {
    drops.record(why == OutboxListener.Discard.CORRUPT ? DropReason.SEND_ERROR : DropReason.CACHE_OVERFLOW, category);
    // Counted first, so that a flush that returns because it was parked finds the drop counted.
    parking.unpark(key);
  }

  /** Queues a client report request; it is counted in {@link #pending} like an envelope. */
  private boolean enqueueReport() {
    if (state == STOPPED) {
      return false;
    }
    ReportRequest request = new ReportRequest();
    if (!queue.add(request)) {
      return false;
    }
    return !(state == STOPPED && queue.remove(request));
  }

  private boolean reject(OutboundEnvelope envelope, DropReason reason) {
    engine.drop(envelope, reason);
    return false;
  }


  private void awaitClosed(long deadline) {
    Uninterrupted.run(() -> {
      try {
        closed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** The backlog's retry schedule, for tests that read its delays. */
  RetrySchedule retries() {
    return engine.retries();
  }

  /** A delivery freed its request slot: the worker may take the next one. */
  private void slotFreed(SendWindow.Signal signal) {
    worker.slotFreed(signal);
  }

  private static long nanos(Duration timeout) {
    try {
      return Math.max(0, timeout.toNanos());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }
}
