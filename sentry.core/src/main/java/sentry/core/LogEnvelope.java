package sentry.core;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import sentry.core.delivery.OutboundEnvelope;
import sentry.core.json.EnvelopeWriter;
import sentry.core.json.LogJson;

/**
 * A batch of structured logs waiting to be sent: an envelope with one {@code log} item of at most
 * 100 logs, of the data category {@code log_item}; a drop counts every log in it. Serialized on
 * the worker. A class, not a record: the queue tells envelopes apart by identity.
 */
final class LogEnvelope implements OutboundEnvelope {
  private final List<LogJson.Item> items;
  private final LogJson.Defaults defaults;
  private final EnvelopeWriter envelopes;

  LogEnvelope(List<LogJson.Item> items, LogJson.Defaults defaults, EnvelopeWriter envelopes) {
    this.items = List.copyOf(items);
    this.defaults = defaults;
    this.envelopes = envelopes;
  }

  @Override
  public String eventId() {
    return null;
  }

  @Override
  public String category() {
    return LogBatcher.CATEGORY;
  }

  @Override
  public long quantity() {
    return items.size();
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    envelopes.writeLogs(out, items.size(), LogJson.serialize(items, defaults));
  }
}
