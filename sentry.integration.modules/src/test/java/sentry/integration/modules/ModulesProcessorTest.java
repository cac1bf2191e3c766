package sentry.integration.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import sentry.api.SentryEvent;

class ModulesProcessorTest {
  private static final Duration WAIT = Duration.ofMillis(300);

  /** What the core does with the defaults: the event's own entries win. */
  private static void process(ModulesIntegration.Defaults defaults, SentryEvent event) {
    defaults.modules().forEach(event.getModules()::putIfAbsent);
  }

  private static long millisToProcess(ModulesIntegration.Defaults processor, SentryEvent event) {
    long start = System.nanoTime();
    process(processor, event);
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void onlyTheFirstEventWaitsForAListThatIsNotReady() {
    CompletableFuture<Map<String, String>> list = new CompletableFuture<>();
    ModulesIntegration.Defaults processor = new ModulesIntegration.Defaults(list, WAIT);
    SentryEvent first = new SentryEvent();
    SentryEvent second = new SentryEvent();

    assertThat(millisToProcess(processor, first)).isGreaterThanOrEqualTo(WAIT.toMillis());
    // Had it waited, it would have taken at least WAIT too.
    assertThat(millisToProcess(processor, second)).isLessThan(WAIT.toMillis());
    assertThat(first.getModules()).isEmpty();
    assertThat(second.getModules()).isEmpty();

    list.complete(Map.of("lib", "1.0"));
    SentryEvent third = new SentryEvent();
    process(processor, third);
    assertThat(third.getModules()).containsExactly(Map.entry("lib", "1.0"));
  }

  @Test
  void aListThatBecomesReadyDuringTheWaitIsUsed() {
    CompletableFuture<Map<String, String>> list = new CompletableFuture<>();
    ModulesIntegration.Defaults processor = new ModulesIntegration.Defaults(list, Duration.ofSeconds(10));
    CompletableFuture.delayedExecutor(50, java.util.concurrent.TimeUnit.MILLISECONDS)
        .execute(() -> list.complete(Map.of("lib", "1.0")));
    SentryEvent event = new SentryEvent();

    process(processor, event);

    assertThat(event.getModules()).containsEntry("lib", "1.0");
  }

  @Test
  void theEventsOwnEntriesWin() {
    ModulesIntegration.Defaults processor = new ModulesIntegration.Defaults(
        CompletableFuture.completedFuture(Map.of("lib", "1.0", "java", "17")), Duration.ZERO);
    SentryEvent event = new SentryEvent();
    event.getModules().put("lib", "mine");

    process(processor, event);

    assertThat(event.getModules()).containsOnly(Map.entry("lib", "mine"), Map.entry("java", "17"));
  }

  @Test
  void anInterruptedWaitGivesUpAndKeepsTheInterrupt() {
    ModulesIntegration.Defaults processor = new ModulesIntegration.Defaults(new CompletableFuture<>(), Duration.ofSeconds(10));
    SentryEvent event = new SentryEvent();
    Thread.currentThread().interrupt();
    try {
      process(processor, event);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(event.getModules()).isEmpty();
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
