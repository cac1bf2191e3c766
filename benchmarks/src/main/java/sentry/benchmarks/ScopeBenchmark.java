package sentry.benchmarks;

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

/**
 * Benchmarks 3 and 4: {@code addBreadcrumb} and {@code withScope} with a callback that sets one
 * tag, on a thread whose scope already holds the same tags and breadcrumbs as in the capture
 * benchmarks. Nothing is sent, so plain average time is right here.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ScopeBenchmark {
  /** An initialised SDK with a filled scope on the benchmark thread. */
  @State(Scope.Thread)
  public static class Scoped {
    /** The SDK: {@code modular} (this project) or {@code official}. */
    @Param({"modular", "official"})
    public String sdk;

    Sdk adapter;
    LoopbackServer server;

    /**
     * Starts the server, initialises the SDK and fills the scope.
     *
     * @throws Exception if the server cannot start
     */
    @Setup(Level.Trial)
    public void init() throws Exception {
      server = LoopbackServer.fast();
      adapter = Sdk.named(sdk);
      adapter.init(server.dsn(), CaptureBenchmark.QUEUE);
      adapter.fillScope(CaptureBenchmark.TAGS, CaptureBenchmark.BREADCRUMBS);
    }

    /** Closes the SDK and stops the server. */
    @TearDown(Level.Trial)
    public void close() {
      adapter.close();
      server.close();
    }
  }

  /**
   * Adds a breadcrumb; the scope keeps the newest 100 in both SDKs.
   *
   * @param state the SDK
   */
  @Benchmark
  public void addBreadcrumb(Scoped state) {
    state.adapter.addBreadcrumb("user clicked checkout");
  }

  /**
   * Runs {@code withScope} and sets a tag inside it.
   *
   * @param state the SDK
   */
  @Benchmark
  public void withScopeSetTag(Scoped state) {
    state.adapter.withScopeSetTag("order", "42");
  }
}
