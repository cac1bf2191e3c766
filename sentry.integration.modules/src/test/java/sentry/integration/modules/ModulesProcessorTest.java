package sentry.integration.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import sentry.api.Hint;
import sentry.api.SentryEvent;

class ModulesProcessorTest {
  private static final Duration WAIT = Duration.ofMillis(300);

  private static long millisToProcess(ModulesIntegration.Processor processor, SentryEvent event) {
    long start = System.nanoTime();
    processor.process(event, new Hint());
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void onlyTheFirstEventWaitsForAListThatIsNotReady() {
    CompletableFuture<Map<String, String>> list = new CompletableFuture<>();
    ModulesIntegration.Processor processor = new ModulesIntegration.Processor(list, WAIT);
    SentryEvent first = new SentryEvent();
    SentryEvent second = new SentryEvent();

    assertThat(millisToProcess(processor, first)).isGreaterThanOrEqualTo(WAIT.toMillis());
    // Had it waited, it would have taken at least WAIT too.
    assertThat(millisToProcess(processor, second)).isLessThan(WAIT.toMillis());
    assertThat(first.getModules()).isEmpty();
    assertThat(second.getModules()).isEmpty();

    list.complete(Map.of("lib", "1.0"));
    SentryEvent third = new SentryEvent();
    processor.process(third, new Hint());
    assertThat(third.getModules()).containsExactly(Map.entry("lib", "1.0"));
  }

  @Test
  void aListThatBecomesReadyDuringTheWaitIsUsed() {
    CompletableFuture<Map<String, String>> list = new CompletableFuture<>();
    ModulesIntegration.Processor processor = new ModulesIntegration.Processor(list, Duration.ofSeconds(10));
    CompletableFuture.delayedExecutor(50, java.util.concurrent.TimeUnit.MILLISECONDS)
        .execute(() -> list.complete(Map.of("lib", "1.0")));
    SentryEvent event = new SentryEvent();

    processor.process(event, new Hint());

    assertThat(event.getModules()).containsEntry("lib", "1.0");
  }

  @Test
  void theEventsOwnEntriesWin() {
    ModulesIntegration.Processor processor = new ModulesIntegration.Processor(
        CompletableFuture.completedFuture(Map.of("lib", "1.0", "java", "17")), Duration.ZERO);
    SentryEvent event = new SentryEvent();
    event.getModules().put("lib", "mine");

    processor.process(event, new Hint());

    assertThat(event.getModules()).containsOnly(Map.entry("lib", "mine"), Map.entry("java", "17"));
  }

  @Test
  void anInterruptedWaitGivesUpAndKeepsTheInterrupt() {
    ModulesIntegration.Processor processor = new ModulesIntegration.Processor(new CompletableFuture<>(), Duration.ofSeconds(10));
    SentryEvent event = new SentryEvent();
    Thread.currentThread().interrupt();
    try {
      processor.process(event, new Hint());
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
