package sentry.integration.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThrowableGraphTest {
  @Test
  void collectsCausesAndSuppressedExceptionsOnce() {
    IllegalStateException root = new IllegalStateException("root");
    RuntimeException middle = new RuntimeException("middle", root);
    IllegalArgumentException suppressed = new IllegalArgumentException("suppressed", root);
    RuntimeException top = new RuntimeException("top", middle);
    top.addSuppressed(suppressed);

    assertThat(ThrowableGraph.members(top)).containsExactly(top, middle, suppressed, root);
  }

  @Test
  void survivesCyclesThroughCausesAndSuppressedExceptions() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b");
    a.initCause(b);
    b.initCause(a);
    RuntimeException c = new RuntimeException("c");
    c.addSuppressed(a);
    a.addSuppressed(c);

    assertThat(ThrowableGraph.members(c)).containsExactlyInAnyOrder(a, b, c);
  }

  @Test
  void mergesSeveralRootsAndSkipsNulls() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);

    assertThat(ThrowableGraph.members(null, b, a, null)).containsExactly(b, a);
    assertThat(ThrowableGraph.members((Throwable) null)).isEmpty();
  }

  @Test
  void stopsAtTheLimit() {
    RuntimeException top = new RuntimeException("top");
    for (int i = 0; i < ThrowableGraph.MAX_MEMBERS + 50; i++) {
      top.addSuppressed(new RuntimeException("s" + i));
    }

    assertThat(ThrowableGraph.members(top)).hasSize(ThrowableGraph.MAX_MEMBERS);
  }

  @Test
  void aBrokenGetCauseEndsOnlyItsBranch() {
    RuntimeException broken = new RuntimeException("broken") {
      private static final long serialVersionUID = 1L;

      @Override
      public synchronized Throwable getCause() {
        throw new UnsupportedOperationException("no");
      }
    };
    RuntimeException top = new RuntimeException("top", broken);

    assertThat(ThrowableGraph.members(top)).containsExactly(top, broken);
  }
}
