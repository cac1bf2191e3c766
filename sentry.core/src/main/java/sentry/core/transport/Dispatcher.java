package sentry.core.transport;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import sentry.api.DropReason;
import sentry.core.log.SdkGuard;
import sentry.core.log.SdkLog;
import sentry.core.outbox.Outbox;
import sentry.core.outbox.Stored;

/**
 * The bounded send queue and its background sender: what the rest of the SDK hands envelopes to.
 * {@link #offer} is cheap and never blocks, for application threads; one worker thread
 * ({@code sentry-dispatcher}, a daemon) serializes each envelope and starts a {@link Delivery} for
 * it, with up to {@code maxRequestsInFlight} requests in flight. Between serialization and
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
  /** How often each kind of delivery warning may be logged; see {@link #mayWarn}. */
  static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);
  private static final long NEVER_WARNED = Long.MIN_VALUE;
  /** How long to wait before looking again when every ready file's category is rate-limited. */
  private static final Duration LIMITED_PAUSE = Duration.ofSeconds(5);

  private final Transport transport;
  private final DropRecorder drops;
  private final RateLimiter limits;
  private final ClientReports reports;
  private final Outbox outbox;
  private final RetrySchedule retries;
  private final Clock clock;
  private final SendQueue queue;
  private final Semaphore requestSlots;
  private final Set<Delivery> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean networkDown = new AtomicBoolean();
  private final AtomicLong lastUnreachableWarning = new AtomicLong(NEVER_WARNED);
  private final AtomicLong lastRefusedWarning = new AtomicLong(NEVER_WARNED);
  private final AtomicBoolean refused = new AtomicBoolean();
  private final Thread worker;
  private static final int OPEN = 0;
  /** Flushing, refusing offers. */
  private static final int CLOSING = 1;
  /** Dropping what is left. */
  private static final int STOPPED = 2;

  private volatile int state = OPEN;
  /** Worker only: whether the backlog's turn comes before the queue's. */
  private boolean backlogTurn = true;
  private long lastRescanMillis;

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
    this.transport = transport;
    this.drops = drops;
    this.limits = limits;
    this.clock = clock;
    this.reports = new ClientReports(drops, dispatch.clientReportWriter(), limits, clock);
    this.outbox = dispatch.outbox() == null ? null
        : new Outbox(dispatch.outbox(), clock, (why, category, eventId, key) ->
            drops.record(why == Outbox.Discard.CORRUPT ? DropReason.SEND_ERROR : DropReason.CACHE_OVERFLOW, category));
    this.retries = new RetrySchedule(clock, dispatch.retryBase(), dispatch.retryCap());
    this.lastRescanMillis = clock.millis();
    this.queue = new SendQueue(settings.maxQueueSize());
    this.requestSlots = new Semaphore(Math.max(1, settings.maxRequestsInFlight()));
    this.worker = new Thread(this::work, "sentry-dispatcher");
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * Makes a dispatcher that sends over HTTP with an {@link HttpTransport}, with no client reports
   * and no outbox.
   *
   * @param settings where and how to send
   * @param drops where drops are counted
   * @return the started dispatcher
   */
  public static Dispatcher create(TransportSettings settings, DropRecorder drops) {
    return create(settings, DispatchSettings.sendOnly(), drops);
  }

  /**
   * Makes a dispatcher that sends over HTTP with an {@link HttpTransport}.
   *
   * @param settings where and how to send
   * @param dispatch client reports, the outbox and its retry delays
   * @param drops where drops are counted
   * @return the started dispatcher
   */
  public static Dispatcher create(TransportSettings settings, DispatchSettings dispatch, DropRecorder drops) {
    return new Dispatcher(settings, dispatch, new HttpTransport(settings), drops, new RateLimiter(),
        Clock.systemUTC());
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
    if (!queue.add(envelope)) {
      return reject(envelope, DropReason.QUEUE_OVERFLOW);
    }
    // close() may have drained the queue between our state check and our insertion.
    if (state == STOPPED && queue.remove(envelope)) {
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
   * Waits until nothing is queued or in flight, then, when drop counts wait, sends them in a client
   * report and waits for it too, all within the timeout. Files kept in the outbox for a later
   * attempt are not waited for. Any thread may call it, several at once.
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
   * writes what is still queued to the outbox, ready for the next process, and releases the outbox.
   * A queued envelope that cannot be written (no open outbox, or the write failed) counts as
   * {@code network_error}, or as {@code send_error} when it cannot be serialized; queued client
   * report requests leave their counts in the {@link DropRecorder}. Returns within the timeout plus
   * a few tens of milliseconds even if Sentry never answers, plus, with an outbox, the time to write
   * what is still queued: at most {@code maxQueueSize} envelopes, each serialized, gzipped and
   * written to a file (some 0.1 to 1 ms each on a local disk). Idempotent; a concurrent second call
   * waits for the first, within its own timeout.
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
      if (queue.awaitDrained(deadline) && reports.waiting() && enqueueReport()) {
        queue.awaitDrained(deadline);
      }
      state = STOPPED;
      worker.interrupt();
      closeTransport();
      // A transport that did not fail its futures on close must not keep us waiting.
      for (Delivery delivery : inFlight) {
        delivery.abandon();
      }
      worker.join(WORKER_STOP_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      spillQueued();
      if (outbox != null) {
        // Only after spillQueued, which writes to it.
        outbox.close();
      }
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
      if (outbox != null && outbox.open()) {
        // Whatever earlier processes left is due at once.
        retries.markBacklog();
      }
      while (state != STOPPED) {
        requestSlots.acquire();
        boolean started = false;
        try {
          started = next();
        } catch (RuntimeException e) {
          LOG.warn("The Sentry dispatcher hit a bug and goes on: {}", e.toString(), e);
        } finally {
          if (!started) {
            requestSlots.release();
          }
        }
      }
    } catch (InterruptedException e) {
      // close() interrupts us once its deadline has passed.
    } finally {
      // Once a close is under way, what is queued is the closing thread's to write (see spillQueued).
      if (!closing.get()) {
        emptyQueue(null);
      }
    }
  }

  /**
   * Starts one delivery, or waits for something to do. Queued envelopes and the outbox's backlog,
   * when it is due, take turns, so neither starves the other.
   *
   * @return true if a delivery took the request slot
   */
  private boolean next() throws InterruptedException {
    if (backlogTurn && retries.due()) {
      backlogTurn = false;
      if (startBacklog()) {
        return true;
      }
    }
    OutboundEnvelope envelope = queue.poll(waitNanos());
    if (envelope != null) {
      backlogTurn = true;
      new Delivery(this, envelope).start();
      return true;
    }
    long now = clock.millis();
    if (outbox != null && now - lastRescanMillis >= RESCAN_INTERVAL.toMillis()) {
      lastRescanMillis = now;
      retries.markBacklog();
    }
    if (retries.due()) {
      return startBacklog();
    }
    if (now - reports.lastTakenMillis() >= REPORT_INTERVAL.toMillis() && reports.waiting()) {
      queue.begin();
      new Delivery(this, new ReportRequest()).start();
      return true;
    }
    return false;
  }

  /** Claims the oldest sendable file of the outbox and starts sending it. */
  private boolean startBacklog() {
    Stored stored = outbox == null ? null : outbox.claimNext(category -> !limits.isLimited(category));
    if (stored == null) {
      if (outbox == null || outbox.readyCount() == 0) {
        retries.drained();
      } else {
        retries.pause(LIMITED_PAUSE);
      }
      return false;
    }
    new Delivery(this, stored).start();
    return true;
  }

  /** How long the worker may wait for the queue before the backlog, a rescan or a report is due. */
  private long waitNanos() {
    long wait = retries.nanosUntilDue();
    long now = clock.millis();
    if (outbox != null && outbox.status() == Outbox.Status.OPEN) {
      wait = Math.min(wait, millisToNanos(lastRescanMillis + RESCAN_INTERVAL.toMillis() - now));
    }
    if (reports.enabled()) {
      // Counts that cannot be sent now (none, or rate-limited) are looked at again an interval later.
      long reportDue = reports.waiting() ? reports.lastTakenMillis() + REPORT_INTERVAL.toMillis() - now
          : REPORT_INTERVAL.toMillis();
      wait = Math.min(wait, millisToNanos(reportDue));
    }
    return wait;
  }

  private static long millisToNanos(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
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
    drops.record(reason, envelope.category());
    tellDropped(envelope, reason);
    return false;
  }

  /**
   * Called by {@link #close} once it has given up waiting: writes what is still queued to the
   * outbox when it is open, and counts the rest.
   *
   * <p>Only the closing thread does this, and closes the outbox after it. {@link #close} waits for
   * the worker only {@link #WORKER_STOP_WAIT_MILLIS}, so the worker may still run meanwhile: were it
   * to empty the queue too, its writes could come after {@code outbox.close()} and fail, and it may
   * carry the interrupt of {@link #close}, on which file channels refuse to write. So the worker's
   * {@code finally} leaves the queue alone once {@link #closing} is set, which is before the state
   * leaves {@code OPEN}; it empties the queue itself, counting all as {@code network_error}, only
   * when it dies without a close (an {@link Error}, or an interrupt from elsewhere).
   * {@link SendQueue#poll()} hands each envelope to one caller only, so an envelope the worker took
   * just before it stopped is not here: its {@link Delivery} writes it ({@link Outbox#write} and
   * {@link Outbox#close} exclude each other: the file is written whole before the close, or not at
   * all and it counts as {@code network_error}) and, the dispatcher being stopped, settles it as
   * unreached, releasing the file like one in flight. An offer that slips in is taken back by
   * {@link #offer} itself, which sees {@code STOPPED} after adding.
   */
  private void spillQueued() {
    Outbox spillTo = openOutbox();
    // A file channel closes itself instead of writing on an interrupted thread, and close() may run
    // on one (or have been interrupted in join): write with the flag cleared and set it again after.
    boolean interrupted = spillTo != null && Thread.interrupted();
    try {
      emptyQueue(spillTo);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Takes everything out of the queue: writes each envelope to {@code spillTo} when given, and
   * counts and tells the envelopes it cannot write. Settles each in {@link #pending}.
   */
  private void emptyQueue(Outbox spillTo) {
    int spilled = 0;
    OutboundEnvelope envelope;
    while ((envelope = queue.poll()) != null) {
      try {
        // A report request's counts were never taken: they still wait in the recorder.
        if (!(envelope instanceof ReportRequest)) {
          DropReason reason = spillTo == null ? DropReason.NETWORK_ERROR : spill(envelope, spillTo);
          if (reason == null) {
            spilled++;
          } else {
            drops.record(reason, envelope.category());
            tellDropped(envelope, reason);
          }
        }
      } finally {
        queue.settled();
      }
    }
    if (spilled > 0) {
      LOG.debug("Wrote {} queued envelopes to the outbox for the next process", spilled);
    }
  }

  /**
   * Writes a queued envelope to the outbox at close and makes its file ready, as {@link Delivery}
   * does with the files in flight that {@link #close} abandons: the next process to open the
   * directory sends it, with the same event id.
   *
   * @return null if it is in the outbox; else why it is dropped
   */
  private DropReason spill(OutboundEnvelope envelope, Outbox spillTo) {
    byte[] gzipped;
    try {
      gzipped = EnvelopeBytes.gzip(Delivery.serialize(envelope));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not serialize envelope {}, dropped as send_error: {}", envelope.eventId(), e.toString(), e);
      return DropReason.SEND_ERROR;
    }
    Stored stored;
    try {
      stored = spillTo.write(gzipped, envelope.category(), envelope.eventId());
    } catch (RuntimeException e) {
      LOG.debug("Could not write envelope {} to the outbox: {}", envelope.eventId(), e.toString());
      return DropReason.NETWORK_ERROR;
    }
    if (stored == null) {
      // Larger than the byte bound, no room left among claimed files, or the write failed (warned once).
      return DropReason.NETWORK_ERROR;
    }
    try {
      spillTo.release(stored);
    } catch (RuntimeException e) {
      // Still claimed by this process: the next one takes it back once close() has given up our lock.
      LOG.debug("Could not release {}: {}", stored, e.toString());
    }
    return null;
  }

  private void awaitClosed(long deadline) {
    try {
      closed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void tellDropped(OutboundEnvelope envelope, DropReason reason) {
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

  // What a Delivery borrows from its dispatcher.

  Transport transport() {
    return transport;
  }

  ClientReports reports() {
    return reports;
  }

  /** The outbox when it is open, to write to; null without one. */
  Outbox openOutbox() {
    return outbox == null || outbox.status() != Outbox.Status.OPEN ? null : outbox;
  }

  /** The outbox, open or not, to settle files already claimed; null without one. */
  Outbox outboxOrNull() {
    return outbox;
  }

  RetrySchedule retries() {
    return retries;
  }

  Clock clock() {
    return clock;
  }

  Set<Delivery> inFlight() {
    return inFlight;
  }

  /** The warnings a flapping network or server could repeat. */
  enum Warning { UNREACHABLE, REFUSED }

  /**
   * Tells whether a warning may be logged now: each kind at most once per {@link #WARNING_INTERVAL},
   * so that a network that comes and goes does not fill the application's log (later ones are
   * logged at debug level).
   */
  boolean mayWarn(Warning warning) {
    AtomicLong last = warning == Warning.UNREACHABLE ? lastUnreachableWarning : lastRefusedWarning;
    long now = System.nanoTime();
    long previous = last.get();
    return (previous == NEVER_WARNED || now - previous >= WARNING_INTERVAL.toNanos()) && last.compareAndSet(previous, now);
  }

  AtomicBoolean networkDown() {
    return networkDown;
  }

  AtomicBoolean refused() {
    return refused;
  }

  boolean stopped() {
    return state == STOPPED;
  }

  /** A delivery is settled: frees its request slot, and its place in {@link #pending} if it had one. */
  void finished(Delivery delivery) {
    requestSlots.release();
    if (delivery.countsPending()) {
      queue.settled();
    }
  }
}
