package sentry.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import sentry.api.SentryLog;

/**
 * Writes the payload of a {@code log} envelope item as Sentry's developer documentation (Logs,
 * protocol 2) describes it: {@code {"items":[…]}}, each item with {@code timestamp} (seconds since
 * the epoch, with microseconds), {@code trace_id}, {@code level}, {@code body}, {@code
 * severity_number} and {@code attributes}, each attribute a typed value {@code {"value":…,
 * "type":"string"|"boolean"|"integer"|"double"}}: {@code sentry.message.template} and {@code
 * sentry.message.parameter.N} (when the log has a template), {@code logger.name}, {@code
 * thread.name}, {@code sentry.origin}, {@code sentry.release}, {@code sentry.environment}, {@code
 * sentry.sdk.name}, {@code sentry.sdk.version}, then the log's own attributes (those under the event scrubber's denylisted
 * keys as {@code [Filtered]}). Stateless and
 * thread-safe.
 */
public final class LogJson {
  /** The body's longest length in characters; longer bodies are cut. */
  private static final int MAX_BODY = Text.MAX_CHARS;

  private LogJson() {}

  /**
   * A log and the trace it belongs to.
   *
   * @param log the log
   * @param traceId its trace id, 32 hex digits
   */
  public record Item(SentryLog log, String traceId) {}

  /**
   * What every log of a client carries.
   *
   * @param release the release, or null
   * @param environment the environment, or null
   * @param sdk the SDK's name and version
   * @param scrubber filters the values of the log's own attributes under denylisted keys
   */
  public record Defaults(String release, String environment, SdkInfo sdk, EventScrubber scrubber) {}

  /**
   * Serializes a batch of logs.
   *
   * @param items the logs, at most 100 by the protocol's rule (not checked here)
   * @param defaults what every log carries
   * @return compact UTF-8 JSON
   */
  public static byte[] serialize(List<Item> items, Defaults defaults) {
    return Json.render((json, bytes) -> {
      json.writeStartObject();
      json.writeArrayFieldStart("items");
      for (Item item : items) {
        write(json, item, defaults);
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  private static void write(JsonGenerator json, Item item, Defaults defaults) throws IOException {
    SentryLog log = item.log();
    json.writeStartObject();
    json.writeFieldName("timestamp");
    json.writeNumber(seconds(log.timestamp()));
    json.writeStringField("trace_id", item.traceId());
    json.writeStringField("level", log.level().protocolName());
    json.writeStringField("body", Text.clean(log.body(), MAX_BODY));
    json.writeNumberField("severity_number", log.level().severityNumber());
    json.writeObjectFieldStart("attributes");
    if (log.template() != null) {
      attribute(json, "sentry.message.template", log.template());
      List<Object> parameters = log.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        attribute(json, "sentry.message.parameter." + i, parameters.get(i));
      }
    }
    attribute(json, "logger.name", log.loggerName());
    attribute(json, "thread.name", log.threadName());
    attribute(json, "sentry.origin", log.origin() == null ? "manual" : log.origin());
    attribute(json, "sentry.release", defaults.release());
    attribute(json, "sentry.environment", defaults.environment());
    attribute(json, "sentry.sdk.name", defaults.sdk().name());
    attribute(json, "sentry.sdk.version", defaults.sdk().version());
    for (Map.Entry<String, Object> attribute : log.attributes().entrySet()) {
      String key = attribute.getKey();
      if (key != null) {
        attribute(json, Text.clean(key, Text.MAX_TAG_KEY * 4),
            defaults.scrubber().isDenied(key) ? EventScrubber.FILTERED : attribute.getValue());
      }
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  /** One typed attribute; a null value writes nothing. */
  static void attribute(JsonGenerator json, String key, Object value) throws IOException {
    if (value == null) {
      return;
    }
    json.writeObjectFieldStart(key);
    json.writeFieldName("value");
    String type;
    if (value instanceof Boolean flag) {
      json.writeBoolean(flag);
      type = "boolean";
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      json.writeNumber(((Number) value).longValue());
      type = "integer";
    } else if (value instanceof BigInteger big && big.bitLength() < 64) {
      json.writeNumber(big.longValue());
      type = "integer";
    } else if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
      json.writeNumber(((Number) value).doubleValue());
      type = "double";
    } else if (value instanceof BigDecimal decimal && Double.isFinite(decimal.doubleValue())) {
      json.writeNumber(decimal.doubleValue());
      type = "double";
    } else {
      json.writeString(Text.clean(string(value), Text.MAX_CHARS));
      type = "string";
    }
    json.writeStringField("type", type);
    json.writeEndObject();
  }

  private static String string(Object value) {
    try {
      return String.valueOf(value);
    } catch (RuntimeException e) {
      return value.getClass().getName();
    }
  }

  /** Seconds since the epoch with microseconds, as a plain decimal ({@code 1765036800.123456}). */
  static String seconds(Instant instant) {
    return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano() / 1_000, 6))
        .toPlainString();
  }
}
