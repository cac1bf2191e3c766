package sentry.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import sentry.core.accounting.ClientReports;
import sentry.core.accounting.RateLimiter;
import sentry.core.log.SdkGuard;
import sentry.core.log.SdkLog;
import sentry.core.outbox.Outbox;
import sentry.core.outbox.Stored;

/**
 * The worker of a {@link Dispatcher}: one thread ({@code sentry-dispatcher}, a daemon) that takes a
 * request slot and starts a {@link Delivery} on it (a queued envelope's on one of its
 * {@link Serializers} when this machine and {@code maxRequestsInFlight} allow more than one and no
 * outbox is open, so that envelopes are serialized in parallel; the others on its own thread), with up to {@code maxRequestsInFlight}
 * requests in flight once 2xx answers have opened its {@link SendWindow} that wide (slow start: one
 * at first and after a 429, a 5xx or no answer). What it starts: what was held while every slot was busy, first; then the
 * outbox's backlog when it is due, taking turns with the parked files and the queue so that neither
 * starves the other; and a client report on its own when counts have waited
 * {@link Dispatcher#REPORT_INTERVAL} with nothing to ride on. It opens the outbox and looks
 * at what earlier processes left in it as soon as it starts, and again every
 * {@link Dispatcher#RESCAN_INTERVAL}. While every slot is busy and the outbox is open, it parks
 * queued envelopes instead of waiting for a slot ({@link Parking}).
 *
 * <p>Its state is the worker thread's alone, but for the request slots and {@link #slotWanted},
 * which deliveries free and read as they settle, on other threads ({@link #slotFreed}), and its
 * thread, which {@link Dispatcher#close} interrupts and joins once the dispatcher is stopped.
 */
final class Worker {
  private static final SdkLog LOG = SdkLog.get("sentry.core.transport.Dispatcher");
  /** How long to wait before looking again when every ready file's category is rate-limited. */
  private static final Duration LIMITED_PAUSE = Duration.ofSeconds(5);
  /**
   * How long the worker waits for the queue while it parks, before it looks at the request slots
   * again: only a safety net, since a delivery that frees its slot wakes it ({@link #slotWanted}).
   */
  private static final long PARK_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final Engine engine;
  private final SendQueue queue;
  private final Parking parking;
  private final Outbox outbox;
  private final RetrySchedule retries;
  private final ClientReports reports;
  private final RateLimiter limits;
  private final Clock clock;
  private final SendWindow requestSlots;
  /** Serializes and gzips for the deliveries and the parking this thread starts. */
  private final Compressor compressor = new Compressor();
  /** Where queued envelopes are serialized, in parallel; null to serialize them on this thread. */
  private final Serializers serializers;
  /** Set while the worker parks and waits on the queue: the next delivery to free its slot wakes it. */
  private final AtomicBoolean slotWanted = new AtomicBoolean();
  /** What {@link #prepare} asked to run, until the worker takes it. */
  private final AtomicReference<Runnable> chore = new AtomicReference<>();
  private final Thread thread;
  /** Whether the backlog's turn comes before the queue's. */
  private boolean backlogTurn = true;
  private long lastRescanMillis;

  /**
   * Makes the worker; its thread starts on {@link #start}.
   *
   * @param engine what it shares with the dispatcher and the deliveries
   * @param parking where the worker parks and holds while every slot is busy
   * @param maxRequestsInFlight how many deliveries may hold a request slot at once (at least one)
   */
  Worker(Engine engine, Parking parking, int maxRequestsInFlight) {
    this.engine = engine;
    this.queue = engine.queue();
    this.parking = parking;
    this.outbox = engine.outbox();
    this.retries = engine.retries();
    this.reports = engine.reports();
    this.limits = engine.limits();
    this.clock = engine.clock();
    this.lastRescanMillis = clock.millis();
    this.requestSlots = new SendWindow(maxRequestsInFlight);
    int serializerCount = Serializers.count(maxRequestsInFlight);
    this.serializers = serializerCount > 1 ? new Serializers(serializerCount) : null;
    this.thread = new Thread(this::work, "sentry-dispatcher");
    thread.setDaemon(true);
  }

  /** Starts the worker thread. */
  void start() {
    thread.start();
  }

  /**
   * Interrupts the worker thread and stops the serializers: {@link Dispatcher#close} has given up
   * waiting and taken back what was queued or handed over unclaimed.
   */
  void interrupt() {
    thread.interrupt();
    if (serializers != null) {
      serializers.stop();
    }
  }

  /** Waits up to {@code millis} for the worker thread to end. */
  void join(long millis) throws InterruptedException {
    thread.join(millis);
  }

  /**
   * A delivery is settled and frees its request slot.
   *
   * @param signal what its answer tells the window: grow on a 2xx, back to one on a 429, a 5xx or
   *     no answer
   */
  void slotFreed(SendWindow.Signal signal) {
    requestSlots.release(signal);
    // After the release: a worker that set slotWanted and then found no slot is woken here.
    if (slotWanted.get() && slotWanted.compareAndSet(true, false)) {
      queue.wake();
    }
  }

  private void work() {
    SdkGuard.markSdkThread();
    try {
      startTransport();
      if (outbox != null && outbox.open()) {
        // Whatever earlier processes left is due at once.
        retries.markBacklog();
      }
      while (!engine.isStopped()) {
        runChore();
        boolean slot = false;
        try {
          slot = takeSlot();
        } catch (InterruptedException e) {
          throw e;
        } catch (Throwable e) {
          // Only parking or holding can throw here, and neither holds a slot.
          survive(e);
        }
        if (!slot) {
          continue;
        }
        boolean started = false;
        try {
          started = startHeld() || next();
        } catch (InterruptedException e) {
          throw e;
        } catch (Throwable e) {
          survive(e);
        } finally {
          if (!started) {
            requestSlots.release(SendWindow.Signal.KEEP);
          }
        }
      }
    } catch (InterruptedException e) {
      // close() interrupts us once its deadline has passed.
    } finally {
      // Once a close is under way, what is queued or held is the closing thread's to write (see
      // Parking.spillQueued), and it forgets the parked files; a report request held now was held
      // too late for it to see (see Parking.holdReport).
      if (!engine.closing().getAsBoolean()) {
        parking.emptyQueue(null, List.of());
        parking.forgetParked();
      }
      parking.settleHeldReport();
      compressor.end();
      if (serializers != null && !engine.closing().getAsBoolean()) {
        // No serializer outlives the worker. Under a close, only once it took back what the
        // serializers hold unclaimed (see interrupt), so that it writes those to the outbox.
        serializers.stop();
      }
    }
  }

  /**
   * Whatever one envelope brings, even an Error or a checked exception thrown sneakily (by a
   * transport, say), must not end sending for the process; only close()'s interrupt ends the
   * worker, as an {@link InterruptedException} that the callers rethrow before they get here.
   */
  private static void survive(Throwable e) {
    LOG.warn("The Sentry dispatcher hit a bug and goes on: {}", e, e);
  }

  /**
   * Starts a delivery on this thread; one that throws past its own guards is settled as
   * {@code send_error} (see {@link Delivery#fail}), never left in flight uncounted.
   */
  private void run(Delivery delivery) {
    try {
      delivery.start(compressor);
    } catch (Throwable e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      survive(e);
      try {
        delivery.fail();
      } catch (RuntimeException | Error unsettled) {
        LOG.warn("The Sentry dispatcher could not settle an envelope: {}", unsettled, unsettled);
      }
    }
  }

  /**
   * Runs {@code task} on this thread when it is next between deliveries (see {@link
   * Dispatcher#prepare}); one task at a time, a later one replacing one not yet run.
   */
  void prepare(Runnable task) {
    chore.set(task);
    queue.wake();
  }

  private void runChore() {
    Runnable task = chore.getAndSet(null);
    if (task != null) {
      try {
        task.run();
      } catch (Throwable e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LOG.warn("Could not prepare for the first event: {}", e, e);
      }
    }
  }

  /** Makes the transport on this thread, before anything is sent; the first send tries again if it fails. */
  private void startTransport() {
    try {
      engine.transport().start();
    } catch (Throwable e) {
      // Even a checked exception a provider throws without declaring it (Kotlin, Lombok): the
      // worker goes on, and the first send tries again.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.warn("Could not start the transport: {}", e, e);
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
    Outbox parkTo = parking.holdsEnvelope() ? null : engine.openOutbox();
    if (parkTo == null) {
      requestSlots.acquire();
      return true;
    }
    QueueItem item;
    // Set before looking at the slots once more: a delivery that frees one after that look sees it
    // and wakes the poll below.
    slotWanted.set(true);
    try {
      if (requestSlots.tryAcquire()) {
        return true;
      }
      item = queue.poll(PARK_WAIT_NANOS);
    } finally {
      slotWanted.set(false);
    }
    if (item instanceof ReportRequest request) {
      // Unclaimed, it is the closing thread's: close() took it back and settles it.
      if (queue.claim(request)) {
        parking.holdReport(request);
      }
    } else if (item instanceof Charged envelope) {
      parking.park(envelope, parkTo, compressor);
    }
    return false;
  }

  /** Starts what was held while every slot was busy, on the slot just taken: the envelope first. */
  private boolean startHeld() {
    QueueItem held = parking.takeHeld();
    if (held == null) {
      return false;
    }
    // Claimed when it was held.
    run(new Delivery(engine, held, true));
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
    if (parking.hasParked() && startParked()) {
      backlogTurn = true;
      return true;
    }
    QueueItem item = queue.poll(waitNanos());
    if (item != null) {
      backlogTurn = true;
      Delivery delivery = new Delivery(engine, item, false);
      // With an open outbox this thread serializes, as it parks: a file written by a serializer
      // after the worker parked later envelopes would break the outbox's capture order.
      if (serializers != null && item instanceof Charged && engine.openOutbox() == null) {
        serializers.submit(delivery);
      } else {
        run(delivery);
      }
      return true;
    }
    long now = clock.millis();
    if (outbox != null && now - lastRescanMillis >= Dispatcher.RESCAN_INTERVAL.toMillis()) {
      lastRescanMillis = now;
      retries.markBacklog();
    }
    if (retries.due()) {
      return startBacklog();
    }
    if (now - reports.lastTakenMillis() >= Dispatcher.REPORT_INTERVAL.toMillis() && reports.waiting()) {
      queue.begin();
      // Never queued: nothing to claim.
      run(new Delivery(engine, new ReportRequest(), true));
      return true;
    }
    return false;
  }

  /**
   * Starts the first attempt at the oldest parked file that can still be claimed back; see
   * {@link Parking#claimParked}.
   *
   * @return true if a delivery took the request slot
   */
  private boolean startParked() {
    Stored claimed = parking.claimParked();
    if (claimed == null) {
      return false;
    }
    run(new Delivery(engine, claimed, true));
    return true;
  }

  /**
   * Claims the oldest sendable file of the outbox and starts sending it; when it is a parked file,
   * its delivery takes over its place in {@link Dispatcher#pending}.
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
    run(new Delivery(engine, stored, parking.handOver(stored)));
    return true;
  }

  /** How long the worker may wait for the queue before the backlog, a rescan or a report is due. */
  private long waitNanos() {
    long wait = retries.nanosUntilDue();
    long now = clock.millis();
    if (outbox != null && outbox.status() == Outbox.Status.OPEN) {
      wait = Math.min(wait, millisToNanos(lastRescanMillis + Dispatcher.RESCAN_INTERVAL.toMillis() - now));
    }
    if (reports.enabled()) {
      // Counts that cannot be sent now (none, or rate-limited) are looked at again an interval later.
      long reportDue = reports.waiting() ? reports.lastTakenMillis() + Dispatcher.REPORT_INTERVAL.toMillis() - now
          : Dispatcher.REPORT_INTERVAL.toMillis();
      wait = Math.min(wait, millisToNanos(reportDue));
    }
    return wait;
  }

  private static long millisToNanos(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
  }
}
