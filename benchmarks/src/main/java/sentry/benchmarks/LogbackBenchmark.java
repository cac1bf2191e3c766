package sentry.benchmarks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;
import sentry.api.LogLevel;
import sentry.api.Sentry;
import sentry.integration.logging.LoggingIntegration;

/**
 * The cost on the logging thread of one SLF4J {@code log.info("order {} paid", 42)} through
 * Logback Classic with this SDK's appender on the root logger, by what the record becomes: {@code
 * baseline} (a logger without the Sentry appender, the same no-op appender only), {@code nothing}
 * (the appender sees the record, which is below every Sentry threshold), {@code breadcrumb}, or
 * {@code log} (a structured log, {@code enableLogs} on). Subtract {@code baseline} for the added
 * cost; run with {@code -prof gc} for the bytes allocated per record. The official SDK's Logback
 * appender ({@code io.sentry:sentry-logback}) is not measured: it is served only at 8.47.0, which
 * does not converge with the official SDK this module compares against. Not part of {@link Suite};
 * run it with {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main LogbackBenchmark
 * -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LogbackBenchmark {
  /** The SDK, initialised with the integration options of one case, and the loggers. */
  @State(Scope.Thread)
  public static class Logging {
    /** What the record becomes. */
    @Param({"baseline", "nothing", "breadcrumb", "log"})
    public String becomes;

    org.slf4j.Logger logger;
    LoopbackServer server;
    long records;
    long startBytes;

    /**
     * Starts the server, initialises the SDK and configures Logback.
     *
     * @throws Exception if the server cannot start
     */
    @Setup(Level.Trial)
    public void init() throws Exception {
      server = LoopbackServer.fast();
      LoggingIntegration integration = switch (becomes) {
        case "breadcrumb" -> new LoggingIntegration().withLevel(sentry.api.Level.INFO)
            .withEventLevel(sentry.api.Level.FATAL).withLogLevel(null);
        case "log" -> new LoggingIntegration().withLevel(null).withEventLevel(null).withLogLevel(LogLevel.INFO);
        default -> new LoggingIntegration().withLevel(sentry.api.Level.WARNING)
            .withEventLevel(sentry.api.Level.ERROR).withLogLevel(LogLevel.WARN);
      };
      Sentry.init(options -> {
        options.setDsn(server.dsn());
        options.setShutdownTimeoutMillis(0);
        options.setEnableLogs(true);
        options.setMaxLogQueueSize(100_000);
        // The default send queue: a bigger one would hold millions of logs the loopback server has
        // not taken yet, and the benchmark would measure the garbage collector.
        options.addIntegration(integration);
      });
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      root.setLevel(ch.qos.logback.classic.Level.INFO);
      // Logback's default console appender would dominate: a no-op appender instead, on both paths.
      root.detachAppender("console");
      Nop nop = new Nop();
      nop.setContext(context);
      nop.setName("nop");
      nop.start();
      root.addAppender(nop);
      Logger plain = context.getLogger("bench.plain");
      plain.setAdditive(false);
      plain.addAppender(nop);
      logger = LoggerFactory.getLogger("baseline".equals(becomes) ? "bench.plain" : "bench.sentry");
    }

    /** Starts counting what the benchmark thread allocates (iteration setups run on it). */
    @Setup(Level.Iteration)
    public void startCounting() {
      records = 0;
      startBytes = THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Prints the bytes the benchmark thread, the logging thread, allocated per record: {@code -prof
     * gc} counts every thread's, the SDK's batch and send threads' included.
     */
    @TearDown(Level.Iteration)
    public void printLoggingThreadBytes() {
      long bytes = THREADS.getCurrentThreadAllocatedBytes() - startBytes;
      System.out.printf("logging-thread bytes/record (%s): %.1f%n", becomes, records == 0 ? 0.0 : (double) bytes / records);
    }

    /** Closes the SDK and stops the server. */
    @TearDown(Level.Trial)
    public void close() {
      Sentry.close();
      server.close();
    }
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

  /** An appender that does nothing, so that only the Sentry appender's cost differs. */
  static final class Nop extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      // Nothing: the benchmark measures the Sentry appender.
    }
  }

  /**
   * Logs one record at INFO with one parameter.
   *
   * @param state the loggers
   */
  @Benchmark
  public void infoWithOneParameter(Logging state) {
    state.logger.info("order {} paid", 42);
    state.records++;
  }
}
