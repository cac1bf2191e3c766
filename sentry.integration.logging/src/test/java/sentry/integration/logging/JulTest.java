package sentry.integration.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import sentry.api.Hint;
import sentry.api.Sentry;

/** Real {@code java.util.logging} loggers, the real SDK, a local server as Sentry. */
class JulTest {
  private Receiver receiver;
  private String name;
  private Logger logger;

  @BeforeEach
  void start(TestInfo test) throws Exception {
    receiver = Receiver.answering(200);
    name = "test.jul." + test.getTestMethod().orElseThrow().getName();
    logger = Logger.getLogger(name);
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  @Test
  void infoAndWarningBecomeBreadcrumbsAndSevereBecomesAnEvent() {
    Sdk.init(receiver.dsn(), options -> {});

    logger.log(Level.INFO, "user {0} signed in", "ana");
    logger.warning("basket is large");
    logger.fine("below the logger's level: never published");
    logger.log(Level.SEVERE, "payment {0} failed", new Object[] {42});
    logger.log(Level.SEVERE, "card declined", new IllegalStateException("declined"));
    Sdk.flush();

    assertThat(receiver.eventsOf(name)).hasSize(2);
    JsonNode payment = event("payment 42 failed");
    assertThat(payment.path("level").asText()).isEqualTo("error");
    assertThat(payment.path("logentry").path("message").asText()).isEqualTo("payment {0} failed");
    assertThat(payment.path("logentry").path("params")).extracting(JsonNode::asText).containsExactly("42");
    assertThat(payment.path("logentry").path("formatted").asText()).isEqualTo("payment 42 failed");
    assertThat(payment.has("exception")).isFalse();
    List<JsonNode> crumbs = Sdk.breadcrumbs(payment).stream()
        .filter(crumb -> crumb.path("category").asText().equals(name)).toList();
    assertThat(crumbs).extracting(crumb -> crumb.path("message").asText())
        .containsExactly("user ana signed in", "basket is large");
    assertThat(crumbs).extracting(crumb -> crumb.path("type").asText()).containsOnly("log");
    assertThat(crumbs).extracting(crumb -> crumb.path("level").asText()).containsExactly("info", "warning");

    JsonNode declined = event("card declined");
    assertThat(declined.path("logentry").path("formatted").asText()).isEqualTo("card declined");
    JsonNode exception = Sdk.thrown(declined);
    assertThat(exception.path("type").asText()).isEqualTo("IllegalStateException");
    assertThat(exception.path("value").asText()).isEqualTo("declined");
    assertThat(exception.path("mechanism").path("type").asText()).isEqualTo("logging");
    assertThat(exception.path("mechanism").path("handled").asBoolean(false)).isTrue();
    // Its own record is not among its breadcrumbs; the previous event's record is.
    assertThat(Sdk.crumbMessages(declined, name))
        .containsExactly("user ana signed in", "basket is large", "payment 42 failed");
  }

  @Test
  void theHintsCarryTheRecord() {
    List<Object> seen = new CopyOnWriteArrayList<>();
    Sdk.init(receiver.dsn(), options -> {
      options.setBeforeSend((event, hint) -> {
        seen.add(hint.get(LoggingIntegration.LOG_RECORD).orElseThrow());
        seen.add(hint.get(Hint.THROWABLE).orElseThrow());
        return event;
      });
      options.setBeforeBreadcrumb((crumb, hint) -> {
        hint.get(LoggingIntegration.LOG_RECORD).ifPresent(seen::add);
        return crumb;
      });
    });
    IllegalArgumentException thrown = new IllegalArgumentException("bad");

    logger.log(Level.SEVERE, "broken", thrown);
    Sdk.flush();

    assertThat(seen).hasSize(3);
    assertThat(seen.get(0)).isInstanceOfSatisfying(LogRecord.class, record -> {
      assertThat(record.getMessage()).isEqualTo("broken");
      assertThat(record.getLoggerName()).isEqualTo(name);
    });
    assertThat(seen.get(1)).isSameAs(thrown);
    assertThat(seen.get(2)).isSameAs(seen.get(0));
  }

  @Test
  void levelsAreThresholds() {
    Sdk.init(receiver.dsn(), new LoggingIntegration().withLevel(sentry.api.Level.WARNING)
        .withEventLevel(sentry.api.Level.WARNING));

    logger.info("info: below both");
    logger.warning("warning: an event now");
    logger.severe("severe: an event too");
    Sdk.flush();

    JsonNode warning = event("warning: an event now");
    assertThat(warning.path("level").asText()).isEqualTo("warning");
    assertThat(Sdk.crumbMessages(warning, name)).isEmpty();
    assertThat(Sdk.crumbMessages(event("severe: an event too"), name)).containsExactly("warning: an event now");
    assertThat(receiver.eventsOf(name)).hasSize(2);
  }

  @Test
  void nullSwitchesEitherHalfOff() {
    Sdk.init(receiver.dsn(), new LoggingIntegration().withLevel(null));
    logger.info("no breadcrumb");
    logger.severe("an event without breadcrumbs");
    Sdk.flush();
    assertThat(receiver.eventsOf(name)).singleElement()
        .satisfies(event -> assertThat(Sdk.crumbMessages(event, name)).isEmpty());

    Sentry.close();
    Sdk.init(receiver.dsn(), new LoggingIntegration().withEventLevel(null));
    logger.info("a breadcrumb");
    logger.severe("a breadcrumb, not an event");
    Sentry.captureMessage("probe");
    Sdk.flush();
    assertThat(receiver.eventsOf(name)).hasSize(1);
    JsonNode probe = receiver.events().stream()
        .filter(event -> event.path("logentry").path("formatted").asText().equals("probe")).findFirst().orElseThrow();
    assertThat(Sdk.crumbMessages(probe, name)).containsExactly("a breadcrumb", "a breadcrumb, not an event");
  }

  @Test
  void ignoredLoggersMatchWithWildcards() {
    Sdk.init(receiver.dsn(), new LoggingIntegration().ignoreLogger(name + ".noisy.*")
        .ignoreLogger("*.Health").ignoreLogger(name + ".exact"));

    Logger noisy = Logger.getLogger(name + ".noisy.deep.er");
    Logger health = Logger.getLogger(name + ".probe.Health");
    Logger exact = Logger.getLogger(name + ".exact");
    Logger notNoisy = Logger.getLogger(name + ".noisyness");
    Logger notExact = Logger.getLogger(name + ".exact.child");
    for (Logger each : List.of(noisy, health, exact, notNoisy, notExact)) {
      each.severe("from " + each.getName());
    }
    Sdk.flush();

    assertThat(receiver.events()).extracting(event -> event.path("logger").asText())
        .containsExactlyInAnyOrder(name + ".noisyness", name + ".exact.child");
  }

  @Test
  void theSdksOwnLoggersAreNeverCaptured() {
    Sdk.init(receiver.dsn(), new LoggingIntegration().withLevel(sentry.api.Level.DEBUG));
    Logger sdk = Logger.getLogger("sentry");
    Logger core = Logger.getLogger("sentry.core.client");
    Logger app = Logger.getLogger("sentryish.app");

    sdk.severe("the SDK's root logger");
    core.severe("an SDK diagnostic");
    app.severe("an application logger that only starts like it");
    Sdk.flush();

    assertThat(receiver.events()).extracting(event -> event.path("logger").asText())
        .containsExactly("sentryish.app");
    assertThat(Sdk.breadcrumbs(receiver.events().get(0))).isEmpty();
  }

  @Test
  void whatIsLoggedInsideTheSdkNeverLoopsBack() {
    Logger callback = Logger.getLogger(name + ".callback");
    Sdk.init(receiver.dsn(), options -> {
      options.setBeforeSend((event, hint) -> {
        // A library that logs while the SDK works on an event: the thread is inside the SDK.
        callback.log(Level.SEVERE, "logged inside beforeSend", new IllegalStateException("inside"));
        return event;
      });
      options.setBeforeBreadcrumb((crumb, hint) -> {
        callback.severe("logged inside beforeBreadcrumb");
        return crumb;
      });
    });

    logger.info("a breadcrumb");
    logger.severe("the only event");
    Sdk.flush();

    assertThat(receiver.events()).singleElement().satisfies(event -> {
      assertThat(event.path("logger").asText()).isEqualTo(name);
      assertThat(Sdk.crumbMessages(event, name + ".callback")).isEmpty();
    });
  }

  @Test
  void withoutTheIntegrationOrADsnRecordsPassThrough() {
    Sdk.init(receiver.dsn(), options -> options.addDisabledIntegration(LoggingIntegration.IDENTIFIER));
    logger.severe("the client has no logging integration");
    Sentry.captureMessage("probe");
    Sdk.flush();
    assertThat(receiver.events()).singleElement()
        .satisfies(event -> assertThat(Sdk.breadcrumbs(event)).isEmpty());

    Sentry.init(options -> options.setDsn(""));
    logger.severe("the client does not send");
    assertThat(receiver.events()).hasSize(1);
  }

  @Test
  void resetAndReadConfigurationDoNotDetachTheHandler() throws Exception {
    Sdk.init(receiver.dsn(), options -> {});
    LogManager manager = LogManager.getLogManager();

    manager.reset();
    assertThat(rootHandlers()).containsOnlyOnce(JulHandler.INSTANCE);
    logger.severe("after reset");

    manager.readConfiguration(new ByteArrayInputStream(
        ".level=INFO\nhandlers=\n".getBytes(StandardCharsets.ISO_8859_1)));
    assertThat(rootHandlers()).containsOnlyOnce(JulHandler.INSTANCE);
    logger.severe("after readConfiguration");

    manager.updateConfiguration(key -> (before, after) -> after);
    assertThat(rootHandlers()).containsOnlyOnce(JulHandler.INSTANCE);
    logger.severe("after updateConfiguration");

    // Detached in code between two inits: the next init puts it back.
    Logger.getLogger("").removeHandler(JulHandler.INSTANCE);
    Sdk.flush();
    Sentry.close();
    Sdk.init(receiver.dsn(), options -> {});
    assertThat(rootHandlers()).containsOnlyOnce(JulHandler.INSTANCE);
    logger.severe("after a new init");
    Sdk.flush();

    assertThat(receiver.eventsOf(name)).extracting(event -> event.path("logentry").path("formatted").asText())
        .containsExactlyInAnyOrder("after reset", "after readConfiguration", "after updateConfiguration",
            "after a new init");
  }

  @Test
  void manyThreadsLogAtOnce() throws Exception {
    Sdk.init(receiver.dsn(), options -> options.setMaxQueueSize(1000));
    int threads = 4;
    int each = 10;
    List<Thread> started = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        for (int i = 0; i < each; i++) {
          logger.info("crumb " + thread + "/" + i);
          logger.severe("event " + thread + "/" + i);
        }
      });
      worker.start();
      started.add(worker);
    }
    for (Thread thread : started) {
      thread.join();
    }
    Sdk.flush();

    List<JsonNode> events = receiver.eventsOf(name);
    assertThat(events).hasSize(threads * each);
    for (JsonNode event : events) {
      String own = event.path("logentry").path("formatted").asText();
      assertThat(Sdk.crumbMessages(event, name)).doesNotContain(own);
    }
  }

  /** The event of this test's logger with a formatted message. */
  private JsonNode event(String formatted) {
    return receiver.eventsOf(name).stream()
        .filter(event -> event.path("logentry").path("formatted").asText().equals(formatted))
        .findFirst().orElseThrow(() -> new AssertionError("no event \"" + formatted + "\" in " + receiver.events()));
  }

  private static List<Handler> rootHandlers() {
    return List.of(Logger.getLogger("").getHandlers());
  }
}
