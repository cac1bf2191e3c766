package sentry.core.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import sentry.api.DropReason;

/**
 * An offered envelope and the room it took in its dispatcher's {@link QueueBytes}, given back once,
 * when the SDK lets go of the envelope: delivered, dropped, parked or spilled to the outbox.
 */
final class Charged implements OutboundEnvelope {
  private final OutboundEnvelope envelope;
  private final long bytes;
  private final QueueBytes budget;
  private final AtomicBoolean given = new AtomicBoolean();

  Charged(OutboundEnvelope envelope, long bytes, QueueBytes budget) {
    this.envelope = envelope;
    this.bytes = bytes;
    this.budget = budget;
  }

  /** Gives back the room an envelope took, when it is a charged one; once, whoever calls. */
  static void giveBack(OutboundEnvelope envelope) {
    if (envelope instanceof Charged charged && charged.given.compareAndSet(false, true)) {
      charged.budget.give(charged.bytes);
    }
  }

  @Override
  public String eventId() {
    return envelope.eventId();
  }

  @Override
  public String category() {
    return envelope.category();
  }

  @Override
  public long sizeEstimate() {
    return bytes;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    envelope.writeTo(out);
  }

  @Override
  public void dropped(DropReason reason) {
    envelope.dropped(reason);
  }

  @Override
  public String toString() {
    return envelope.toString();
  }
}
