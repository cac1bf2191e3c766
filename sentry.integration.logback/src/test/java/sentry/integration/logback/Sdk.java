package sentry.integration.logback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sentry.api.Sentry;
import sentry.api.SentryOptions;
import sentry.integration.logging.LoggingIntegration;
import sentry.testing.Receiver;

/** Starts the real SDK (sentry.core) against a {@link Receiver} and reads what it sent. */
final class Sdk {
  private Sdk() {}

  /** Initialises the SDK with the discovered integrations, sending to the receiver. */
  static void init(String dsn, Consumer<SentryOptions> more) {
    Sentry.init(options -> {
      options.setDsn(dsn);
      options.setShutdownTimeoutMillis(0);
      more.accept(options);
    });
  }

  /** Initialises the SDK with the discovered integrations and one explicit logging integration. */
  static void init(String dsn, LoggingIntegration logging) {
    init(dsn, options -> options.addIntegration(logging));
  }

  /** Waits until everything captured so far has been answered; a generous bound, not a timing. */
  static void flush() {
    assertThat(Sentry.flush(Duration.ofSeconds(60))).as("flushed").isTrue();
  }

  /** The events the receiver has whose {@code logger} is the given name. */
  static List<JsonNode> eventsOf(Receiver receiver, String logger) {
    return receiver.events().stream().filter(event -> event.path("logger").asText().equals(logger)).toList();
  }

  /** The breadcrumbs of an event, oldest first. */
  static List<JsonNode> breadcrumbs(JsonNode event) {
    List<JsonNode> crumbs = new ArrayList<>();
    event.path("breadcrumbs").path("values").forEach(crumbs::add);
    return crumbs;
  }

  /** The messages of an event's breadcrumbs of a category, oldest first. */
  static List<String> crumbMessages(JsonNode event, String category) {
    return breadcrumbs(event).stream().filter(crumb -> crumb.path("category").asText().equals(category))
        .map(crumb -> crumb.path("message").asText()).toList();
  }

  /** The thrown exception of an event: the last of {@code exception.values}. */
  static JsonNode thrown(JsonNode event) {
    JsonNode values = event.path("exception").path("values");
    return values.get(values.size() - 1);
  }
}
