package sentry.integration.log4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Sentry;
import sentry.integration.logging.LoggingIntegration;
import sentry.testing.Receiver;

/**
 * Debug on, every level captured, and a Sentry that refuses or is down: the SDK logs about it
 * (through Log4j here, as a Log4j provider is present), and none of that comes back as events.
 */
class NoLoopTest {
  private static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger("test.noloop.jul");

  private final List<LogEvent> logged = new CopyOnWriteArrayList<>();
  private final AtomicInteger beforeSend = new AtomicInteger();

  @BeforeEach
  void everythingLogged() {
    ConfigurationBuilder<BuiltConfiguration> builder = ConfigurationBuilderFactory.newConfigurationBuilder();
    builder.setConfigurationName("everything");
    builder.setStatusLevel(Level.WARN);
    builder.add(builder.newRootLogger(Level.ALL));
    Configuration configuration = builder.build();
    Configurator.reconfigure(configuration);
    Configuration current = ((LoggerContext) LogManager.getContext(false)).getConfiguration();
    AbstractAppender recording = new AbstractAppender("recording", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        logged.add(event.toImmutable());
      }
    };
    recording.start();
    current.addAppender(recording);
    current.getRootLogger().addAppender(recording, null, null);
    ((LoggerContext) LogManager.getContext(false)).updateLoggers();
  }

  @AfterEach
  void stop() {
    Sentry.close();
  }

  @Test
  void aServerThatAnswers500() throws Exception {
    try (Receiver receiver = Receiver.answering(500)) {
      logTwoErrors(receiver.dsn());
      int envelopes = receiver.envelopes().size();

      assertThat(beforeSend).hasValue(2);
      assertThat(receiver.events()).hasSize(2);
      // Two events, and at most a client report or two about the refusals.
      assertThat(envelopes).isBetween(2, 4);
      assertThat(sdkLines()).anyMatch(line -> line.contains("HTTP 500"));

      Sdk.flush();
      assertThat(receiver.events()).hasSize(2);
      assertThat(beforeSend).hasValue(2);
    }
  }

  @Test
  void aServerThatIsDown() throws Exception {
    logTwoErrors(Receiver.unreachableDsn());

    assertThat(beforeSend).hasValue(2);
    assertThat(sdkLines()).anyMatch(line -> line.contains("Could not reach Sentry"));
  }

  private void logTwoErrors(String dsn) {
    Sdk.init(dsn, options -> {
      options.setDebug(true);
      options.addIntegration(new LoggingIntegration().withLevel(sentry.api.Level.DEBUG)
          .withEventLevel(sentry.api.Level.WARNING));
      options.setBeforeSend((event, hint) -> {
        beforeSend.incrementAndGet();
        return event;
      });
    });
    JUL.severe("a JUL error");
    LogManager.getLogger("test.noloop.log4j").error("a Log4j error");
    Sdk.flush();
  }

  /** What the SDK logged about itself, under sentry.* loggers. */
  private List<String> sdkLines() {
    List<String> lines = logged.stream().filter(event -> event.getLoggerName().startsWith("sentry."))
        .map(event -> event.getLevel() + " " + event.getLoggerName() + " " + event.getMessage().getFormattedMessage())
        .toList();
    assertThat(lines).as("the SDK logged in debug mode").anyMatch(line -> line.startsWith("DEBUG"));
    return lines;
  }
}
