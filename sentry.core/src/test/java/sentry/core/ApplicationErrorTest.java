package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sentry.api.Breadcrumb;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.core.json.JsonSupport;

/**
 * An {@link Error} thrown by the application's objects the SDK calls (a captured throwable's
 * methods, an extra's {@code toString()}) never stops sending: the capture that met it is sent
 * with a placeholder, and a later capture is delivered too (issue 12, item 1).
 */
class ApplicationErrorTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestReceiver receiver;
  private CoreBinding sentry;

  @BeforeEach
  void start() throws IOException {
    receiver = new TestReceiver();
    sentry = new CoreBinding();
    sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
    });
  }

  @AfterEach
  void stop() {
    sentry.close();
    receiver.close();
    JsonSupport.validateParsedEvents();
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("Error", (Supplier<Error>) () -> new Error("from the application")),
        Arguments.of("OutOfMemoryError", (Supplier<Error>) () -> new OutOfMemoryError("Java heap space")),
        Arguments.of("InternalError", (Supplier<Error>) () -> new InternalError("internal")),
        Arguments.of("StackOverflowError", (Supplier<Error>) StackOverflowError::new));
  }

  /** A throwable whose every overridable method throws the given error. */
  static final class Hostile extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Supplier<Error> error;

    Hostile(Supplier<Error> error) {
      super("never read");
      this.error = error;
    }

    @Override
    public String getMessage() {
      throw error.get();
    }

    @Override
    public String getLocalizedMessage() {
      throw error.get();
    }

    @Override
    public String toString() {
      throw error.get();
    }

    @Override
    public synchronized Throwable getCause() {
      throw error.get();
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      throw error.get();
    }
  }

  /** A value whose {@code toString()} throws the given error. */
  record HostileValue(Supplier<Error> error) {
    @Override
    public String toString() {
      throw error.get();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void anErrorFromTheCapturedThrowableStopsNothing(String name, Supplier<Error> error) throws InterruptedException {
    Hub hub = sentry.currentHub();
    assertThat(hub.captureException(new Hostile(error), new Hint()).isEmpty()).isFalse();
    assertThat(hub.captureMessage("after the " + name, Level.INFO).isEmpty()).isFalse();

    assertThat(sentry.client().flush(WAIT)).as("flushed").isTrue();
    List<JsonNode> events = receiver.awaitEvents(2, WAIT);
    assertThat(events).hasSize(2);
    JsonNode exception = withMessage(events, null).path("exception").path("values").get(0);
    assertThat(exception.path("type").asText()).isEqualTo("ApplicationErrorTest$Hostile");
    // getMessage() threw: the class name stands for the message.
    assertThat(exception.path("value").asText()).isEqualTo(Hostile.class.getName());
    assertThat(withMessage(events, "after the " + name).isMissingNode()).isFalse();
    assertThat(sentry.client().drops().totals()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void anErrorFromAValuesToStringStopsNothing(String name, Supplier<Error> error) throws InterruptedException {
    Hub hub = sentry.currentHub();
    hub.configureScope(scope -> {
      scope.setExtra("hostile", new HostileValue(error));
      scope.setContext("shop", Map.of("hostile", new HostileValue(error)));
    });
    hub.addBreadcrumb(new Breadcrumb("crumb").setData("hostile", new HostileValue(error)), new Hint());
    assertThat(hub.captureMessage("with hostile values", Level.INFO).isEmpty()).isFalse();
    hub.configureScope(scope -> scope.clear());
    assertThat(hub.captureMessage("after the " + name, Level.INFO).isEmpty()).isFalse();

    assertThat(sentry.client().flush(WAIT)).as("flushed").isTrue();
    List<JsonNode> events = receiver.awaitEvents(2, WAIT);
    assertThat(events).hasSize(2);
    String placeholder = "<toString failed: " + error.get().getClass().getName() + ">";
    JsonNode hostile = withMessage(events, "with hostile values");
    assertThat(hostile.path("extra").path("hostile").asText()).isEqualTo(placeholder);
    assertThat(hostile.path("contexts").path("shop").path("hostile").asText()).isEqualTo(placeholder);
    assertThat(hostile.path("breadcrumbs").path("values").get(0).path("data").path("hostile").asText())
        .isEqualTo(placeholder);
    assertThat(withMessage(events, "after the " + name).isMissingNode()).isFalse();
    assertThat(sentry.client().drops().totals()).isEmpty();
  }

  /** The event with this formatted message, or the one without a message for null. */
  private static JsonNode withMessage(List<JsonNode> events, String message) {
    for (JsonNode event : events) {
      JsonNode formatted = event.path("logentry").path("formatted");
      if (message == null ? formatted.isMissingNode() : message.equals(formatted.asText())) {
        return event;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
