package sentry.benchmarks;

import java.util.LinkedHashMap;
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
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Benchmarks 1, 2 and 5: the cost on the application thread of {@code captureException} (a fresh
 * exception of {@value Exceptions#FRAMES} frames with a cause per call) and {@code
 * captureMessage}, against a loopback server that answers 200 at once, and what the thread
 * allocates per call.
 *
 * <p>A capture only enqueues, and a loop of captures outruns any sender, so a time-based
 * measurement would soon fill the queue and then time the drop path. Each iteration is therefore
 * one batch of {@value #BATCH} captures into a freshly initialised SDK whose queue holds them all
 * ({@value #QUEUE}); between iterations the SDK is closed without waiting, dropping what it has
 * not sent yet. Delivered, overflowed and dropped-at-close events are counted and reported.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 20)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CaptureBenchmark {
  /** Captures per iteration. */
  static final int BATCH = 5_000;
  /** Queue size of both SDKs: more than a batch, so no capture is dropped for a full queue. */
  static final int QUEUE = 20_000;
  /** Tags in the scope of every capture. */
  static final int TAGS = 5;
  /** Breadcrumbs in the scope of every capture. */
  static final int BREADCRUMBS = 20;

  /**
   * Counts what the benchmark thread allocates, and the CPU time it uses, during measurement
   * iterations. The CPU time is what the thread itself ran, without the time it waited for a core
   * while other work used the machine: a steadier measure than JMH's wall-clock time there.
   */
  public abstract static class Counted {
    boolean measuring;
    long bytes;
    long cpuNanos;
    long ops;
    long invocations;
    long bytesBefore;
    long cpuBefore;

    void start() {
      bytesBefore = Stats.threadAllocatedBytes();
      cpuBefore = Stats.threadCpuNanos();
    }

    void count(int batch) {
      long cpuAfter = Stats.threadCpuNanos();
      long bytesAfter = Stats.threadAllocatedBytes();
      invocations++;
      if (measuring) {
        bytes += bytesAfter - bytesBefore;
        cpuNanos += cpuAfter - cpuBefore;
        ops += batch;
      }
    }

    Map<String, Object> values() {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("appBytesPerOp", ops == 0 ? Double.NaN : (double) bytes / ops);
      values.put("appCpuMicrosPerOp", ops == 0 ? Double.NaN : cpuNanos / 1e3 / ops);
      return values;
    }
  }

  /** An SDK initialised afresh for every iteration, with a filled scope on the benchmark thread. */
  @State(Scope.Thread)
  public static class Capturing extends Counted {
    /** The SDK: {@code modular} (this project) or {@code official}. */
    @Param({"modular", "official"})
    public String sdk;

    Sdk adapter;
    LoopbackServer server;
    final Exceptions exceptions = new Exceptions();
    String benchmark;

    /**
     * Starts the server and makes the adapter.
     *
     * @param params which benchmark runs
     * @throws Exception if the server cannot start
     */
    @Setup(Level.Trial)
    public void startServer(org.openjdk.jmh.infra.BenchmarkParams params) throws Exception {
      benchmark = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
      server = LoopbackServer.fast();
      adapter = Sdk.named(sdk);
    }

    /**
     * Initialises the SDK afresh and fills the scope.
     *
     * @param params whether this is a warm-up or a measured iteration
     */
    @Setup(Level.Iteration)
    public void init(IterationParams params) {
      measuring = params.getType() == IterationType.MEASUREMENT;
      adapter.init(server.dsn(), QUEUE);
      adapter.fillScope(TAGS, BREADCRUMBS);
    }

    /** Closes the SDK without waiting, dropping what it has not sent. */
    @TearDown(Level.Iteration)
    public void close() {
      adapter.close();
    }

    /** Writes the counts for the report and stops the server. */
    @TearDown(Level.Trial)
    public void report() {
      Map<String, Object> values = values();
      values.put("captured", invocations * BATCH);
      values.put("delivered", server.events());
      adapter.drops().forEach((reason, count) -> values.put("dropped." + reason, count));
      values.put("frames", exceptions.frames());
      Stats.write(benchmark, sdk, values);
      server.close();
    }
  }

  /** The baseline's counter: no SDK at all. */
  @State(Scope.Thread)
  public static class Baseline extends Counted {
    final Exceptions exceptions = new Exceptions();

    /**
     * Notes whether the iteration is measured.
     *
     * @param params whether this is a warm-up or a measured iteration
     */
    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
      measuring = params.getType() == IterationType.MEASUREMENT;
    }

    /** Writes the counts for the report. */
    @TearDown(Level.Trial)
    public void report() {
      Map<String, Object> values = values();
      values.put("frames", exceptions.frames());
      Stats.write("buildException", "-", values);
    }
  }

  /**
   * Builds the exception only: subtracted from {@link #captureException} to give its net cost.
   *
   * @param state the counters
   * @param blackhole keeps the exceptions alive
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void buildException(Baseline state, Blackhole blackhole) {
    state.start();
    for (int i = 0; i < BATCH; i++) {
      blackhole.consume(state.exceptions.fresh());
    }
    state.count(BATCH);
  }

  /**
   * Builds a fresh exception and captures it.
   *
   * @param state the SDK
   * @param blackhole keeps the ids alive
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void captureException(Capturing state, Blackhole blackhole) {
    state.start();
    for (int i = 0; i < BATCH; i++) {
      blackhole.consume(state.adapter.captureException(state.exceptions.fresh()));
    }
    state.count(BATCH);
  }

  /**
   * Captures a message.
   *
   * @param state the SDK
   * @param blackhole keeps the ids alive
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void captureMessage(Capturing state, Blackhole blackhole) {
    state.start();
    for (int i = 0; i < BATCH; i++) {
      blackhole.consume(state.adapter.captureMessage("order 42 could not be loaded"));
    }
    state.count(BATCH);
  }
}
