package sentry.integration.logback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sentry.testing.Jvm;
import sentry.testing.Receiver;

/**
 * {@code Sentry.init} does not start Logback (its start-up costs an application that has not
 * logged yet a few hundred classes on the calling thread): the appender goes on when Logback
 * configures itself, through {@link SentryConfigurator}. Real JVMs, module path and class path: an
 * application's own configurator (of a lower rank) records whether Logback had started by the
 * time {@code init} returned, and an error logged right after {@code init}, and one logged when
 * Logback had started before {@code init}, each reach the server once.
 */
class LogbackStartTest {
  private static final String MODULE_INFO = """
      module logs.start {
        requires ch.qos.logback.classic;
        requires ch.qos.logback.core;
        requires org.slf4j;
        requires sentry.api;
        requires sentry.integration.logback;
        provides ch.qos.logback.classic.spi.Configurator with logs.start.Probe;
      }
      """;
  private static final String PROBE = """
      package logs.start;

      import ch.qos.logback.classic.LoggerContext;
      import ch.qos.logback.classic.spi.Configurator;
      import ch.qos.logback.core.spi.ContextAwareBase;

      /** Records that Logback configured itself; of the default rank, it runs after Sentry's. */
      public final class Probe extends ContextAwareBase implements Configurator {
        static volatile boolean started;

        public Probe() {}

        @Override
        public ExecutionStatus configure(LoggerContext context) {
          started = true;
          return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
      }
      """;
  private static final String MAIN = """
      package logs.start;

      import java.time.Duration;
      import org.slf4j.LoggerFactory;
      import sentry.api.Sentry;

      public final class Main {
        private Main() {}

        public static void main(String[] args) {
          if (args[0].equals("before")) {
            LoggerFactory.getLogger("logs.start").info("Logback starts before init");
          }
          Sentry.init();
          System.out.println("logback started when init returned=" + Probe.started);
          LoggerFactory.getLogger("logs.start").error("logged right after init");
          ch.qos.logback.classic.Logger root =
              (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
          java.util.List<String> names = new java.util.ArrayList<>();
          root.iteratorForAppenders().forEachRemaining(appender -> {
            if (appender instanceof sentry.integration.logback.SentryAppender) {
              names.add(appender.getName());
            }
          });
          System.out.println("sentry appenders=" + names);
          System.out.println("flushed=" + Sentry.flush(Duration.ofSeconds(60)));
        }
      }
      """;

  @TempDir static Path work;
  private static List<Path> dependencies;
  private static Path app;

  @BeforeAll
  static void compileTheApplication() throws Exception {
    dependencies = Jvm.mavenDependencies();
    List<Path> all = new ArrayList<>(dependencies);
    all.add(Jvm.classesUnderTest());
    app = Jvm.compile(work.resolve("app"), Map.of("module-info.java", MODULE_INFO, "logs/start/Probe.java", PROBE,
        "logs/start/Main.java", MAIN), all);
    // The class path finds the probe by its services file, as Logback finds ours.
    Path services = app.resolve("META-INF/services/ch.qos.logback.classic.spi.Configurator");
    Files.createDirectories(services.getParent());
    Files.writeString(services, "logs.start.Probe\n");
  }

  @ParameterizedTest(name = "module path {0}, Logback started {1} init")
  @CsvSource({"true, after", "false, after", "true, before", "false, before"})
  void initLeavesLogbackAloneAndTheFirstErrorIsReported(boolean modulePath, String logbackStarts) throws Exception {
    try (Receiver receiver = Receiver.answering(200)) {
      Jvm.Run result = run(receiver.dsn(), modulePath, logbackStarts);

      assertThat(result.stdout()).as(result.describe())
          .contains("logback started when init returned=" + logbackStarts.equals("before"))
          .contains("sentry appenders=[sentry.integration.logback]").contains("flushed=true");
      assertThat(receiver.events()).singleElement().satisfies(event -> {
        assertThat(event.path("logentry").path("formatted").asText()).isEqualTo("logged right after init");
        assertThat(event.path("logger").asText()).isEqualTo("logs.start");
      });
    }
  }

  private static Jvm.Run run(String dsn, boolean modulePath, String scenario) throws Exception {
    List<Path> path = new ArrayList<>();
    for (Path jar : dependencies) {
      String name = jar.getFileName().toString();
      boolean sdk = name.startsWith("sentry-") && !name.startsWith("sentry-integration-log4j");
      if (sdk || name.startsWith("jackson-core") || name.startsWith("httpcore5") || name.startsWith("log4j-api")
          || name.startsWith("slf4j-api") || name.startsWith("logback-")) {
        path.add(jar);
      }
    }
    path.add(Jvm.classesUnderTest());
    path.add(app);
    List<String> options = new ArrayList<>();
    Jvm jvm;
    String main;
    if (modulePath) {
      options.addAll(List.of("--add-modules", "ALL-MODULE-PATH"));
      jvm = Jvm.onModulePath(path);
      main = "logs.start/logs.start.Main";
    } else {
      jvm = Jvm.onClassPath(path);
      main = "logs.start.Main";
    }
    Jvm.Run result = jvm.options(options).property("sentry.dsn", dsn)
        .property("sentry.shutdown-timeout-millis", "0")
        .timeout(Duration.ofSeconds(120))
        .run(Files.createTempDirectory(work, scenario), main, scenario);
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stderr()).as(result.describe()).doesNotContain("Exception in thread", "SLF4J(W)");
    return result;
  }
}
