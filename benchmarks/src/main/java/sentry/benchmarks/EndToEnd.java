package sentry.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Benchmark 6, run in a fresh JVM per SDK and server: several threads capture fresh exceptions
 * into an SDK with a roomy queue, and the in-process server counts what arrives.
 *
 * <ul>
 *   <li>{@code fast}: the server answers at once; after the captures, {@code flush} waits for all
 *       of them. Events delivered per second = events counted at the server ÷ (first capture to
 *       end of flush).
 *   <li>{@code slow}: the server takes 100 ms per request; the SDK gets more events than it can
 *       send in the window, and events delivered per second = events counted at the server within
 *       the window ÷ the window. The rest is dropped by {@code close}.
 * </ul>
 *
 * <p>Both start with a warm-up round (its events are not counted), so that the JIT has compiled
 * the send path as it would have in a long-running service. Prints {@code key=value} lines.
 *
 * <p>Usage: {@code EndToEnd <modular|official> <fast|slow> <events> <threads> <warmupEvents>
 * <windowMillis>}
 */
public final class EndToEnd {
  private EndToEnd() {}

  /**
   * Runs one measurement.
   *
   * @param args see the class comment
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Sdk sdk = Sdk.named(args[0]);
    boolean slow = args[1].equals("slow");
    int events = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    int warmup = Integer.parseInt(args[4]);
    long windowMillis = Long.parseLong(args[5]);
    Map<String, Object> out = new LinkedHashMap<>();
    try (LoopbackServer server = slow ? LoopbackServer.slow(Duration.ofMillis(100)) : LoopbackServer.fast()) {
      sdk.init(server.dsn(), 100_000);
      out.put("integrations", String.join(",", sdk.integrations()));
      if (warmup > 0) {
        captureFrom(sdk, threads, warmup, new LongAdder());
        sdk.flush(Duration.ofSeconds(60));
        server.reset();
      }
      CpuSplit cpu = new CpuSplit();
      long start = captureFrom(sdk, threads, events, cpu.app);
      long captured = System.nanoTime();
      long end;
      if (slow) {
        Thread.sleep(Math.max(0, windowMillis - (captured - start) / 1_000_000));
        end = System.nanoTime();
      } else {
        sdk.flush(Duration.ofSeconds(300));
        end = System.nanoTime();
      }
      long delivered = server.events();
      cpu.finish().forEach((group, nanos) ->
          out.put("cpuMicrosPerEvent." + group, delivered == 0 ? 0 : nanos / 1e3 / delivered));
      out.put("sdkThreadBytesPerEvent", delivered == 0 ? 0 : cpu.sdkBytes / delivered);
      double seconds = (end - start) / 1e9;
      out.put("captured", events);
      out.put("delivered", delivered);
      out.put("seconds", seconds);
      out.put("captureSeconds", (captured - start) / 1e9);
      out.put("eventsPerSecond", delivered / seconds);
      out.put("requests", server.requests());
      out.put("wireBytesPerEvent", delivered == 0 ? 0 : server.wireBytes() / delivered);
      out.put("envelopeBytesPerEvent", delivered == 0 ? 0 : server.envelopeBytes() / delivered);
      out.put("maxConcurrentRequests", server.maxConcurrentRequests());
      sdk.close();
      sdk.drops().forEach((reason, count) -> out.put("dropped." + reason, count));
    }
    out.forEach((key, value) -> System.out.println(key + "=" + value));
    System.out.flush();
    // Skip the SDKs' shutdown hooks: the numbers are printed.
    if (Boolean.getBoolean("bench.profile")) {
      System.exit(0); // lets a flight recording (-XX:StartFlightRecording) be written
    }
    Runtime.getRuntime().halt(0);
  }

  /**
   * Captures {@code total} fresh exceptions from {@code threads} threads, each with its own scope.
   *
   * @return {@link System#nanoTime()} when the threads were let go
   */
  static long captureFrom(Sdk sdk, int threads, int total, LongAdder appCpuNanos) throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int share = total / threads + (t < total % threads ? 1 : 0);
      Thread worker = new Thread(() -> {
        sdk.fillScope(CaptureBenchmark.TAGS, CaptureBenchmark.BREADCRUMBS);
        Exceptions exceptions = new Exceptions();
        ready.countDown();
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        long cpuBefore = Stats.threadCpuNanos();
        for (int i = 0; i < share; i++) {
          sdk.captureException(exceptions.fresh());
        }
        appCpuNanos.add(Stats.threadCpuNanos() - cpuBefore);
      }, "app-" + t);
      workers.add(worker);
      worker.start();
    }
    ready.await();
    long start = System.nanoTime();
    go.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    return start;
  }

  /**
   * Where the process spent its CPU time during the measurement: the application threads (their
   * captures), the in-process server, the SDK's own threads (everything else the JVM runs as Java
   * threads: sender, HTTP client, timers), and the JVM itself (JIT compilers, GC), as the process
   * total less the Java threads.
   */
  static final class CpuSplit {
    private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
        java.lang.management.ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean system = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, Long> before = snapshot();
    private final Map<Long, Long> bytesBefore = allocated();
    private final long processBefore = system.getProcessCpuTime();
    final LongAdder app = new LongAdder();
    /** Bytes the SDK's threads allocated, after {@link #finish()}. */
    long sdkBytes;

    private Map<Long, Long> snapshot() {
      Map<Long, Long> cpu = new java.util.HashMap<>();
      for (long id : threads.getAllThreadIds()) {
        cpu.put(id, threads.getThreadCpuTime(id));
      }
      return cpu;
    }

    private Map<Long, Long> allocated() {
      Map<Long, Long> bytes = new java.util.HashMap<>();
      for (long id : threads.getAllThreadIds()) {
        bytes.put(id, threads.getThreadAllocatedBytes(id));
      }
      return bytes;
    }

    Map<String, Long> finish() {
      long sdkBytes = 0;
      long process = system.getProcessCpuTime() - processBefore;
      long server = 0;
      long sdkThreads = 0;
      long main = 0;
      for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (info == null) {
          continue;
        }
        long used = threads.getThreadCpuTime(info.getThreadId()) - before.getOrDefault(info.getThreadId(), 0L);
        String name = info.getThreadName();
        if (name.startsWith("loopback-server") || name.startsWith("HTTP-Dispatcher")) {
          server += used;
        } else if (name.equals("main")) {
          main += used;
        } else if (!name.startsWith("app-")) {
          sdkThreads += used;
          sdkBytes += threads.getThreadAllocatedBytes(info.getThreadId())
              - bytesBefore.getOrDefault(info.getThreadId(), 0L);
        }
      }
      Map<String, Long> split = new LinkedHashMap<>();
      split.put("app", app.sum());
      split.put("sdkThreads", sdkThreads);
      split.put("server", server);
      split.put("jvm", Math.max(0, process - app.sum() - sdkThreads - server - main));
      split.put("process", process);
      this.sdkBytes = sdkBytes;
      return split;
    }
  }
}
