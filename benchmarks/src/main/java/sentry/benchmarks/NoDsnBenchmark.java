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
 * Benchmark 8: what a capture costs when the SDK was initialised without a DSN, as in
 * development or tests. The exception is made once: only the capture call is timed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class NoDsnBenchmark {
  /** An SDK initialised without a DSN. */
  @State(Scope.Thread)
  public static class Disabled {
    /** The SDK: {@code modular} (this project) or {@code official}. */
    @Param({"modular", "official"})
    public String sdk;

    Sdk adapter;
    final RuntimeException exception = new Exceptions().fresh();

    /** Initialises the SDK without a DSN and fills the scope. */
    @Setup(Level.Trial)
    public void init() {
      adapter = Sdk.named(sdk);
      adapter.init(null, CaptureBenchmark.QUEUE);
      adapter.fillScope(CaptureBenchmark.TAGS, CaptureBenchmark.BREADCRUMBS);
    }

    /** Closes the SDK. */
    @TearDown(Level.Trial)
    public void close() {
      adapter.close();
    }
  }

  /**
   * Captures an exception with no DSN set.
   *
   * @param state the SDK
   * @return the SDK's event id object
   */
  @Benchmark
  public Object captureException(Disabled state) {
    return state.adapter.captureException(state.exception);
  }
}
