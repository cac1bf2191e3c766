package sentry.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * How the cost of {@code captureException} on the application thread grows with the work, this
 * SDK alone: with an empty scope against one with 100 breadcrumbs or 50 tags, and with a 10-frame
 * against a 200-frame stack. The targets: flat, at most 1.2 times the smaller case.
 *
 * <p>Each iteration, like {@link CaptureBenchmark}'s, is one batch of {@value #BATCH} captures into
 * a freshly initialised SDK whose queue holds them all, closed without waiting afterwards. The
 * exceptions of the batch are made before it, in the iteration's set-up, and one exception is
 * captured there untimed (the first capture into a new SDK), so what is timed and counted (wall clock by JMH; the thread's CPU time and allocation by {@code ThreadMXBean}) is the
 * captures alone, net of building the exceptions.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 20)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class GrowthBenchmark {
  /** Captures per iteration. */
  static final int BATCH = 2_000;
  /** Breadcrumbs in the larger scope (the most a scope keeps by default). */
  static final int MANY_BREADCRUMBS = 100;
  /** Tags in the larger scope. */
  static final int MANY_TAGS = 50;

  /** What every state of this class does around a batch: a fresh SDK per iteration, counted. */
  abstract static class Batch extends CaptureBenchmark.Counted {
    final Sdk adapter = Sdk.named("modular");
    LoopbackServer server;
    String section;
    RuntimeException[] exceptions;
    String stackFrames = "";

    void startServer(BenchmarkParams params) throws Exception {
      section = Stats.section(params);
      server = LoopbackServer.fast();
    }

    void init(IterationParams params, int tags, int breadcrumbs, RuntimeException[] batch) {
      measuring = params.getType() == IterationType.MEASUREMENT;
      adapter.init(server.dsn(), CaptureBenchmark.QUEUE);
      adapter.fillScope(tags, breadcrumbs);
      // Untimed: what the first capture into a new SDK costs once would make both cases of a line
      // alike and push their ratio towards 1.
      adapter.captureException(Exceptions.ofDepth(1, batch[0].getStackTrace().length)[0]);
      exceptions = batch;
      stackFrames = String.valueOf(batch[0].getStackTrace().length);
    }

    void captureAll(Blackhole blackhole) {
      RuntimeException[] batch = exceptions;
      start();
      for (RuntimeException exception : batch) {
        blackhole.consume(adapter.captureException(exception));
      }
      count(batch.length);
    }

    void close() {
      adapter.close();
      exceptions = null;
    }

    void report() {
      Map<String, Object> values = values();
      values.put("captured", invocations * BATCH);
      values.put("delivered", server.events());
      adapter.drops().forEach((reason, count) -> values.put("dropped." + reason, count));
      values.put("frames", stackFrames);
      Stats.write(section, adapter.name(), values);
      server.close();
    }
  }

  /** A scope that is empty, or holds 100 breadcrumbs, or 50 tags; 55-frame exceptions. */
  @State(Scope.Thread)
  public static class ScopeSize extends Batch {
    /** {@code empty}, {@code breadcrumbs100} or {@code tags50}. */
    @Param({"empty", "breadcrumbs100", "tags50"})
    public String scope;

    /**
     * Starts the server.
     *
     * @param params which benchmark runs
     * @throws Exception if the server cannot start
     */
    @Setup(Level.Trial)
    public void trial(BenchmarkParams params) throws Exception {
      startServer(params);
    }

    /**
     * Initialises the SDK afresh, fills the scope and makes the batch's exceptions.
     *
     * @param params whether this is a warm-up or a measured iteration
     */
    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
      init(params, scope.equals("tags50") ? MANY_TAGS : 0, scope.equals("breadcrumbs100") ? MANY_BREADCRUMBS : 0,
          Exceptions.ofDepth(BATCH, Exceptions.FRAMES));
    }

    /** Closes the SDK without waiting. */
    @TearDown(Level.Iteration)
    public void endIteration() {
      close();
    }

    /** Writes the counts for the report and stops the server. */
    @TearDown(Level.Trial)
    public void endTrial() {
      report();
    }
  }

  /** Exceptions whose stacks are 10 or 200 frames deep; the scope as in the capture benchmarks. */
  @State(Scope.Thread)
  public static class StackDepth extends Batch {
    /** Frames in each exception's stack. */
    @Param({"10", "200"})
    public int frames;

    /**
     * Starts the server.
     *
     * @param params which benchmark runs
     * @throws Exception if the server cannot start
     */
    @Setup(Level.Trial)
    public void trial(BenchmarkParams params) throws Exception {
      startServer(params);
    }

    /**
     * Initialises the SDK afresh, fills the scope and makes the batch's exceptions.
     *
     * @param params whether this is a warm-up or a measured iteration
     */
    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
      init(params, CaptureBenchmark.TAGS, CaptureBenchmark.BREADCRUMBS, Exceptions.ofDepth(BATCH, frames));
    }

    /** Closes the SDK without waiting. */
    @TearDown(Level.Iteration)
    public void endIteration() {
      close();
    }

    /** Writes the counts for the report and stops the server. */
    @TearDown(Level.Trial)
    public void endTrial() {
      report();
    }
  }

  /**
   * Captures prebuilt exceptions with a scope of a given size.
   *
   * @param state the SDK and the batch
   * @param blackhole keeps the ids alive
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void captureWithScope(ScopeSize state, Blackhole blackhole) {
    state.captureAll(blackhole);
  }

  /**
   * Captures prebuilt exceptions with stacks of a given depth.
   *
   * @param state the SDK and the batch
   * @param blackhole keeps the ids alive
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void captureWithStack(StackDepth state, Blackhole blackhole) {
    state.captureAll(blackhole);
  }
}
