package sentry.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import sentry.api.CheckIn;
import sentry.api.MonitorConfig;
import sentry.api.MonitorSchedule;

/**
 * Writes the payload of a {@code check_in} envelope item as Sentry's developer documentation
 * describes it: {@code check_in_id} (32 hex digits), {@code monitor_slug}, {@code status}, {@code
 * duration} in seconds (when known), {@code release} and {@code environment} (when set), {@code
 * monitor_config} (when given: {@code schedule} as {@code {type: crontab, value}} or {@code {type:
 * interval, value, unit}}, {@code checkin_margin} and {@code max_runtime} in minutes, {@code
 * timezone}) and {@code contexts.trace.trace_id} (when known). Stateless and thread-safe.
 */
public final class CheckInJson {
  private CheckInJson() {}

  /**
   * Serializes a check-in.
   *
   * @param checkIn the check-in
   * @param release the release, or null
   * @param environment the environment, or null
   * @param traceId the trace id (32 hex digits), or null
   * @return compact UTF-8 JSON
   */
  public static byte[] serialize(CheckIn checkIn, String release, String environment, String traceId) {
    return Json.render((json, bytes) -> {
      json.writeStartObject();
      json.writeStringField("check_in_id", checkIn.checkInId().value());
      json.writeStringField("monitor_slug", Text.clean(checkIn.monitorSlug(), Text.MAX_CHARS));
      json.writeStringField("status", checkIn.status().protocolName());
      if (checkIn.duration() != null) {
        json.writeFieldName("duration");
        json.writeNumber(seconds(checkIn.duration()));
      }
      optional(json, "release", release);
      optional(json, "environment", environment);
      if (checkIn.monitorConfig() != null) {
        config(json, checkIn.monitorConfig());
      }
      if (traceId != null) {
        json.writeObjectFieldStart("contexts");
        json.writeObjectFieldStart("trace");
        json.writeStringField("trace_id", traceId);
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndObject();
    });
  }

  /** Seconds with up to microseconds, as a plain decimal ({@code 2.5}, {@code 0.000125}, {@code 60}). */
  static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toNanos() / 1_000, 6).stripTrailingZeros().toPlainString();
  }

  private static void config(JsonGenerator json, MonitorConfig config) throws IOException {
    json.writeObjectFieldStart("monitor_config");
    json.writeObjectFieldStart("schedule");
    // Release 17: no pattern switch yet; the interface is sealed to these two.
    if (config.schedule() instanceof MonitorSchedule.Crontab crontab) {
      json.writeStringField("type", "crontab");
      json.writeStringField("value", Text.clean(crontab.expression(), Text.MAX_CHARS));
    } else if (config.schedule() instanceof MonitorSchedule.Interval interval) {
      json.writeStringField("type", "interval");
      json.writeNumberField("value", interval.value());
      json.writeStringField("unit", interval.unit().protocolName());
    }
    json.writeEndObject();
    if (config.checkinMargin() != null) {
      json.writeNumberField("checkin_margin", config.checkinMargin().toMinutes());
    }
    if (config.maxRuntime() != null) {
      json.writeNumberField("max_runtime", config.maxRuntime().toMinutes());
    }
    if (config.timezone() != null) {
      json.writeStringField("timezone", config.timezone().getId());
    }
    json.writeEndObject();
  }

  private static void optional(JsonGenerator json, String name, String value) throws IOException {
    if (value != null) {
      json.writeStringField(name, Text.clean(value, Text.MAX_CHARS));
    }
  }
}
