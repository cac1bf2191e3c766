package sentry.core.delivery;

import java.time.Clock;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import sentry.api.DropReason;
import sentry.core.accounting.ClientReports;
import sentry.core.accounting.DropRecorder;
import sentry.core.accounting.RateLimiter;
import sentry.core.log.SdkLog;
import sentry.core.outbox.Outbox;

/**
 * What the parts of one {@link Dispatcher} share, made once by it and handed to its {@link Worker}
 * and each {@link Delivery} when they are made, so that they never reach back into the dispatcher.
 *
 * @param transport where envelopes go, started by the worker
 * @param drops where drops are counted
 * @param limits the rate limits to honour and update
 * @param reports the client reports that ride on envelopes
 * @param outbox the outbox, open or not, to settle files already claimed; null without one
 * @param retries the backlog's schedule
 * @param clock gives file ages, {@code sent_at} and delays
 * @param queue the send queue and the count of what is pending
 * @param inFlight the deliveries under way, from the moment the worker takes their envelope;
 *     {@code close} abandons them
 * @param warnings the once-per-condition warnings the deliveries share
 * @param stopped tells whether {@code close} gave up waiting
 * @param closing tells whether {@code close} was called
 * @param slotFreed hears of a request slot freed, with what its answer tells the {@link SendWindow}
 */
record Engine(DeferredTransport transport, DropRecorder drops, RateLimiter limits, ClientReports reports, Outbox outbox,
    RetrySchedule retries, Clock clock, SendQueue queue, Set<Delivery> inFlight, DeliveryWarnings warnings,
    BooleanSupplier stopped, BooleanSupplier closing, Consumer<SendWindow.Signal> slotFreed) {
  private static final SdkLog LOG = SdkLog.get("sentry.core.transport.Dispatcher");

  /** The outbox when it is open, to write to; null without one. */
  Outbox openOutbox() {
    return outbox == null || outbox.status() != Outbox.Status.OPEN ? null : outbox;
  }

  /** Tells whether {@code close} gave up waiting. */
  boolean isStopped() {
    return stopped.getAsBoolean();
  }

  /** Counts a dropped envelope and tells it why. */
  void drop(OutboundEnvelope envelope, DropReason reason) {
    drops.record(reason, envelope.category(), envelope.quantity());
    tellDropped(envelope, reason);
  }

  /** Tells an envelope it was dropped; what it throws is logged, never passed on. */
  static void tellDropped(OutboundEnvelope envelope, DropReason reason) {
    try {
      envelope.dropped(reason);
    } catch (Throwable e) {
      // Application code may run here (event processors); the worker must not die of what it throws.
      LOG.warn("Envelope {} failed in dropped({}): {}", envelope.eventId(), reason, e, e);
    }
  }
}
