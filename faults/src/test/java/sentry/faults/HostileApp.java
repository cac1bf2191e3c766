package sentry.faults;

import java.time.Duration;
import java.util.Map;
import sentry.api.Hub;
import sentry.api.Mechanism;
import sentry.api.Sentry;
import sentry.api.SentryEvent;
import sentry.core.FaultAccess;
import sentry.core.accounting.DropRecorder;

/**
 * The child JVM of {@link HostileTest}: starts the SDK (with an outbox when a cache directory is
 * given), captures events whose messages have a given size, flushes, closes, and prints its side of
 * the books, one {@code key value} line each, ending with {@code done}. It runs with a small heap:
 * an {@link OutOfMemoryError} anywhere ends it with exit code 3.
 *
 * <p>Arguments: the DSN, the cache directory or {@code -}, how many events, the size of each
 * message in characters, and the flush timeout in milliseconds.
 */
public final class HostileApp {
  private HostileApp() {}

  /**
   * Runs the application.
   *
   * @param args the DSN, the cache directory or {@code -}, the count, the message size, the flush timeout
   */
  public static void main(String[] args) {
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      System.out.println("uncaught " + thread.getName() + " " + e);
      System.out.flush();
      if (e instanceof OutOfMemoryError) {
        Runtime.getRuntime().halt(3);
      }
    });
    try {
      run(args);
    } catch (OutOfMemoryError e) {
      System.out.println("oom " + e);
      System.out.flush();
      Runtime.getRuntime().halt(3);
    }
  }

  private static void run(String[] args) {
    Sentry.init(options -> {
      options.setDsn(args[0]);
      if (!args[1].equals("-")) {
        options.setCacheDirPath(args[1]);
      }
      options.setDefaultIntegrations(false);
      options.setShutdownTimeoutMillis(2_000);
    });
    int count = Integer.parseInt(args[2]);
    int messageChars = Integer.parseInt(args[3]);
    int queued = 0;
    long slowestNanos = 0;
    for (int i = 1; i <= count; i++) {
      // A new message each time, as an application would make: the SDK must not keep them all.
      String message = messageChars <= 0 ? "hostile " + i : "x".repeat(messageChars - 1) + (char) ('a' + i % 26);
      SentryEvent event = SentryEvent.fromThrowable(new IllegalStateException(message), Mechanism.GENERIC);
      long start = System.nanoTime();
      if (!Sentry.captureEvent(event).equals(sentry.api.SentryId.EMPTY)) {
        queued++;
      }
      slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
    }
    System.out.println("captured " + count);
    System.out.println("queued " + queued);
    System.out.println("slowest " + slowestNanos / 1_000);
    boolean flushed = Sentry.flush(Duration.ofMillis(Long.parseLong(args[4])));
    System.out.println("flushed " + flushed);
    DropRecorder recorder = FaultAccess.drops(Hub.main().client());
    long start = System.nanoTime();
    Sentry.close();
    System.out.println("close " + (System.nanoTime() - start) / 1_000_000);
    Map<String, Long> drops = recorder.totals();
    System.out.println("drops " + drops);
    drops.forEach((key, n) -> System.out.println("drop " + key + " " + n));
    System.out.println("reported " + recorder.reported());
    System.out.println("unreported " + recorder.unreported());
    System.out.println("done");
    System.out.flush();
  }
}
