package sentry.benchmarks;

import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * How the cost on the application thread grows when {@value #THREADS} threads use the SDK at once
 * instead of one, this SDK alone: {@code captureException} (each thread its own scope of the
 * capture benchmarks' size, into one SDK) and {@code addBreadcrumb} (each thread on its own scope).
 * The targets: per call, at most twice the one-thread cost.
 *
 * <p>With more threads than cores, the wall clock of each thread mostly counts the time it waited
 * for a core, so the measure is each thread's own CPU time ({@code ThreadMXBean}), summed over the
 * threads and divided by their calls; JMH's own score is kept but means little for 16 threads.
 * All threads of an iteration make their exceptions first, then start together at a barrier, so
 * the calls really overlap. Captures: each iteration is a batch of {@value #CAPTURES} per thread
 * into a freshly initialised SDK whose queue holds them all (as in {@link CaptureBenchmark}), after
 * one untimed capture per thread ({@link Own#firstUse});
 * breadcrumbs: {@value #BREADCRUMBS} per thread per iteration, into one SDK for the whole trial.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 20)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ContentionBenchmark {
  /** Threads of the contended runs. */
  static final int THREADS = 16;
  /** Captures per thread per iteration. */
  static final int CAPTURES = 2_000;
  /** The queue of the capture runs: holds {@value #THREADS} threads' batches and their first captures. */
  static final int QUEUE = THREADS * (CAPTURES + 1) + 1_000;
  /** Breadcrumbs per thread per iteration. */
  static final int BREADCRUMBS = 50_000;

  /** One SDK for all the threads of a run, and the sums of what their calls cost. */
  abstract static class Shared {
    final Sdk adapter = Sdk.named("modular");
    final LongAdder cpuNanos = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder ops = new LongAdder();
    final LongAdder invocations = new LongAdder();
    LoopbackServer server;
    String section;
    CyclicBarrier together;
    volatile boolean measuring;
    volatile int generation;

    void start(BenchmarkParams params) throws Exception {
      section = Stats.section(params);
      server = LoopbackServer.fast();
      together = new CyclicBarrier(params.getThreads());
    }

    /** Waits until every thread of the run is ready, so that their calls overlap. */
    void awaitAll() {
      try {
        together.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted at the start barrier", e);
      } catch (BrokenBarrierException | TimeoutException e) {
        throw new IllegalStateException("the threads of " + section + " did not all start", e);
      }
    }

    void add(long cpu, long allocated, int calls) {
      invocations.increment();
      if (measuring) {
        cpuNanos.add(cpu);
        bytes.add(allocated);
        ops.add(calls);
      }
    }

    void report(int perInvocation) {
      Map<String, Object> values = new java.util.LinkedHashMap<>();
      long calls = ops.sum();
      values.put("appCpuMicrosPerOp", calls == 0 ? Double.NaN : cpuNanos.sum() / 1e3 / calls);
      values.put("appBytesPerOp", calls == 0 ? Double.NaN : (double) bytes.sum() / calls);
      values.put("captured", invocations.sum() * perInvocation);
      values.put("delivered", server.events());
      adapter.drops().forEach((reason, count) -> values.put("dropped." + reason, count));
      Stats.write(section, adapter.name(), values);
      server.close();
    }
  }

  /** For the captures: the SDK initialised afresh each iteration, closed without waiting after it. */
  @State(Scope.Benchmark)
  public static class Sending extends Shared {
    /**
     * Starts the server.
     *
     * @param params which benchmark runs, with how many threads
     * @throws Exception if the server cannot start
     */
    @Setup(Level.Trial)
    public void trial(BenchmarkParams params) throws Exception {
      start(params);
    }

    /**
     * Initialises the SDK afresh.
     *
     * @param params whether this is a warm-up or a measured iteration
     */
    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
      measuring = params.getType() == IterationType.MEASUREMENT;
      adapter.init(server.dsn(), QUEUE);
      generation++;
    }

    /** Closes the SDK without waiting. */
    @TearDown(Level.Iteration)
    public void endIteration() {
      adapter.close();
    }

    /** Writes the counts for the report and stops the server. */
    @TearDown(Level.Trial)
    public void endTrial() {
      report(CAPTURES);
    }
  }

  /** For the breadcrumbs: one SDK for the whole trial. */
  @State(Scope.Benchmark)
  public static class Scoped extends Shared {
    /**
     * Starts the server and initialises the SDK.
     *
     * @param params which benchmark runs, with how many threads
     * @throws Exception if the server cannot start
     */
    @Setup(Level.Trial)
    public void trial(BenchmarkParams params) throws Exception {
      start(params);
      adapter.init(server.dsn(), CaptureBenchmark.QUEUE);
      generation++;
    }

    /**
     * Notes whether the iteration is measured.
     *
     * @param params whether this is a warm-up or a measured iteration
     */
    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
      measuring = params.getType() == IterationType.MEASUREMENT;
    }

    /** Closes the SDK, writes the counts for the report and stops the server. */
    @TearDown(Level.Trial)
    public void endTrial() {
      adapter.close();
      report(BREADCRUMBS);
    }
  }

  /** What one thread keeps: which SDK its scope was filled for, and its exceptions. */
  @State(Scope.Thread)
  public static class Own {
    int filledFor = -1;
    final Exceptions exceptions = new Exceptions();
    final RuntimeException[] batch = new RuntimeException[CAPTURES];

    /**
     * Once per SDK, fills this thread's scope as the capture benchmarks do and, for the captures,
     * captures once untimed: what a thread's first capture into a new SDK costs once (binding the
     * thread to the new client) would otherwise count once per thread's batch, and what the SDK's
     * first capture costs once (starting what it starts lazily) only in one thread's batch, which
     * would favour the 16 threads.
     */
    void firstUse(Shared shared, boolean capture) {
      if (filledFor != shared.generation) {
        shared.adapter.fillScope(CaptureBenchmark.TAGS, CaptureBenchmark.BREADCRUMBS);
        if (capture) {
          shared.adapter.captureException(exceptions.fresh());
        }
        filledFor = shared.generation;
      }
    }
  }

  /**
   * One thread captures a batch: the baseline of {@link #captureSixteenThreads}.
   *
   * @param shared the SDK and the sums
   * @param own this thread's scope and exceptions
   * @param blackhole keeps the ids alive
   */
  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(CAPTURES)
  public void captureOneThread(Sending shared, Own own, Blackhole blackhole) {
    captureAll(shared, own, blackhole);
  }

  /**
   * {@value #THREADS} threads capture a batch each, at once.
   *
   * @param shared the SDK and the sums
   * @param own this thread's scope and exceptions
   * @param blackhole keeps the ids alive
   */
  @Benchmark
  @Threads(THREADS)
  @OperationsPerInvocation(CAPTURES)
  public void captureSixteenThreads(Sending shared, Own own, Blackhole blackhole) {
    captureAll(shared, own, blackhole);
  }

  /**
   * One thread adds breadcrumbs: the baseline of {@link #addBreadcrumbSixteenThreads}.
   *
   * @param shared the SDK and the sums
   * @param own this thread's scope
   */
  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(BREADCRUMBS)
  public void addBreadcrumbOneThread(Scoped shared, Own own) {
    addAll(shared, own);
  }

  /**
   * {@value #THREADS} threads add breadcrumbs at once, each to its own scope.
   *
   * @param shared the SDK and the sums
   * @param own this thread's scope
   */
  @Benchmark
  @Threads(THREADS)
  @OperationsPerInvocation(BREADCRUMBS)
  public void addBreadcrumbSixteenThreads(Scoped shared, Own own) {
    addAll(shared, own);
  }

  private static void captureAll(Shared shared, Own own, Blackhole blackhole) {
    own.firstUse(shared, true);
    RuntimeException[] batch = own.batch;
    for (int i = 0; i < batch.length; i++) {
      batch[i] = own.exceptions.fresh();
    }
    shared.awaitAll();
    long bytes = Stats.threadAllocatedBytes();
    long cpu = Stats.threadCpuNanos();
    for (RuntimeException exception : batch) {
      blackhole.consume(shared.adapter.captureException(exception));
    }
    long cpuUsed = Stats.threadCpuNanos() - cpu;
    shared.add(cpuUsed, Stats.threadAllocatedBytes() - bytes, batch.length);
  }

  private static void addAll(Shared shared, Own own) {
    own.firstUse(shared, false);
    shared.awaitAll();
    long bytes = Stats.threadAllocatedBytes();
    long cpu = Stats.threadCpuNanos();
    for (int i = 0; i < BREADCRUMBS; i++) {
      shared.adapter.addBreadcrumb("user clicked checkout");
    }
    long cpuUsed = Stats.threadCpuNanos() - cpu;
    shared.add(cpuUsed, Stats.threadAllocatedBytes() - bytes, BREADCRUMBS);
  }
}
