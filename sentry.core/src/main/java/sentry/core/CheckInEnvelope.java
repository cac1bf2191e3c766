package sentry.core;

import java.io.IOException;
import java.io.OutputStream;
import sentry.api.CheckIn;
import sentry.core.delivery.OutboundEnvelope;
import sentry.core.json.CheckInJson;
import sentry.core.json.EnvelopeWriter;

/**
 * A check-in waiting to be sent: an envelope with one {@code check_in} item, of the data category
 * {@code monitor} for rate limits, the outbox and client reports. Serialized on the worker. A
 * class, not a record: the queue tells envelopes apart by identity, and two check-ins may be equal.
 */
final class CheckInEnvelope implements OutboundEnvelope {
  /** The data category of check-ins. */
  static final String CATEGORY = "monitor";

  private final CheckIn checkIn;
  private final String release;
  private final String environment;
  private final String traceId;
  private final EnvelopeWriter envelopes;

  /**
   * Makes the envelope.
   *
   * @param checkIn the check-in
   * @param release the options' release, or null
   * @param environment the options' environment, or null
   * @param traceId the trace id to send, or null
   * @param envelopes writes the envelope
   */
  CheckInEnvelope(CheckIn checkIn, String release, String environment, String traceId, EnvelopeWriter envelopes) {
    this.checkIn = checkIn;
    this.release = release;
    this.environment = environment;
    this.traceId = traceId;
    this.envelopes = envelopes;
  }

  @Override
  public String eventId() {
    return null;
  }

  @Override
  public String category() {
    return CATEGORY;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    envelopes.writeCheckIn(out, CheckInJson.serialize(checkIn, release, environment, traceId));
  }
}
