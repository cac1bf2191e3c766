package sentry.core.delivery;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An offered envelope and the room it took in its dispatcher's {@link QueueBytes}, given back once,
 * when the SDK lets go of the envelope: delivered, dropped, parked or spilled to the outbox.
 */
final class Charged implements QueueItem {
  private final OutboundEnvelope envelope;
  private final long bytes;
  private final QueueBytes budget;
  private final AtomicBoolean given = new AtomicBoolean();

  Charged(OutboundEnvelope envelope, long bytes, QueueBytes budget) {
    this.envelope = envelope;
    this.bytes = bytes;
    this.budget = budget;
  }

  /** The envelope the application offered. */
  OutboundEnvelope envelope() {
    return envelope;
  }

  @Override
  public void giveBack() {
    if (given.compareAndSet(false, true)) {
      budget.give(bytes);
    }
  }

  @Override
  public String toString() {
    return envelope.toString();
  }
}
