package sentry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExceptionsTest {
  @Test
  void makesDistinctExceptionsWithExactlyTheStackDepthAsked() {
    for (int depth : new int[] {Exceptions.MIN_DEPTH, 10, 55, 200}) {
      RuntimeException[] made = Exceptions.ofDepth(3, depth);

      assertThat(made).hasSize(3).doesNotContainNull();
      assertThat(Arrays.stream(made).distinct()).hasSize(3);
      assertThat(made).allSatisfy(e -> assertThat(e.getStackTrace()).hasSize(depth));
      assertThat(made[0].getCause()).isNull();
    }
  }
}
