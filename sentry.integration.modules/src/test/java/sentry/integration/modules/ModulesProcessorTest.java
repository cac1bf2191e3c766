package sentry.integration.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The defaults the integration contributes. How the core writes them into an event (the event's
 * own entries win) is checked on the wire in the core's {@code CapturePathTest}.
 */
class ModulesProcessorTest {
  private static final Duration WAIT = Duration.ofMillis(300);

  /** Calls {@code modules()} on a new thread; the result is set when it returns. */
  private static Thread modulesOnThread(
      ModulesIntegration.Defaults processor, AtomicReference<Map<String, String>> result) {
    Thread thread = new Thread(() -> result.set(processor.modules()), "modules-test");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Waits, up to a generous deadline, until the thread parks in a timed wait. */
  private static void awaitTimedWaiting(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (thread.getState() != Thread.State.TIMED_WAITING) {
      assertThat(thread.isAlive()).as("still running").isTrue();
      assertThat(System.nanoTime() - deadline).as("in a timed wait before the deadline").isNegative();
      Thread.sleep(1);
    }
  }

  @Test
  void onlyTheFirstEventWaitsForAListThatIsNotReady() throws InterruptedException {
    CompletableFuture<Map<String, String>> list = new CompletableFuture<>();
    ModulesIntegration.Defaults processor =
        new ModulesIntegration.Defaults(list, ModulesIntegration.MAX_FIRST_EVENT_WAIT);
    AtomicReference<Map<String, String>> first = new AtomicReference<>();
    AtomicReference<Map<String, String>> second = new AtomicReference<>();

    Thread firstThread = modulesOnThread(processor, first);
    awaitTimedWaiting(firstThread);
    // The first call waits up to 10 s; had the second one waited too, it would not return in 5 s.
    Thread secondThread = modulesOnThread(processor, second);
    secondThread.join(5_000);
    assertThat(secondThread.isAlive()).as("the second call returned without waiting").isFalse();
    assertThat(second.get()).isEmpty();
    assertThat(firstThread.isAlive()).as("the first call is still waiting").isTrue();

    list.complete(Map.of("lib", "1.0"));
    firstThread.join(5_000);
    assertThat(firstThread.isAlive()).isFalse();
    assertThat(first.get()).as("the waiting first call gets the list").containsExactly(Map.entry("lib", "1.0"));
    assertThat(processor.modules()).containsExactly(Map.entry("lib", "1.0"));
  }

  @Test
  void aFirstEventWhoseWaitRunsOutGoesWithoutAndSoDoLaterOnesUntilTheListIsReady() {
    CompletableFuture<Map<String, String>> list = new CompletableFuture<>();
    ModulesIntegration.Defaults processor = new ModulesIntegration.Defaults(list, WAIT);

    long start = System.nanoTime();
    assertThat(processor.modules()).isEmpty();
    // A lower bound only: the first call waited the whole wait (a slow machine only adds to it).
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(WAIT);
    assertThat(processor.modules()).isEmpty();

    list.complete(Map.of("lib", "1.0"));
    assertThat(processor.modules()).containsExactly(Map.entry("lib", "1.0"));
  }

  @Test
  void aListThatBecomesReadyDuringTheWaitIsUsed() {
    CompletableFuture<Map<String, String>> list = new CompletableFuture<>();
    ModulesIntegration.Defaults processor = new ModulesIntegration.Defaults(list, Duration.ofSeconds(10));
    CompletableFuture.delayedExecutor(50, java.util.concurrent.TimeUnit.MILLISECONDS)
        .execute(() -> list.complete(Map.of("lib", "1.0")));

    assertThat(processor.modules()).containsEntry("lib", "1.0");
  }

  @Test
  void anInterruptedWaitGivesUpAndKeepsTheInterrupt() {
    ModulesIntegration.Defaults processor = new ModulesIntegration.Defaults(new CompletableFuture<>(), Duration.ofSeconds(10));
    Map<String, String> modules;
    Thread.currentThread().interrupt();
    try {
      modules = processor.modules();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(modules).isEmpty();
  }

  @Test
  void checksTheWait() {
    assertThat(new ModulesIntegration().firstEventWait()).isZero();
    assertThat(new ModulesIntegration(Duration.ZERO).firstEventWait()).isZero();
    assertThatThrownBy(() -> new ModulesIntegration(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstEventWait is PT-1S");
    assertThatThrownBy(() -> new ModulesIntegration(Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
  }
}
