package sentry.integration.log4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.logging.log4j.core.impl.MutableLogEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import sentry.api.Sentry;
import sentry.integration.logging.LoggingIntegration;
import sentry.testing.Receiver;

/** Real Log4j Core configurations (built in code and read from a file), the real SDK. */
class Log4jTest {
  private static final String AUTOMATIC = "sentry.integration.log4j";

  private Receiver receiver;
  private String name;
  private Logger log;

  @BeforeEach
  void start(TestInfo test) throws Exception {
    receiver = Receiver.answering(200);
    name = "test.log4j." + test.getTestMethod().orElseThrow().getName();
    log = LogManager.getLogger(name);
    Configurator.reconfigure(plain());
  }

  @AfterEach
  void stop() {
    Sentry.close();
    ThreadContext.clearAll();
    receiver.close();
  }

  /** A configuration made in code, as an application does: root at info, no Sentry in it. */
  static Configuration plain() {
    ConfigurationBuilder<BuiltConfiguration> builder = ConfigurationBuilderFactory.newConfigurationBuilder();
    builder.setConfigurationName("plain");
    builder.setStatusLevel(Level.WARN);
    builder.add(builder.newRootLogger(Level.INFO));
    return builder.build();
  }

  static LoggerContext context() {
    return (LoggerContext) LogManager.getContext(false);
  }

  /** The Sentry appenders on the root logger of the current configuration. */
  static List<Appender> sentryOnRoot() {
    return context().getConfiguration().getRootLogger().getAppenders().values().stream()
        .filter(SentryAppender.class::isInstance).toList();
  }

  /** The event of this test's logger with a formatted message. */
  private JsonNode event(String formatted) {
    return Sdk.eventsOf(receiver, name).stream()
        .filter(event -> event.path("logentry").path("formatted").asText().equals(formatted))
        .findFirst().orElseThrow(() -> new AssertionError("no event \"" + formatted + "\" in " + receiver.events()));
  }

  @Test
  void recordsBecomeBreadcrumbsAndEventsWithTheThreadContext() {
    Sdk.init(receiver.dsn(), options -> {});
    assertThat(sentryOnRoot()).extracting(Appender::getName).containsExactly(AUTOMATIC);

    log.debug("below the root's level");
    log.info("order {} placed", 7);
    log.warn("stock is low");
    ThreadContext.put("request_id", "r-1");
    ThreadContext.put("user", "ana");
    log.error("order {} failed", 7, new IllegalStateException("no stock"));
    ThreadContext.clearMap();
    log.fatal("shutting down");
    Sdk.flush();

    assertThat(Sdk.eventsOf(receiver, name)).hasSize(2);
    JsonNode failed = event("order 7 failed");
    assertThat(failed.path("level").asText()).isEqualTo("error");
    assertThat(failed.path("logentry").path("message").asText()).isEqualTo("order {} failed");
    assertThat(failed.path("logentry").path("params")).extracting(JsonNode::asText).containsExactly("7");
    assertThat(failed.path("logentry").path("formatted").asText()).isEqualTo("order 7 failed");
    JsonNode exception = Sdk.thrown(failed);
    assertThat(exception.path("type").asText()).isEqualTo("IllegalStateException");
    assertThat(exception.path("mechanism").path("type").asText()).isEqualTo("logging");
    assertThat(exception.path("mechanism").path("handled").asBoolean(false)).isTrue();
    JsonNode contextData = failed.path("contexts").path(SentryAppender.CONTEXT_DATA);
    assertThat(contextData.path("request_id").asText()).isEqualTo("r-1");
    assertThat(contextData.path("user").asText()).isEqualTo("ana");
    assertThat(Sdk.crumbMessages(failed, name)).containsExactly("order 7 placed", "stock is low");
    assertThat(Sdk.breadcrumbs(failed)).filteredOn(crumb -> crumb.path("category").asText().equals(name))
        .extracting(crumb -> crumb.path("type").asText() + "/" + crumb.path("level").asText())
        .containsExactly("log/info", "log/warning");

    JsonNode fatal = event("shutting down");
    assertThat(fatal.path("level").asText()).isEqualTo("fatal");
    assertThat(fatal.has("exception")).isFalse();
    assertThat(fatal.path("contexts").has(SentryAppender.CONTEXT_DATA)).isFalse();
    assertThat(Sdk.crumbMessages(fatal, name)).containsExactly("order 7 placed", "stock is low", "order 7 failed");
  }

  @Test
  void aReconfigurationKeepsTheAppenderAttachedOnce() {
    Sdk.init(receiver.dsn(), options -> {});
    Configuration first = context().getConfiguration();

    Configurator.reconfigure(plain());
    assertThat(context().getConfiguration()).isNotSameAs(first);
    assertThat(sentryOnRoot()).hasSize(1);
    log.error("after Configurator.reconfigure");

    context().reconfigure();
    assertThat(sentryOnRoot()).hasSize(1);
    log.error("after LoggerContext.reconfigure");

    // A second init checks again and adds nothing.
    Sdk.flush();
    Sentry.close();
    Sdk.init(receiver.dsn(), options -> {});
    assertThat(sentryOnRoot()).hasSize(1);
    log.error("after a new init");
    Sdk.flush();

    assertThat(Sdk.eventsOf(receiver, name)).extracting(event -> event.path("logentry").path("formatted").asText())
        .containsExactlyInAnyOrder("after Configurator.reconfigure", "after LoggerContext.reconfigure",
            "after a new init");
  }

  @Test
  void aConfigurationFileWithTheSentryElementIsLeftAsItIs() throws Exception {
    Sdk.init(receiver.dsn(), options -> {});

    Configurator.reconfigure(Log4jTest.class.getResource("/log4j2-sentry.xml").toURI());
    assertThat(context().getConfiguration().getName()).isEqualTo("declared");
    assertThat(context().getConfiguration().getAppenders().values())
        .filteredOn(SentryAppender.class::isInstance).extracting(Appender::getName).containsExactly("Sentry");
    assertThat(sentryOnRoot()).extracting(Appender::getName).containsExactly("Sentry");
    log.info("declared crumb");
    log.error("declared event");
    Sdk.flush();

    assertThat(Sdk.eventsOf(receiver, name)).singleElement().satisfies(event -> {
      assertThat(event.path("logentry").path("formatted").asText()).isEqualTo("declared event");
      assertThat(Sdk.crumbMessages(event, name)).containsExactly("declared crumb");
    });
  }

  @Test
  void theHintsCarryAnImmutableCopyOfTheLogEvent() {
    List<LogEvent> seen = new CopyOnWriteArrayList<>();
    Sdk.init(receiver.dsn(), options -> {
      options.setBeforeSend((event, hint) -> {
        hint.get(SentryAppender.LOG_RECORD).ifPresent(seen::add);
        return event;
      });
      options.setBeforeBreadcrumb((crumb, hint) -> {
        hint.get(SentryAppender.LOG_RECORD).ifPresent(seen::add);
        return crumb;
      });
    });

    ThreadContext.put("step", "pay");
    log.error("payment {} refused", "p-9");
    log.error("a later record");
    Sdk.flush();

    assertThat(seen).hasSize(4);
    assertThat(seen.get(0)).isSameAs(seen.get(1)).isNotInstanceOf(MutableLogEvent.class);
    assertThat(seen.get(0).getMessage().getFormattedMessage()).isEqualTo("payment p-9 refused");
    assertThat(seen.get(0).getLoggerName()).isEqualTo(name);
    assertThat(seen.get(0).getContextData().<String>getValue("step")).isEqualTo("pay");
  }

  @Test
  void levelsIgnoredLoggersAndTheSdksOwnLoggers() {
    Sdk.init(receiver.dsn(), new LoggingIntegration().withEventLevel(sentry.api.Level.FATAL)
        .ignoreLogger(name + ".quiet*"));

    LogManager.getLogger("sentry.core.transport").fatal("an SDK diagnostic");
    LogManager.getLogger(name + ".quiet.child").fatal("ignored");
    log.error("only a breadcrumb now");
    log.fatal("the only event");
    Sdk.flush();

    assertThat(receiver.events()).singleElement().satisfies(event -> {
      assertThat(event.path("logger").asText()).isEqualTo(name);
      assertThat(Sdk.breadcrumbs(event)).extracting(crumb -> crumb.path("message").asText())
          .containsExactly("only a breadcrumb now");
    });
  }

  @Test
  void aLoggerContextCreatedAfterInitGetsTheAppenderAndReportsOnce() throws Exception {
    Sdk.init(receiver.dsn(), options -> {});
    // The class-loader selector makes one context per class loader (one with no context up its
    // parents), as LogManager.getLogger(Class) does for a class of another loader.
    try (java.net.URLClassLoader loader = new java.net.URLClassLoader("later", new java.net.URL[0], null)) {
      LoggerContext later = (LoggerContext) LogManager.getContext(loader, false);
      assertThat(later).isNotSameAs(context());
      assertThat(later.getConfiguration().getRootLogger().getAppenders().values())
          .filteredOn(SentryAppender.class::isInstance).extracting(Appender::getName).containsExactly(AUTOMATIC);

      later.getLogger(name).error("from the later context");
      Sdk.flush();

      assertThat(Sdk.eventsOf(receiver, name)).extracting(e -> e.path("logentry").path("formatted").asText())
          .containsExactly("from the later context");
      later.stop();
    }
  }
}
