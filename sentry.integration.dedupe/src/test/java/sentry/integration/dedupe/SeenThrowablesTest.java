package sentry.integration.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeenThrowablesTest {
  private final SeenThrowables seen = new SeenThrowables();

  @Test
  void marksAllOrNothing() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b");
    RuntimeException c = new RuntimeException("c");
    Object first = new Object();
    Object second = new Object();

    assertThat(seen.markAllUnlessAnySeen(List.of(a, b), first)).isTrue();
    assertThat(seen.markAllUnlessAnySeen(List.of(c, b), second)).isFalse();

    assertThat(seen.contains(a)).isTrue();
    assertThat(seen.contains(b)).isTrue();
    assertThat(seen.contains(c)).isFalse();
  }

  @Test
  void comparesByIdentityEvenWhenEqualsIsOverridden() {
    Equal one = new Equal();
    Equal two = new Equal();
    assertThat(one).isEqualTo(two);

    seen.markAllUnlessAnySeen(List.of(one), new Object());

    assertThat(seen.contains(one)).isTrue();
    assertThat(seen.contains(two)).isFalse();
  }

  @Test
  void unmarksOnlyWhatTheOwnerStillHolds() {
    RuntimeException a = new RuntimeException("a");
    Object first = new Object();
    Object second = new Object();
    seen.markAllUnlessAnySeen(List.of(a), first);
    seen.unmark(List.of(a), first);
    seen.markAllUnlessAnySeen(List.of(a), second);

    seen.unmark(List.of(a), first);

    assertThat(seen.contains(a)).isTrue();
    seen.unmark(List.of(a), second);
    assertThat(seen.size()).isZero();
  }

  /**
   * A collected throwable is forgotten. The garbage collector gives no promise about when it clears
   * a weak reference, so a canary reference tells when a collection has happened; if none clears
   * it within the time allowed (a JVM run with -XX:+DisableExplicitGC, say) the test is skipped
   * rather than failed.
   */
  @Test
  void forgetsThrowablesTheApplicationNoLongerHolds() throws InterruptedException {
    RuntimeException kept = new RuntimeException("kept");
    seen.markAllUnlessAnySeen(List.of(kept), new Object());
    WeakReference<Object> canary = markGarbage(1000);
    assertThat(seen.size()).isEqualTo(1001);

    long deadline = System.nanoTime() + 10_000_000_000L;
    while ((canary.get() != null || seen.size() > 1) && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
    }

    assumeTrue(canary.get() == null, "the garbage collector did not run in time");
    assertThat(seen.size()).isEqualTo(1);
    assertThat(seen.contains(kept)).isTrue();
  }

  private WeakReference<Object> markGarbage(int count) {
    List<Throwable> garbage = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      garbage.add(new IllegalStateException("garbage " + i));
    }
    seen.markAllUnlessAnySeen(garbage, new Object());
    return new WeakReference<>(garbage.get(0));
  }

  private static final class Equal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean equals(Object other) {
      return other instanceof Equal;
    }

    @Override
    public int hashCode() {
      return 7;
    }
  }
}
