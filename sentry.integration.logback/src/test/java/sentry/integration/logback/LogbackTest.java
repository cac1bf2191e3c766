package sentry.integration.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sentry.api.Sentry;
import sentry.integration.logging.LoggingIntegration;
import sentry.testing.Receiver;

/** Real Logback Classic (SLF4J's provider on the tests' class path) reconfigured from files, the real SDK. */
class LogbackTest {
  private static final String AUTOMATIC = "sentry.integration.logback";

  private Receiver receiver;
  private String name;
  private Logger log;

  @BeforeEach
  void start(TestInfo test) throws Exception {
    receiver = Receiver.answering(200);
    name = "test.logback." + test.getTestMethod().orElseThrow().getName();
    log = LoggerFactory.getLogger(name);
    configure("/logback-plain.xml");
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  /** What a {@code logback.xml} scan does: reset, then read the file. */
  static void configure(String resource) throws Exception {
    LoggerContext context = context();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    context.reset();
    configurator.doConfigure(LogbackTest.class.getResource(resource));
  }

  static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  /** The names of the Sentry appenders on the root logger. */
  static List<String> sentryOnRoot() {
    List<String> names = new ArrayList<>();
    context().getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining((Appender<ILoggingEvent> a) -> {
      if (a instanceof SentryAppender) {
        names.add(a.getName());
      }
    });
    return names;
  }

  @Test
  void reconfigurationsKeepOneAppenderAndADeclaredOneReplacesIt() throws Exception {
    Sdk.init(receiver.dsn(), options -> {});
    assertThat(sentryOnRoot()).containsExactly(AUTOMATIC);

    configure("/logback-plain.xml");
    assertThat(sentryOnRoot()).containsExactly(AUTOMATIC);
    log.error("after a plain reconfiguration");

    configure("/logback-sentry.xml");
    assertThat(sentryOnRoot()).containsExactly("SENTRY");
    log.error("with the declared appender");

    configure("/logback-plain.xml");
    assertThat(sentryOnRoot()).containsExactly(AUTOMATIC);
    Sdk.flush();
    Sentry.close();
    Sdk.init(receiver.dsn(), options -> {});
    assertThat(sentryOnRoot()).containsExactly(AUTOMATIC);
    log.error("after a new init");
    Sdk.flush();

    assertThat(Sdk.eventsOf(receiver, name)).extracting(event -> event.path("logentry").path("formatted").asText())
        .containsExactlyInAnyOrder("after a plain reconfiguration", "with the declared appender", "after a new init");
  }

  @Test
  void levelsIgnoredLoggersTheSdksOwnLoggersAndTheHint() {
    List<Object> seen = new CopyOnWriteArrayList<>();
    Sdk.init(receiver.dsn(), options -> {
      options.addIntegration(new LoggingIntegration().withLevel(sentry.api.Level.WARNING)
          .withEventLevel(sentry.api.Level.ERROR).ignoreLogger(name + ".quiet*"));
      options.setBeforeSend((event, hint) -> {
        hint.get(SentryAppender.LOG_RECORD).ifPresent(seen::add);
        return event;
      });
    });

    LoggerFactory.getLogger("sentry.core.transport").error("an SDK diagnostic");
    LoggerFactory.getLogger(name + ".quiet.child").error("ignored");
    log.info("below the breadcrumb level");
    log.warn("a breadcrumb");
    log.error("the only event");
    Sdk.flush();

    assertThat(receiver.events()).singleElement().satisfies(event -> {
      assertThat(event.path("logger").asText()).isEqualTo(name);
      assertThat(event.path("logentry").path("formatted").asText()).isEqualTo("the only event");
      assertThat(Sdk.breadcrumbs(event)).extracting(crumb -> crumb.path("message").asText())
          .containsExactly("a breadcrumb");
    });
    assertThat(seen).singleElement().isInstanceOfSatisfying(ILoggingEvent.class,
        record -> assertThat(record.getFormattedMessage()).isEqualTo("the only event"));
  }
}
