package sentry.core.delivery;

import java.io.IOException;
import java.io.OutputStream;
import sentry.api.DropReason;

/**
 * An envelope waiting in the send queue. It is serialized only when a worker takes it, so the
 * application thread never pays for JSON, compression or I/O.
 */
public interface OutboundEnvelope {
  /**
   * Returns the id of the envelope's event, for diagnostics.
   *
   * @return 32 hex digits, or null when the envelope has no event
   */
  String eventId();

  /**
   * Returns the rate-limit data category of the envelope's main item ({@code error} for events).
   *
   * @return the category
   */
  String category();

  /**
   * Estimates how much memory the envelope holds until it is serialized, for the queue's byte
   * bound. Called once, on the application thread that offers it: it must be cheap and must not
   * throw.
   *
   * @return bytes, roughly; 0 when unknown
   */
  default long sizeEstimate() {
    return 0;
  }

  /**
   * Returns how many items of its category the envelope counts as when it is dropped: 1, or the
   * number of logs in a batch of logs.
   *
   * @return at least 1
   */
  default long quantity() {
    return 1;
  }

  /**
   * Writes the whole envelope, uncompressed: header line, then each item. Called on a worker.
   *
   * @param out where to write
   * @throws IOException if writing fails
   */
  void writeTo(OutputStream out) throws IOException;

  /**
   * Tells the envelope that it was dropped, after the drop was counted, so whoever let it
   * through can forget it (the dedupe integration). Called on a worker; must not throw.
   *
   * @param reason why it was dropped
   */
  default void dropped(DropReason reason) {}
}
