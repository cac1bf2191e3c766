package sentry.core.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import sentry.api.DropReason;
import sentry.core.accounting.DropRecorder;
import sentry.core.accounting.RateLimiter;
import sentry.core.log.SdkLog;
import sentry.core.outbox.Outbox;
import sentry.core.outbox.OutboxListener;
import sentry.core.outbox.Stored;

/**
 * Writes queued envelopes to the outbox outside a {@link Delivery}: while every request slot is
 * busy (parking), and at {@link Dispatcher#close} (the spill); and holds what cannot be written.
 * It owns the parked files still counted in {@link Dispatcher#pending()} and the items the worker
 * holds; the {@link Worker} decides when to park, and the dispatcher when to spill.
 *
 * <p>Parking. With an open outbox, a worker that finds every request slot busy does not wait for
 * one: it keeps taking envelopes from the queue and writes each to the outbox as a ready file, so
 * that against a server that does not answer the queue drains to disk instead of overflowing. It
 * waits on the queue meanwhile, and a delivery that frees its slot wakes it ({@link SendQueue#wake}).
 * A healthy server never sees it: while a slot is free, nothing is parked, and nothing changes
 * without an open outbox. Parking only uses room the outbox has ({@link Outbox#writeIfRoom}): it
 * never pushes older files out, so a slow but working server gets everything it got before, the
 * queue taking over once the outbox is full. The rules:
 * <ul>
 *   <li>Parked files are the queue's continuation on disk: as slots free up, the worker claims them
 *       back, oldest first, before it takes from the queue again, and their first attempt does not
 *       wait for the backlog's backoff, as a queued envelope's would not. The backlog's turns go on
 *       as before, and it may claim a parked file too (it is a ready file like any other).
 *   <li>Parking is no drop. A parked envelope that cannot be serialized is a {@code send_error}, as
 *       it would be in flight; one the outbox does not take (no room left within its bounds, the
 *       write failed) is held and goes first on the next free slot, and
 *       the worker parks nothing more until then. Client report requests are never parked: one is
 *       held until a slot is free (one more coming meanwhile has nothing left to take and is
 *       settled at once), while the worker goes on parking.
 *   <li>A parked envelope stays in {@link Dispatcher#pending()}, so that {@link Dispatcher#flush}
 *       waits for it, until its file is settled, exactly once: by the first attempt at it, whatever
 *       its outcome (kept in the outbox after a failed one is settled, as for files in flight); by
 *       the outbox removing it unsent (its {@link OutboxListener} names the file:
 *       {@code cache_overflow} when newer envelopes need the room or it expired, {@code send_error}
 *       when corrupt); when its turn comes and its category is rate-limited (it is left to the
 *       backlog, which skips it until the limit is over) or it is no longer there to claim (another
 *       process took or removed it); or by {@link Dispatcher#close}, which leaves it in the outbox
 *       for the next process. Parked files are tracked by {@link Stored#key()}, and only whoever
 *       removes a key from {@code parked} settles it.
 *   <li>A parked envelope that fails follows the outbox's rules: kept on a 5xx, a 429 or no answer;
 *       {@code send_error} on any other 4xx; {@code cache_overflow} when the outbox removes it.
 *       Being a file by then, it is counted but not told through {@link OutboundEnvelope#dropped},
 *       like every file of the backlog.
 * </ul>
 *
 * <p>Thread-safe: the worker parks, holds and claims back; the closing thread spills and forgets;
 * the outbox's caller unparks the files it removes. Several methods look whether the dispatcher
 * has stopped after changing what they hold, because {@link Dispatcher#close} may have looked
 * before the change.
 */
final class Parking {
  private static final SdkLog LOG = SdkLog.get("sentry.core.transport.Dispatcher");

  private final SendQueue queue;
  private final DropRecorder drops;
  /** The outbox parked files are claimed back from; null without one (then nothing is ever parked). */
  private final Outbox outbox;
  private final RateLimiter limits;
  private final RetrySchedule retries;
  /** Tells whether the dispatcher is stopped: {@link Dispatcher#close} gave up waiting. */
  private final BooleanSupplier stopped;
  /**
   * The parked files still counted in {@link Dispatcher#pending}, by {@link Stored#key()}: oldest
   * first, since this process's keys sort in the order it wrote them.
   */
  private final ConcurrentSkipListMap<String, Stored> parked = new ConcurrentSkipListMap<>();
  /** A queued envelope the outbox could not take while it was to be parked; it goes first on the next slot. */
  private final AtomicReference<Charged> heldEnvelope = new AtomicReference<>();
  /** A client report request taken from the queue while every slot was busy; it starts on the next slot. */
  private final AtomicReference<ReportRequest> heldReport = new AtomicReference<>();

  /**
   * Makes the parking of a dispatcher.
   *
   * @param queue the dispatcher's queue, where what is parked, held or spilled is settled
   * @param drops where drops are counted
   * @param outbox the outbox parked files are claimed back from, or null without one
   * @param limits tells whether a parked file's category is rate-limited when its turn comes
   * @param retries the backlog's schedule, told of parked files left to the backlog
   * @param stopped tells whether the dispatcher is stopped
   */
  Parking(SendQueue queue, DropRecorder drops, Outbox outbox, RateLimiter limits, RetrySchedule retries,
      BooleanSupplier stopped) {
    this.queue = queue;
    this.drops = drops;
    this.outbox = outbox;
    this.limits = limits;
    this.retries = retries;
    this.stopped = stopped;
  }

  /** Tells whether an envelope is held: the worker parks nothing more until it starts. */
  boolean holdsEnvelope() {
    return heldEnvelope.get() != null;
  }

  /** Tells whether parked files wait to be claimed back. */
  boolean hasParked() {
    return !parked.isEmpty();
  }

  /**
   * Writes a queued envelope to the outbox as a ready file, for the backlog to send when a slot is
   * free, and remembers it as parked: it stays in {@link Dispatcher#pending} until {@link #unpark}.
   * An envelope that cannot be serialized is dropped as {@code send_error}, as a {@link Delivery}
   * would drop it; one the outbox does not take is held for the next slot.
   */
  void park(Charged item, Outbox parkTo, Compressor compressor) {
    OutboundEnvelope envelope = item.envelope();
    byte[] gzipped = gzipped(envelope, compressor);
    // Claimed only now: a close that came while it was serialized took it back and settles it.
    if (!queue.claim(item)) {
      return;
    }
    if (gzipped == null) {
      item.giveBack();
      drop(envelope, DropReason.SEND_ERROR);
      queue.settled();
      return;
    }
    // Only into room the outbox has: a parked envelope could as well wait in the queue, so it must
    // not push out older files (the outbox removes the oldest to make room), which a slow but
    // working server would otherwise have received.
    Stored stored = store(parkTo, envelope, gzipped, false);
    if (stored == null) {
      holdEnvelope(item);
      return;
    }
    // A file now: the room it took in memory is free again.
    item.giveBack();
    // Remembered while the file is still claimed, so that nothing can remove it unheard meanwhile.
    parked.put(stored.key(), stored);
    boolean ready = release(parkTo, stored);
    // A file still claimed is not ours to send again (the next process takes it back); and once
    // stopped, close() may have forgotten the parked files before this one was added.
    if (!ready || stopped.getAsBoolean()) {
      unpark(stored.key());
    }
  }

  /** Settles a parked file in {@link Dispatcher#pending}, once: only the caller that removes its key does. */
  void unpark(String key) {
    if (parked.remove(key) != null) {
      queue.settled();
    }
  }

  /** Settles every parked file in {@link Dispatcher#pending}: they stay in the outbox for a later attempt. */
  void forgetParked() {
    for (String key : parked.keySet()) {
      unpark(key);
    }
  }

  /**
   * Claims the oldest parked file back for the first attempt at it, which takes over its place in
   * {@link Dispatcher#pending}, as a queued envelope's would: parked files go before the queue,
   * whose envelopes came later, and do not wait for the backlog's backoff. One of a rate-limited
   * category is left to the backlog, which skips it until the limit is over; one that is no longer
   * there to claim was removed or taken by another process. Either is settled here.
   *
   * @return the claimed file, for a delivery to start at once; null when none is left to claim
   */
  Stored claimParked() {
    Map.Entry<String, Stored> oldest;
    while ((oldest = parked.pollFirstEntry()) != null) {
      Stored file = oldest.getValue();
      Stored claimed = limits.isLimited(file.category()) ? null : outbox.claim(file);
      if (claimed != null) {
        return claimed;
      }
      retries.markBacklog();
      queue.settled();
    }
    return null;
  }

  /**
   * Hands a file the backlog claimed over to its delivery: when it is a parked file, it is no longer
   * parked, and its delivery takes over its place in {@link Dispatcher#pending}.
   *
   * @return true if it was parked
   */
  boolean handOver(Stored stored) {
    return parked.remove(stored.key()) != null;
  }

  /**
   * Holds a client report request until a slot is free: it is never parked, its counts wait in
   * memory. A request that comes while one is held has nothing more to take and is settled at
   * once.
   */
  void holdReport(ReportRequest request) {
    if (!heldReport.compareAndSet(null, request)) {
      queue.settled();
      return;
    }
    // close() may have settled what was held before this one was set.
    if (stopped.getAsBoolean()) {
      settleHeldReport();
    }
  }

  /** Settles a held client report request, if there is one: its counts still wait in the recorder. */
  void settleHeldReport() {
    if (heldReport.getAndSet(null) != null) {
      queue.settled();
    }
  }

  /** Holds an envelope the outbox could not take; the worker parks nothing more until it starts. */
  private void holdEnvelope(Charged item) {
    heldEnvelope.set(item);
    // close() may have looked for a held envelope before this one was set; it can no longer be written.
    if (stopped.getAsBoolean()) {
      Charged held = heldEnvelope.getAndSet(null);
      if (held != null) {
        held.giveBack();
        drop(held.envelope(), DropReason.NETWORK_ERROR);
        queue.settled();
      }
    }
  }

  /**
   * Takes what was held while every slot was busy, to start on the slot just taken: the envelope
   * first.
   *
   * @return the held envelope or client report request; null when nothing is held
   */
  QueueItem takeHeld() {
    QueueItem held = heldEnvelope.getAndSet(null);
    if (held == null) {
      held = heldReport.getAndSet(null);
    }
    return held;
  }

  /**
   * Called by {@link Dispatcher#close} once it has given up waiting: writes what is still queued,
   * and what the worker took but had not claimed, to the outbox when it is open, and counts the
   * rest.
   *
   * <p>Only the closing thread does this, and closes the outbox after it. {@link Dispatcher#close}
   * waits for the worker only {@code WORKER_STOP_WAIT_MILLIS}, so the worker may still run
   * meanwhile: were it to empty the queue too, its writes could come after {@code outbox.close()}
   * and fail, and it may carry the interrupt of {@link Dispatcher#close}, on which file channels
   * refuse to write. So the worker's {@code finally} leaves the queue alone once the dispatcher's
   * {@code closing} is set, which is before the state leaves {@code OPEN}; it empties the queue
   * itself, counting all as {@code network_error}, only when it dies without a close (an
   * {@link Error}, or an interrupt from elsewhere). An envelope the worker took from the queue is
   * the queue's until the worker claims it ({@link SendQueue#claim}), just before it writes it to
   * the outbox or sends it: {@link Dispatcher#close} takes everything unclaimed back
   * ({@link SendQueue#takeBack}) before it abandons the deliveries in flight, and hands it here;
   * the worker's later claim fails and it lets go. An envelope claimed before that is settled by
   * its {@link Delivery}, which {@link Dispatcher#close} abandons once its outbox write is done
   * ({@link Outbox#write} and {@link Outbox#close} exclude each other too). One the worker was
   * parking is written whole or not at all the same way: a file it parks after
   * {@link #forgetParked} ran is settled by the worker itself, which looks at the state after adding
   * it; an envelope it holds after this method looked counts as {@code network_error}, settled by
   * the worker likewise. An offer that slips in is taken back by {@link Dispatcher#offer} itself,
   * which sees {@code STOPPED} after adding. What the worker held (an envelope the outbox could not
   * take while parking, a report request) is handled here first, as queued before the rest.
   *
   * @param spillTo the outbox when it is open; null without an open one
   * @param takenBack what {@link SendQueue#takeBack} gave the closing thread earlier, oldest first
   */
  void spillQueued(Outbox spillTo, List<QueueItem> takenBack) {
    // close() may run on an interrupted thread; Outbox.write copes with that.
    emptyQueue(spillTo, takenBack);
  }

  /**
   * Takes everything out of the queue: writes each envelope to {@code spillTo} when given, and
   * counts and tells the envelopes it cannot write. Settles each in {@link Dispatcher#pending}.
   */
  void emptyQueue(Outbox spillTo, List<QueueItem> takenBack) {
    int spilled = 0;
    settleHeldReport();
    // What the worker held was queued before what is still in the queue.
    List<QueueItem> all = new ArrayList<>();
    Charged held = heldEnvelope.getAndSet(null);
    if (held != null) {
      all.add(held);
    }
    all.addAll(takenBack);
    all.addAll(queue.takeBack());
    for (QueueItem item : all) {
      try {
        // A report request's counts were never taken: they still wait in the recorder.
        if (item instanceof Charged charged) {
          OutboundEnvelope envelope = charged.envelope();
          DropReason reason = spillTo == null ? DropReason.NETWORK_ERROR : spill(envelope, spillTo);
          if (reason == null) {
            spilled++;
          } else {
            drop(envelope, reason);
          }
        }
      } finally {
        item.giveBack();
        queue.settled();
      }
    }
    if (spilled > 0) {
      LOG.debug("Wrote {} queued envelopes to the outbox for the next process", spilled);
    }
  }

  /**
   * Writes a queued envelope to the outbox at close and makes its file ready, as {@link Delivery}
   * does with the files in flight that {@link Dispatcher#close} abandons: the next process to open
   * the directory sends it, with the same event id.
   *
   * @return null if it is in the outbox; else why it is dropped
   */
  private DropReason spill(OutboundEnvelope envelope, Outbox spillTo) {
    byte[] gzipped = gzipped(envelope, null);
    if (gzipped == null) {
      return DropReason.SEND_ERROR;
    }
    Stored stored = store(spillTo, envelope, gzipped, true);
    if (stored == null) {
      return DropReason.NETWORK_ERROR;
    }
    // If it stays claimed by this process, the next one takes it back once close() has given up our lock.
    release(spillTo, stored);
    return null;
  }

  /** Counts a dropped envelope and tells it why. */
  private void drop(OutboundEnvelope envelope, DropReason reason) {
    drops.record(reason, envelope.category(), envelope.quantity());
    Engine.tellDropped(envelope, reason);
  }

  /**
   * Serializes and gzips a queued envelope as the outbox stores it, with the worker's compressor,
   * or a new one on another thread (null); null, warned, when it cannot be serialized.
   */
  private static byte[] gzipped(OutboundEnvelope envelope, Compressor compressor) {
    try {
      return compressor == null ? EnvelopeBytes.gzip(Delivery.serialize(envelope))
          : compressor.gzip(compressor.serialize(envelope));
    } catch (Throwable e) { // even an Error from an application object: see Delivery.start
      LOG.warn("Could not serialize envelope {}, dropped as send_error: {}", envelope.eventId(), e, e);
      return null;
    }
  }

  /**
   * Writes an envelope to the outbox as a file claimed by this process, removing the oldest ready
   * files to make room when {@code makeRoom}; null when it cannot: larger than the byte bound, no
   * room (left), or the write failed (warned once).
   */
  private static Stored store(Outbox outbox, OutboundEnvelope envelope, byte[] gzipped, boolean makeRoom) {
    try {
      return makeRoom ? outbox.write(gzipped, envelope.category(), envelope.eventId())
          : outbox.writeIfRoom(gzipped, envelope.category(), envelope.eventId());
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
}
