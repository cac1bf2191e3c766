package sentry.core.transport;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * <p>Parking. With an open outbox, a worker that finds every request slot busy does not wait for
 * one: it keeps taking envelopes from the queue and writes each to the outbox as a ready file, so
 * that against a server that does not answer the queue drains to disk instead of overflowing. It
 * waits on the queue meanwhile, and a delivery that frees its slot wakes it ({@link SendQueue#wake}).
 * A healthy server never sees it: while a slot is free, nothing is parked, and nothing changes
 * without an open outbox. The rules:
 * <ul>
 *   <li>Parked files are the queue's continuation on disk: as slots free up, the worker claims them
 *       back, oldest first, before it takes from the queue again, and their first attempt does not
 *       wait for the backlog's backoff, as a queued envelope's would not. The backlog's turns go on
 *       as before, and it may claim a parked file too (it is a ready file like any other).
 *   <li>Parking is no drop. A parked envelope that cannot be serialized is a {@code send_error}, as
 *       it would be in flight; one the outbox does not take (larger than its byte bound, no room
 *       among files in flight, the write failed) is held and goes first on the next free slot, and
 *       the worker parks nothing more until then. Client report requests are never parked: one is
 *       held until a slot is free (one more coming meanwhile has nothing left to take and is
 *       settled at once), while the worker goes on parking.
 *   <li>A parked envelope stays in {@link #pending()}, so that {@link #flush} waits for it, until
 *       its file is settled, exactly once: by the first attempt at it, whatever its outcome (kept in
 *       the outbox after a failed one is settled, as for files in flight); by the outbox removing it
 *       unsent (its {@link Outbox.Listener} names the file: {@code cache_overflow} when newer
 *       envelopes need the room or it expired, {@code send_error} when corrupt); when its turn comes
 *       and its category is rate-limited (it is left to the backlog, which skips it until the limit
 *       is over) or it is no longer there to claim (another process took or removed it); or by
 *       {@link #close}, which leaves it in the outbox for the next process. Parked files are tracked
 *       by {@link Stored#key()}, and only whoever removes a key from {@code parked} settles it.
 *   <li>A parked envelope that fails follows the outbox's rules: kept on a 5xx, a 429 or no answer;
 *       {@code send_error} on any other 4xx; {@code cache_overflow} when the outbox removes it.
 *       Being a file by then, it is counted but not told through {@link OutboundEnvelope#dropped},
 *       like every file of the backlog.
 * </ul>
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
  /**
   * How long the worker waits for the queue while it parks, before it looks at the request slots
   * again: only a safety net, since a delivery that frees its slot wakes it ({@link #slotWanted}).
   */
  private static final long PARK_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

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
  /**
   * The parked files still counted in {@link #pending}, by {@link Stored#key()}: oldest first, since
   * this process's keys sort in the order it wrote them.
   */
  private final ConcurrentSkipListMap<String, Stored> parked = new ConcurrentSkipListMap<>();
  /** A queued envelope the outbox could not take while it was to be parked; it goes first on the next slot. */
  private final AtomicReference<OutboundEnvelope> heldEnvelope = new AtomicReference<>();
  /** A client report request taken from the queue while every slot was busy; it starts on the next slot. */
  private final AtomicReference<ReportRequest> heldReport = new AtomicReference<>();
  /** Set while the worker parks and waits on the queue: the next delivery to free its slot wakes it. */
  private final AtomicBoolean slotWanted = new AtomicBoolean();
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
        : new Outbox(dispatch.outbox(), clock, (why, category, eventId, key) -> {
          drops.record(why == Outbox.Discard.CORRUPT ? DropReason.SEND_ERROR : DropReason.CACHE_OVERFLOW, category);
          // Counted first, so that a flush that returns because it was parked finds the drop counted.
          unpark(key);
        });
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
   * waited for. Any thread may call it, several at once.
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
      // They are in the outbox, ready for a later attempt by the next process.
      forgetParked();
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
        boolean slot = false;
        try {
          slot = takeSlot();
        } catch (RuntimeException e) {
          // Only parking or holding can throw here, and neither holds a slot.
          LOG.warn("The Sentry dispatcher hit a bug and goes on: {}", e.toString(), e);
        }
        if (!slot) {
          continue;
        }
        boolean started = false;
        try {
          started = startHeld() || next();
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
      // Once a close is under way, what is queued or held is the closing thread's to write (see
      // spillQueued), and it forgets the parked files; a report request held now was held too late
      // for it to see (see holdReport).
      if (!closing.get()) {
        emptyQueue(null);
        forgetParked();
      }
      settleHeldReport();
    }
  }

  /**
   * Takes a request slot for the worker. While none is free and the outbox is open, it parks
   * instead: it takes the next queued envelope and writes it to the outbox as a ready file, or
   * holds it when it is a client report request or the outbox cannot take it, and returns without
   * a slot. Without an open outbox, or while an envelope is held, it waits for a slot as ever.
   *
   * @return true with a slot; false without one, after parking, holding, or waiting in vain
   */
  private boolean takeSlot() throws InterruptedException {
    if (requestSlots.tryAcquire()) {
      return true;
    }
    Outbox parkTo = heldEnvelope.get() == null ? openOutbox() : null;
    if (parkTo == null) {
      requestSlots.acquire();
      return true;
    }
    OutboundEnvelope envelope;
    // Set before looking at the slots once more: a delivery that frees one after that look sees it
    // and wakes the poll below.
    slotWanted.set(true);
    try {
      if (requestSlots.tryAcquire()) {
        return true;
      }
      envelope = queue.poll(PARK_WAIT_NANOS);
    } finally {
      slotWanted.set(false);
    }
    if (envelope instanceof ReportRequest) {
      holdReport((ReportRequest) envelope);
    } else if (envelope != null) {
      park(envelope, parkTo);
    }
    return false;
  }

  /**
   * Writes a queued envelope to the outbox as a ready file, for the backlog to send when a slot is
   * free, and remembers it as parked: it stays in {@link #pending} until {@link #unpark}. An
   * envelope that cannot be serialized is dropped as {@code send_error}, as a {@link Delivery}
   * would drop it; one the outbox does not take is held for the next slot.
   */
  private void park(OutboundEnvelope envelope, Outbox parkTo) {
    byte[] gzipped = gzipped(envelope);
    if (gzipped == null) {
      drop(envelope, DropReason.SEND_ERROR);
      queue.settled();
      return;
    }
    // close() interrupts the worker, and a file channel closes itself instead of writing on an
    // interrupted thread: write with the flag cleared and set it again after.
    boolean interrupted = Thread.interrupted();
    Stored stored;
    try {
      stored = store(parkTo, envelope, gzipped);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (stored == null) {
      holdEnvelope(envelope);
      return;
    }
    // Remembered while the file is still claimed, so that nothing can remove it unheard meanwhile.
    parked.put(stored.key(), stored);
    boolean ready = release(parkTo, stored);
    // A file still claimed is not ours to send again (the next process takes it back); and once
    // stopped, close() may have forgotten the parked files before this one was added.
    if (!ready || state == STOPPED) {
      unpark(stored.key());
    }
  }

  /** Settles a parked file in {@link #pending}, once: only the caller that removes its key does. */
  private void unpark(String key) {
    if (parked.remove(key) != null) {
      queue.settled();
    }
  }

  /** Settles every parked file in {@link #pending}: they stay in the outbox for a later attempt. */
  private void forgetParked() {
    for (String key : parked.keySet()) {
      unpark(key);
    }
  }

  /**
   * Claims the oldest parked file back and starts the first attempt at it, which takes over its
   * place in {@link #pending}, as a queued envelope's would: parked files go before the queue,
   * whose envelopes came later, and do not wait for the backlog's backoff. One of a rate-limited
   * category is left to the backlog, which skips it until the limit is over; one that is no longer
   * there to claim was removed or taken by another process. Either is settled here.
   *
   * @return true if a delivery took the request slot
   */
  private boolean startParked() {
    Map.Entry<String, Stored> oldest;
    while ((oldest = parked.pollFirstEntry()) != null) {
      Stored file = oldest.getValue();
      Stored claimed = limits.isLimited(file.category()) ? null : outbox.claim(file);
      if (claimed != null) {
        new Delivery(this, claimed, true).start();
        return true;
      }
      retries.markBacklog();
      queue.settled();
    }
    return false;
  }

  /**
   * Holds a client report request until a slot is free: it is never parked, its counts wait in
   * memory. A request that comes while one is held has nothing more to take and is settled at
   * once.
   */
  private void holdReport(ReportRequest request) {
    if (!heldReport.compareAndSet(null, request)) {
      queue.settled();
      return;
    }
    // close() may have settled what was held before this one was set.
    if (state == STOPPED) {
      settleHeldReport();
    }
  }

  private void settleHeldReport() {
    if (heldReport.getAndSet(null) != null) {
      queue.settled();
    }
  }

  /** Holds an envelope the outbox could not take; the worker parks nothing more until it starts. */
  private void holdEnvelope(OutboundEnvelope envelope) {
    heldEnvelope.set(envelope);
    // close() may have looked for a held envelope before this one was set; it can no longer be written.
    if (state == STOPPED) {
      OutboundEnvelope held = heldEnvelope.getAndSet(null);
      if (held != null) {
        drop(held, DropReason.NETWORK_ERROR);
        queue.settled();
      }
    }
  }

  /** Starts what was held while every slot was busy, on the slot just taken: the envelope first. */
  private boolean startHeld() {
    OutboundEnvelope held = heldEnvelope.getAndSet(null);
    if (held == null) {
      held = heldReport.getAndSet(null);
    }
    if (held == null) {
      return false;
    }
    new Delivery(this, held).start();
    return true;
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
    if (!parked.isEmpty() && startParked()) {
      backlogTurn = true;
      return true;
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

  /**
   * Claims the oldest sendable file of the outbox and starts sending it; when it is a parked file,
   * its delivery takes over its place in {@link #pending}.
   */
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
    new Delivery(this, stored, parked.remove(stored.key()) != null).start();
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
    drop(envelope, reason);
    return false;
  }

  /** Counts a dropped envelope and tells it why. */
  private void drop(OutboundEnvelope envelope, DropReason reason) {
    drops.record(reason, envelope.category());
    tellDropped(envelope, reason);
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
   * unreached, releasing the file like one in flight. One the worker was parking is written whole
   * or not at all the same way: a file it parks after {@link #forgetParked} ran is settled by the
   * worker itself, which looks at the state after adding it; an envelope it holds after this method
   * looked counts as {@code network_error}, settled by the worker likewise. An offer that slips in
   * is taken back by {@link #offer} itself, which sees {@code STOPPED} after adding. What the
   * worker held (an envelope the outbox could not take while parking, a report request) is handled
   * here first, as queued before the rest.
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
    settleHeldReport();
    // What the worker held was queued before what is still in the queue.
    OutboundEnvelope envelope = heldEnvelope.getAndSet(null);
    if (envelope == null) {
      envelope = queue.poll();
    }
    while (envelope != null) {
      try {
        // A report request's counts were never taken: they still wait in the recorder.
        if (!(envelope instanceof ReportRequest)) {
          DropReason reason = spillTo == null ? DropReason.NETWORK_ERROR : spill(envelope, spillTo);
          if (reason == null) {
            spilled++;
          } else {
            drop(envelope, reason);
          }
        }
      } finally {
        queue.settled();
      }
      envelope = queue.poll();
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
    byte[] gzipped = gzipped(envelope);
    if (gzipped == null) {
      return DropReason.SEND_ERROR;
    }
    Stored stored = store(spillTo, envelope, gzipped);
    if (stored == null) {
      return DropReason.NETWORK_ERROR;
    }
    // If it stays claimed by this process, the next one takes it back once close() has given up our lock.
    release(spillTo, stored);
    return null;
  }

  /** Serializes and gzips a queued envelope as the outbox stores it; null, warned, when it cannot be serialized. */
  private static byte[] gzipped(OutboundEnvelope envelope) {
    try {
      return EnvelopeBytes.gzip(Delivery.serialize(envelope));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not serialize envelope {}, dropped as send_error: {}", envelope.eventId(), e.toString(), e);
      return null;
    }
  }

  /**
   * Writes an envelope to the outbox as a file claimed by this process; null when it cannot: larger
   * than the byte bound, no room left among claimed files, or the write failed (warned once).
   */
  private static Stored store(Outbox outbox, OutboundEnvelope envelope, byte[] gzipped) {
    try {
      return outbox.write(gzipped, envelope.category(), envelope.eventId());
    } catch (RuntimeException e) {
      LOG.debug("Could not write envelope {} to the outbox: {}", envelope.eventId(), e.toString());
      return null;
    }
  }

  /** Makes a claimed file ready; false when it stays claimed by this process. */
  private static boolean release(Outbox outbox, Stored stored) {
    try {
      return outbox.release(stored);
    } catch (RuntimeException e) {
      LOG.debug("Could not release {}: {}", stored, e.toString());
      return false;
    }
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
    // After the release: a worker that set slotWanted and then found no slot is woken here.
    if (slotWanted.get() && slotWanted.compareAndSet(true, false)) {
      queue.wake();
    }
    if (delivery.countsPending()) {
      queue.settled();
    }
  }
}
