package sentry.core.delivery;

import java.io.OutputStream;
import sentry.core.accounting.ClientReports;

/**
 * Asks the worker for a client report of its own. It goes through the queue like an envelope and
 * counts as pending, so {@code flush} and {@code close} wait for it; its {@link Delivery} takes
 * whatever counts wait when it is sent, and sends nothing when none do. Never counted as a drop.
 */
final class ReportRequest implements OutboundEnvelope {
  @Override
  public String eventId() {
    return null;
  }

  @Override
  public String category() {
    return ClientReports.CATEGORY;
  }

  @Override
  public void writeTo(OutputStream out) {
    throw new UnsupportedOperationException("a client report request is written by its delivery");
  }
}
