package sentry.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import sentry.api.SentryId;
import sentry.core.log.SdkLog;

/**
 * Writes envelopes: a header line, then for each item a header line with the payload's
 * {@code length} in bytes, the payload and {@code \n}. An envelope carries an event, a client
 * report, or both; or one check-in.
 *
 * <p>The header holds {@code event_id} (32 hex digits, when there is an event), {@code sent_at}
 * (RFC 3339 UTC with milliseconds, from the clock), {@code sdk} with name and version and, for an
 * event in a trace, {@code trace}: the trace's dynamic sampling context, string values; no
 * {@code dsn}, since authentication goes in the {@code X-Sentry-Auth} HTTP header, as with the
 * official SDK. Thread-safe. The writer never closes the stream it is given.
 */
public final class EnvelopeWriter {
  private static final SdkLog LOG = SdkLog.get("sentry.core.json.EnvelopeWriter");
  private static final String APPLICATION_JSON = "application/json";

  private final SdkInfo sdk;
  private final Clock clock;

  /**
   * Makes a writer.
   *
   * @param sdk the SDK's name and version for the header
   * @param clock gives {@code sent_at} and the client report's {@code timestamp}
   */
  public EnvelopeWriter(SdkInfo sdk, Clock clock) {
    this.sdk = sdk;
    this.clock = clock;
  }

  /**
   * Writes an envelope with an event.
   *
   * @param out where to write; not closed
   * @param eventId the event's id
   * @param eventJson the event payload, as {@link EventSerializer#serialize} made it
   * @throws IOException if the stream fails
   */
  public void writeEvent(OutputStream out, SentryId eventId, byte[] eventJson) throws IOException {
    writeEvent(out, eventId, eventJson, Map.of());
  }

  /**
   * Writes an envelope with an event and, when {@code discarded} has any positive count, a client
   * report after it.
   *
   * @param out where to write; not closed
   * @param eventId the event's id
   * @param eventJson the event payload, as {@link EventSerializer#serialize} made it
   * @param discarded dropped items by {@code "reason/category"}, as in {@link #writeClientReport}
   * @throws IOException if the stream fails
   */
  public void writeEvent(OutputStream out, SentryId eventId, byte[] eventJson, Map<String, Long> discarded)
      throws IOException {
    writeEvent(out, eventId, eventJson, discarded, Map.of());
  }

  /**
   * Writes an envelope with an event, its dynamic sampling context in the header's {@code trace},
   * and a client report as {@link #writeEvent(OutputStream, SentryId, byte[], Map)} does.
   *
   * @param out where to write; not closed
   * @param eventId the event's id
   * @param eventJson the event payload, as {@link EventSerializer#serialize} made it
   * @param discarded dropped items by {@code "reason/category"}, as in {@link #writeClientReport}
   * @param trace the dynamic sampling context, string values by key; empty for no {@code trace}
   * @throws IOException if the stream fails
   */
  public void writeEvent(OutputStream out, SentryId eventId, byte[] eventJson, Map<String, Long> discarded,
      Map<String, String> trace) throws IOException {
    out.write(header(eventId, trace));
    item(out, "event", eventJson);
    byte[] report = clientReport(discarded);
    if (report != null) {
      item(out, "client_report", report);
    }
  }

  /**
   * Writes an envelope with one check-in ({@code check_in} item); no event id in the header.
   *
   * @param out where to write; not closed
   * @param checkInJson the payload, as {@link CheckInJson#serialize} made it
   * @throws IOException if the stream fails
   */
  public void writeCheckIn(OutputStream out, byte[] checkInJson) throws IOException {
    out.write(header(null));
    item(out, "check_in", checkInJson);
  }

  /**
   * Writes an envelope with one {@code log} item holding a batch of logs: its header carries
   * {@code item_count} and the content type {@code application/vnd.sentry.items.log+json}.
   *
   * @param out where to write; not closed
   * @param count how many logs the payload holds
   * @param logsJson the payload, as {@link LogJson#serialize} made it
   * @throws IOException if the stream fails
   */
  public void writeLogs(OutputStream out, int count, byte[] logsJson) throws IOException {
    out.write(header(null));
    out.write(line(json -> {
      json.writeStartObject();
      json.writeStringField("type", "log");
      json.writeNumberField("item_count", count);
      json.writeStringField("content_type", "application/vnd.sentry.items.log+json");
      json.writeNumberField("length", logsJson.length);
      json.writeEndObject();
    }));
    out.write(logsJson);
    out.write('\n');
  }

  /**
   * Writes an envelope with only a client report.
   *
   * @param out where to write; not closed
   * @param discarded dropped items by {@code "reason/category"}
   * @return false, and nothing written, when there was no positive count to report
   * @throws IOException if the stream fails
   */
  public boolean writeClientReport(OutputStream out, Map<String, Long> discarded) throws IOException {
    byte[] report = clientReport(discarded);
    if (report == null) {
      return false;
    }
    out.write(header(null));
    item(out, "client_report", report);
    return true;
  }

  /**
   * Writes an envelope with one {@code sessions} item, as {@link SessionsJson} renders it.
   *
   * @param out where to write; not closed
   * @param sessionsJson the item's payload
   * @throws IOException if the stream fails
   */
  public void writeSessions(OutputStream out, byte[] sessionsJson) throws IOException {
    out.write(header(null));
    item(out, "sessions", sessionsJson);
  }

  /**
   * Makes a client report payload: {@code timestamp} and {@code discarded_events}, one
   * {@code {reason, category, quantity}} per key. Keys are {@code "reason/category"}, the form of
   * the transport's drop counts; a key without {@code /} and counts below 1 are skipped.
   *
   * @param discarded dropped items by {@code "reason/category"}
   * @return the JSON, or null when nothing is left to report
   */
  byte[] clientReport(Map<String, Long> discarded) {
    Map<String, Long> counts = new TreeMap<>();
    for (Map.Entry<String, Long> entry : discarded.entrySet()) {
      String key = entry.getKey();
      Long quantity = entry.getValue();
      if (key == null || key.indexOf('/') <= 0 || key.endsWith("/")) {
        LOG.debug("client report: skipped key {}: expected reason/category", key);
      } else if (quantity != null && quantity > 0) {
        counts.put(key, quantity);
      }
    }
    if (counts.isEmpty()) {
      return null;
    }
    return Json.render((json, bytes) -> {
      json.writeStartObject();
      json.writeStringField("timestamp", Text.timestamp(clock.instant()));
      json.writeArrayFieldStart("discarded_events");
      for (Map.Entry<String, Long> count : counts.entrySet()) {
        int slash = count.getKey().indexOf('/');
        json.writeStartObject();
        json.writeStringField("reason", Text.clean(count.getKey().substring(0, slash), Text.MAX_CHARS));
        json.writeStringField("category", Text.clean(count.getKey().substring(slash + 1), Text.MAX_CHARS));
        json.writeNumberField("quantity", count.getValue().longValue());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  private byte[] header(SentryId eventId) {
    return header(eventId, Map.of());
  }

  private byte[] header(SentryId eventId, Map<String, String> trace) {
    return line(json -> {
      json.writeStartObject();
      if (eventId != null) {
        json.writeStringField("event_id", eventId.value());
      }
      json.writeStringField("sent_at", Text.timestamp(clock.instant()));
      json.writeObjectFieldStart("sdk");
      json.writeStringField("name", Text.clean(sdk.name(), Text.MAX_CHARS));
      json.writeStringField("version", Text.clean(sdk.version(), Text.MAX_CHARS));
      json.writeEndObject();
      if (!trace.isEmpty()) {
        json.writeObjectFieldStart("trace");
        for (Map.Entry<String, String> value : trace.entrySet()) {
          json.writeStringField(value.getKey(), Text.clean(value.getValue(), Text.MAX_CHARS));
        }
        json.writeEndObject();
      }
      json.writeEndObject();
    });
  }

  private static void item(OutputStream out, String type, byte[] payload) throws IOException {
    out.write(line(json -> {
      json.writeStartObject();
      json.writeStringField("type", type);
      json.writeStringField("content_type", APPLICATION_JSON);
      json.writeNumberField("length", payload.length);
      json.writeEndObject();
    }));
    out.write(payload);
    out.write('\n');
  }

  /** One compact JSON object and its {@code \n}. */
  private static byte[] line(Line body) {
    byte[] json = Json.render((generator, bytes) -> body.write(generator));
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    return line;
  }

  /** Writes one header object. */
  @FunctionalInterface
  private interface Line {
    void write(JsonGenerator json) throws IOException;
  }
}
