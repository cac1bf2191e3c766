package sentry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract of {@link SendWindow}, without threads: wire behaviour is in {@link SlowStartTest}. */
class SendWindowTest {
  @Test
  void startsWithOneSlotAndDoublesOnEachSuccessUpToTheMaximum() {
    SendWindow window = new SendWindow(5);
    assertThat(window.tryAcquire()).isTrue();
    assertThat(window.tryAcquire()).isFalse();

    window.release(SendWindow.Signal.GROW);
    assertThat(window.size()).isEqualTo(2);
    succeed(window);
    assertThat(window.size()).isEqualTo(4);
    succeed(window);
    assertThat(window.size()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      assertThat(window.tryAcquire()).isTrue();
    }
    assertThat(window.tryAcquire()).isFalse();
    assertThat(window.inFlight()).isEqualTo(5);
  }

  @Test
  void aFailureShrinksToOneWithoutTakingBackSlotsInUse() {
    SendWindow window = new SendWindow(4);
    succeed(window);
    succeed(window);
    for (int i = 0; i < 4; i++) {
      assertThat(window.tryAcquire()).isTrue();
    }

    window.release(SendWindow.Signal.SHRINK);
    assertThat(window.size()).isEqualTo(1);
    assertThat(window.inFlight()).isEqualTo(3);
    assertThat(window.tryAcquire()).isFalse();
    window.release(SendWindow.Signal.KEEP);
    window.release(SendWindow.Signal.KEEP);
    assertThat(window.tryAcquire()).isFalse();
    window.release(SendWindow.Signal.KEEP);
    assertThat(window.tryAcquire()).isTrue();
    assertThat(window.tryAcquire()).isFalse();
  }

  @Test
  void keepLeavesTheSizeAndTheMaximumIsAtLeastOne() {
    SendWindow window = new SendWindow(0);
    succeed(window);
    assertThat(window.size()).isEqualTo(1);
    assertThat(window.tryAcquire()).isTrue();
    window.release(SendWindow.Signal.KEEP);
    assertThat(window.size()).isEqualTo(1);
    assertThat(window.inFlight()).isZero();
    assertThat(new SendWindow(Integer.MAX_VALUE).size()).isEqualTo(1);
  }

  /** One request that takes a slot and is answered with a 2xx. */
  private static void succeed(SendWindow window) {
    assertThat(window.tryAcquire()).isTrue();
    window.release(SendWindow.Signal.GROW);
  }
}
