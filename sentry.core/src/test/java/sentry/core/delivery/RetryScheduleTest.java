package sentry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  private final MutableClock clock = new MutableClock();
  private final RetrySchedule schedule = new RetrySchedule(clock, Duration.ofSeconds(1), Duration.ofMinutes(1));

  @Test
  void eachFailedRoundDoublesTheDelayUpToTheCap() {
    long[] expectedSeconds = {1, 2, 4, 8, 16, 32, 60, 60};
    for (long seconds : expectedSeconds) {
      schedule.failed();
      assertThat(schedule.delay()).isEqualTo(Duration.ofSeconds(seconds));
      assertThat(schedule.due()).isFalse();
      clock.advance(schedule.delay());
      assertThat(schedule.due()).isTrue();
    }
  }

  @Test
  void aBurstOfFailuresInOneRoundBacksOffOnce() {
    // An outage: every request in flight and every new envelope fails within the first backoff.
    for (int i = 0; i < 100; i++) {
      schedule.failed();
      clock.advance(Duration.ofMillis(5));
    }
    assertThat(schedule.failures()).isEqualTo(1);
    assertThat(schedule.delay()).isEqualTo(Duration.ofMillis(500));
    clock.advance(Duration.ofMillis(500));
    assertThat(schedule.due()).isTrue();
    schedule.failed();
    assertThat(schedule.delay()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void anAnswerMakesTheBacklogDueAtOnceAndStartsOver() {
    schedule.failed();
    schedule.failed();
    clock.advance(Duration.ofSeconds(1));
    schedule.failed();
    assertThat(schedule.delay()).isEqualTo(Duration.ofSeconds(2));
    schedule.reachable();
    assertThat(schedule.due()).isTrue();
    schedule.failed();
    assertThat(schedule.delay()).isEqualTo(Duration.ofSeconds(1));
  }
}
