package sentry.core.transport;

import java.util.Set;
import java.util.stream.Collectors;

/** Watches for SDK threads ({@code sentry-*}) that a test started and left running. */
public final class SdkThreads {
  private final Set<Thread> before = sdkThreads();

  public static Set<Thread> sdkThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("sentry-"))
        .collect(Collectors.toSet());
  }

  /** Returns the SDK threads started since this watch began that are still alive after a grace period. */
  public Set<Thread> leaked() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    Set<Thread> started;
    do {
      started = sdkThreads();
      started.removeAll(before);
      if (started.isEmpty()) {
        break;
      }
      Thread.sleep(10);
    } while (System.nanoTime() < deadline);
    return started;
  }
}
