package sentry.core.json;

import java.time.Instant;
import java.util.List;

/**
 * Writes the payload of a {@code sessions} envelope item: release-health sessions in request mode,
 * aggregated per minute, as {@code {"aggregates":[{"started":…,"exited":n,"errored":n,"crashed":n}],
 * "attrs":{"release":…,"environment":…}}}. Stateless and thread-safe.
 */
public final class SessionsJson {
  private SessionsJson() {}

  /**
   * The counts of one minute.
   *
   * @param started the minute, at second 0
   * @param exited requests that ended without an error event
   * @param errored requests that captured an error event but did not crash
   * @param crashed requests from which an exception escaped
   */
  public record Bucket(Instant started, long exited, long errored, long crashed) {}

  /**
   * Renders the payload.
   *
   * @param release the release, never null
   * @param environment the environment
   * @param buckets the minutes, oldest first
   * @return compact UTF-8 JSON
   */
  public static byte[] render(String release, String environment, List<Bucket> buckets) {
    return Json.render((json, bytes) -> {
      json.writeStartObject();
      json.writeArrayFieldStart("aggregates");
      for (Bucket bucket : buckets) {
        json.writeStartObject();
        json.writeStringField("started", Text.timestamp(bucket.started()).replace(".000Z", "Z"));
        json.writeNumberField("exited", bucket.exited());
        json.writeNumberField("errored", bucket.errored());
        json.writeNumberField("crashed", bucket.crashed());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeObjectFieldStart("attrs");
      json.writeStringField("release", Text.clean(release, Text.MAX_CHARS));
      json.writeStringField("environment", Text.clean(environment, Text.MAX_CHARS));
      json.writeEndObject();
      json.writeEndObject();
    });
  }
}
