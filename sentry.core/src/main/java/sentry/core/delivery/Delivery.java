package sentry.core.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import sentry.api.DropReason;
import sentry.core.accounting.ClientReports;
import sentry.core.log.SdkGuard;
import sentry.core.log.SdkLog;
import sentry.core.outbox.Outbox;
import sentry.core.outbox.Stored;
import sentry.core.transport.Transport;

/**
 * One attempt at sending one envelope, from the moment the worker takes it until it is settled,
 * exactly once: serialized (or read back from the outbox), written to the outbox before it is
 * sent, a client report attached when counts wait, gzipped, handed to the {@link Transport}, and
 * the answer judged. It holds one request slot of its {@link Dispatcher} meanwhile, and its answer
 * resizes the {@link SendWindow} as it frees the slot (see {@link #signal}).
 *
 * <p>What the answer means: a 2xx delivered it; a 4xx other than 429 and 407 refused it for good
 * ({@code send_error}); with an outbox, a 5xx, a 429, a proxy's 407 or no answer keeps its file
 * for a later attempt and nothing is counted; without one, a 5xx is a {@code send_error}, no answer
 * or a proxy's 407 a {@code network_error}, and a 429 is Sentry's to account for. A 407 is a
 * configuration error (the proxy's credentials), warned of once.
 *
 * <p>Settling runs on the thread that completes the transport's answer (its I/O thread), or on the
 * thread of {@link Dispatcher#close}: it only renames or removes the file, never reads or writes one.
 */
final class Delivery {
  private static final SdkLog LOG = SdkLog.get("sentry.core.transport.Dispatcher");
  /** What the body preparers return when a close took the envelope back. */
  private static final byte[] LET_GO = new byte[0];
  /** A forwarding proxy's answer when it wants (other) credentials: never Sentry's. */
  private static final int PROXY_AUTHENTICATION_REQUIRED = 407;


  private final Engine engine;
  /** What the worker took from the queue, or made; null for a file from the outbox's backlog. */
  private final QueueItem item;
  /** The envelope the application offered; null for a client report and a file of the backlog. */
  private final OutboundEnvelope envelope;
  private final boolean report;
  /** Whether it is a file the worker parked, still counted in {@link Dispatcher#pending()}. */
  private final boolean parked;
  private final String category;
  private final String eventId;
  /** Where a queued envelope is claimed from; null for a file of the backlog. */
  private final SendQueue queue;
  private final AtomicBoolean done = new AtomicBoolean();
  /**
   * Whether the envelope is this attempt's to settle: claimed from the queue, or never queued. Set
   * under this object's lock together with the outbox write, which {@link #abandon} waits for.
   */
  private volatile boolean owned;
  private volatile Stored stored;
  private volatile ClientReports.Batch batch;
  /** The starting thread's, set by {@link #start} and used only on that thread within it. */
  private Compressor compressor;

  /**
   * An attempt at a queued envelope, or at a client report when it is a {@link ReportRequest}.
   *
   * @param owned true when it is claimed already (held by the worker) or was never queued
   */
  Delivery(Engine engine, QueueItem item, boolean owned) {
    this.engine = engine;
    this.item = item;
    this.envelope = item instanceof Charged charged ? charged.envelope() : null;
    this.queue = engine.queue();
    this.owned = owned;
    this.report = item instanceof ReportRequest;
    this.parked = false;
    this.category = envelope != null ? envelope.category() : ClientReports.CATEGORY;
    this.eventId = envelope != null ? envelope.eventId() : null;
  }

  /**
   * An attempt at a file of the outbox's backlog, claimed by this process; {@code parked} when the
   * worker parked it there, so that this attempt settles its place in {@link Dispatcher#pending()}.
   * Either way nothing can be told through {@link OutboundEnvelope#dropped}: only the file is left.
   */
  Delivery(Engine engine, Stored stored, boolean parked) {
    this.engine = engine;
    this.item = null;
    this.envelope = null;
    this.queue = null;
    this.owned = true;
    this.report = false;
    this.parked = parked;
    this.stored = stored;
    this.category = stored.category();
    this.eventId = stored.eventId();
  }

  /** Tells whether this attempt is counted in {@link Dispatcher#pending()}: queued and parked ones are. */
  boolean countsPending() {
    return item != null ? owned : parked;
  }

  /**
   * Claims a queued envelope, with the outbox write that must come with the claim, unless a close
   * took it back meanwhile. Under this object's lock, which {@link #abandon} takes too, so that the
   * closing thread never settles an attempt halfway through its claim.
   *
   * @param gzipped what to write to the open outbox once claimed; null to write nothing
   * @return true if the envelope is this attempt's to settle
   */
  private synchronized boolean claim(byte[] gzipped) {
    if (!owned) {
      if (!queue.claim(item)) {
        return false;
      }
      owned = true;
    }
    Outbox outbox = gzipped == null ? null : engine.openOutbox();
    if (outbox != null) {
      stored = outbox.write(gzipped, category, eventId);
    }
    return true;
  }

  /** Lets go of an envelope a close took back: frees the slot; the closing thread settles the rest. */
  private void letGo() {
    if (done.compareAndSet(false, true)) {
      engine.inFlight().remove(this);
      engine.slotFreed().accept(SendWindow.Signal.KEEP);
    }
  }

  /**
   * Prepares the body and sends it; settles at once when there is nothing to send.
   *
   * @param compressor the starting thread's (the worker's or a serializer's), to serialize and gzip with
   */
  void start(Compressor compressor) {
    this.compressor = compressor;
    // Seen by close() from now on, also while it is being serialized.
    engine.inFlight().add(this);
    byte[] body;
    try {
      if (!report && engine.limits().isLimited(category)) {
        settleOwned(Outcome.LIMITED);
        return;
      }
      body = report ? reportBody() : item == null ? backlogBody() : queuedBody();
    } catch (Throwable e) {
      // Even an Error: serializing calls the application's objects, and one envelope must never
      // take the worker down. No reason fits better; Sentry's internal_sdk_error is not one of ours.
      LOG.warn("Could not serialize envelope {}, dropped as send_error: {}", name(), e, e);
      settleOwned(Outcome.UNSENDABLE);
      return;
    }
    if (body == LET_GO) {
      letGo();
      return;
    }
    if (body == null) {
      settle(Outcome.NOTHING, 0);
      return;
    }
    if (engine.isStopped()) {
      settle(Outcome.UNREACHED, 0);
      return;
    }
    CompletableFuture<Transport.Response> answer;
    try {
      answer = engine.transport().send(body);
      if (answer == null) {
        answer = CompletableFuture.failedFuture(new IllegalStateException(engine.transport() + " returned no future"));
      }
    } catch (Throwable e) {
      // Even an Error (a transport's missing class, say): the attempt is settled as no answer,
      // never left in flight uncounted.
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete(this::answered);
  }

  /**
   * Settles an attempt that {@link Serializers} stopped before it started: unless a close took its
   * envelope back (then the close settles it), it counts as no answer ({@code network_error}).
   */
  void cancel() {
    settleOwned(Outcome.UNREACHED);
  }

  /**
   * Settles an attempt whose {@link #start} threw past its own guards, once: counted as
   * {@code send_error} unless a close took its envelope back.
   */
  void fail() {
    settleOwned(Outcome.UNSENDABLE);
  }

  /** Settles an attempt that sent nothing, once the envelope is claimed; else lets it go. */
  private void settleOwned(Outcome outcome) {
    if (claim(null)) {
      settle(outcome, 0);
    } else {
      letGo();
    }
  }

  /**
   * Serializes a queued envelope, claims it and stores it before it is sent, attaches waiting
   * counts; {@link #LET_GO} when a close took it back meanwhile.
   */
  private byte[] queuedBody() throws IOException {
    byte[] gzipped = compressor.serializeGzipped(envelope);
    if (!claim(gzipped)) {
      return LET_GO;
    }
    batch = engine.reports().take();
    return batch == null ? gzipped
        : compressor.gzip(EnvelopeBytes.withItem(compressor.lastSerialized(), batch.item()));
  }

  /** Serializes an envelope, uncompressed, as it is sent and stored. */
  static byte[] serialize(OutboundEnvelope envelope) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
    envelope.writeTo(buffer);
    return buffer.toByteArray();
  }

  /** Reads a file of the backlog back, renews its {@code sent_at}, attaches waiting counts. */
  private byte[] backlogBody() {
    byte[] raw = engine.outbox().read(stored);
    if (raw == null) {
      // Gone, or set aside as corrupt (and counted by the outbox's listener): nothing left to settle.
      stored = null;
      return null;
    }
    raw = EnvelopeBytes.withSentAt(raw, engine.clock().instant());
    batch = engine.reports().take();
    return compressor.gzip(batch == null ? raw : EnvelopeBytes.withItem(raw, batch.item()));
  }

  private byte[] reportBody() {
    if (!claim(null)) {
      return LET_GO;
    }
    batch = engine.reports().take();
    return batch == null ? null : compressor.gzip(batch.envelope());
  }

  private void answered(Transport.Response response, Throwable failure) {
    // The transport may call us on its own threads: keep what we log out of the application's view.
    SdkGuard.enter();
    try {
      if (failure == null) {
        settle(judge(response), response.status());
      } else {
        networkFailed(failure);
        settle(Outcome.UNREACHED, 0);
      }
    } finally {
      SdkGuard.exit();
    }
  }

  private Outcome judge(Transport.Response response) {
    if (response.status() == PROXY_AUTHENTICATION_REQUIRED) {
      if (engine.warnings().warnProxyRefused()) {
        LOG.warn("The HTTP proxy asks for credentials (HTTP 407): check option proxy's user and password; {}",
            stored != null ? "keeping envelopes in the outbox for a later attempt"
                : "counting envelopes as network_error");
      }
      return Outcome.PROXY_REFUSED;
    }
    engine.warnings().answered();
    engine.limits().update(response);
    int status = response.status();
    if (status / 100 == 2) {
      engine.warnings().accepted();
      return Outcome.DELIVERED;
    }
    if (status == 429) {
      return Outcome.TOO_MANY;
    }
    boolean kept = status / 100 == 5 && stored != null;
    if (engine.warnings().warnRefused()) {
      LOG.warn(kept ? "Sentry answered HTTP {}; keeping envelopes in the outbox for a later attempt"
          : "Sentry refused an envelope with HTTP {}; counting refusals as send_error", status);
    } else {
      LOG.debug("Sentry answered HTTP {} to envelope {}", status, name());
    }
    return status / 100 == 5 ? Outcome.SERVER_ERROR : Outcome.REFUSED;
  }

  /** The envelope as diagnostics name it: its event id, else its kind (logs, client report, session). */
  private String name() {
    return eventId != null ? eventId : "(" + category + ", no event id)";
  }

  private void networkFailed(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (!engine.isStopped() && engine.warnings().warnUnreachable()) {
      LOG.warn(stored != null ? "Could not reach Sentry: {}; keeping envelopes in the outbox for a later attempt"
          : "Could not reach Sentry: {}; counting envelopes as network_error until it answers", cause.toString());
    } else {
      LOG.debug("Could not send envelope {}: {}", name(), cause.toString());
    }
  }

  /**
   * Gives up on the answer: {@link Dispatcher#close} passed its deadline. An attempt whose queued
   * envelope is not claimed is left alone: the close took the envelope back and settles it itself.
   * Waits for a claim under way, with its outbox write.
   */
  void abandon() {
    synchronized (this) {
      if (!owned) {
        return;
      }
    }
    settle(Outcome.UNREACHED, 0);
  }

  /**
   * Settles the attempt once: files the client report's counts, removes or keeps the file, counts
   * a drop if there is one, frees the slot.
   */
  void settle(Outcome outcome, int status) {
    if (!done.compareAndSet(false, true)) {
      return;
    }
    engine.inFlight().remove(this);
    if (item != null) {
      // Serialized and answered (or given up on): the room it took in memory is free again.
      item.giveBack();
    }
    try {
      if (outcome == Outcome.DELIVERED || outcome == Outcome.REFUSED) {
        engine.retries().reachable();
      }
      settleReport(outcome, status);
      DropReason reason = stored != null ? settleFile(outcome) : outcome.inMemoryDrop();
      if (reason != null && !report) {
        // A batch of logs counts each of its logs; a file read back from the outbox counts one.
        engine.drops().record(reason, category, envelope != null ? envelope.quantity() : 1);
        if (envelope != null) {
          Engine.tellDropped(envelope, reason);
        }
      }
    } finally {
      engine.slotFreed().accept(outcome.signal());
      if (countsPending()) {
        engine.queue().settled();
      }
    }
  }

  private void settleReport(Outcome outcome, int status) {
    ClientReports reports = engine.reports();
    if (outcome == Outcome.DELIVERED) {
      reports.delivered(batch);
    } else if (outcome == Outcome.REFUSED) {
      reports.refused(batch, status);
    } else {
      reports.putBack(batch);
    }
  }

  private DropReason settleFile(Outcome outcome) {
    Outbox outbox = engine.outbox();
    switch (outcome) {
      case DELIVERED:
        outbox.delete(stored);
        return null;
      case REFUSED:
      case UNSENDABLE:
        outbox.delete(stored);
        return DropReason.SEND_ERROR;
      case TOO_MANY:
      case SERVER_ERROR:
      case PROXY_REFUSED:
      case UNREACHED:
        outbox.release(stored);
        engine.retries().failed();
        return null;
      default:
        // LIMITED: kept until the limit is over; NOTHING has no file.
        outbox.release(stored);
        return null;
    }
  }
}
