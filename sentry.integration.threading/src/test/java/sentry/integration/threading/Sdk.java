package sentry.integration.threading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import sentry.api.Integration;
import sentry.api.Sentry;

/** Starts the real SDK against a test receiver and reads back what it sent. */
final class Sdk {
  static final Duration FLUSH = Duration.ofSeconds(20);

  private Sdk() {}

  /** Initialises the SDK with exactly these integrations (no discovered ones). */
  static void init(TestReceiver receiver, Integration... integrations) {
    Sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
      for (Integration integration : integrations) {
        options.addIntegration(integration);
      }
    });
  }

  /** Flushes, then returns every event the receiver has. */
  static List<JsonNode> sent(TestReceiver receiver) {
    assertThat(Sentry.flush(FLUSH)).as("flushed within %s", FLUSH).isTrue();
    return receiver.events();
  }

  /** The one event sent with this formatted message. */
  static JsonNode message(List<JsonNode> events, String formatted) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode event : events) {
      if (event.at("/logentry/formatted").asText().equals(formatted)) {
        found.add(event);
      }
    }
    assertThat(found).as("events with message %s in %s", formatted, events).hasSize(1);
    return found.get(0);
  }

  /** The event's tags, sorted. */
  static Map<String, String> tags(JsonNode event) {
    Map<String, String> tags = new TreeMap<>();
    event.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
    return tags;
  }

  /** The exception the event is about: the last value (causes come first). */
  static JsonNode thrown(JsonNode event) {
    JsonNode values = event.at("/exception/values");
    assertThat(values.size()).as("exception values of %s", event).isPositive();
    return values.get(values.size() - 1);
  }

  /** The mechanism of the event's exception, as {@code type/handled}. */
  static String mechanism(JsonNode event) {
    JsonNode mechanism = thrown(event).path("mechanism");
    return mechanism.path("type").asText() + "/" + mechanism.path("handled").asText();
  }
}
