package sentry.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

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
        captureFrom(sdk, threads, warmup);
        sdk.flush(Duration.ofSeconds(60));
        server.reset();
      }
      long start = captureFrom(sdk, threads, events);
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
  static long captureFrom(Sdk sdk, int threads, int total) throws InterruptedException {
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
        for (int i = 0; i < share; i++) {
          sdk.captureException(exceptions.fresh());
        }
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
}
