package sentry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Without sentry.core on the path, the API is a silent no-op. */
class NoImplementationTest {
  @Test
  void everyCallIsANoOp() {
    Sentry.init(options -> options.setDsn("https://key@example.invalid/1"));
    assertThat(Sentry.isEnabled()).isFalse();
    assertThat(Sentry.captureException(new RuntimeException("x"))).isEqualTo(SentryId.EMPTY);
    assertThat(Sentry.captureMessage("m", Level.ERROR)).isEqualTo(SentryId.EMPTY);
    Sentry.addBreadcrumb("crumb");
    Sentry.setTag("k", "v");
    boolean[] ran = new boolean[1];
    Sentry.withScope(scope -> ran[0] = true);
    assertThat(ran[0]).as("withScope still runs the callback").isTrue();
    assertThat(Sentry.flush(Duration.ofSeconds(1))).isTrue();
    assertThat(Sentry.lastEventId()).isEqualTo(SentryId.EMPTY);
    assertThat(Hub.current().client().pendingEvents()).isZero();
    Sentry.close();
  }

  @Test
  @SuppressWarnings("try") // the bindings are there to be closed
  void traceCallsGiveValidValuesAndANoOpBinding() {
    String first = Sentry.getTraceparent();
    assertThat(first).matches("[0-9a-f]{32}-[0-9a-f]{16}");
    assertThat(Sentry.getTraceparent()).as("no trace is kept: a new one each time").isNotEqualTo(first);
    assertThat(Sentry.getBaggage()).isEmpty();
    Hub before = Hub.current();
    try (Hub.Binding bound = Sentry.continueTrace("771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12", "x")) {
      assertThat(Hub.current()).isSameAs(before);
    }
    try (Hub.Binding bound = Sentry.continueTrace(null, null)) {
      assertThat(Sentry.getBaggage()).isEmpty();
    }
  }

  @Test
  void tracePropagationTargetsAreCheckedWhenSet() {
    SentryOptions options = new SentryOptions();
    assertThat(options.getTracePropagationTargets()).containsExactly(".*");
    options.setTracePropagationTargets(java.util.List.of(" api\\.example\\.com ", "internal"));
    assertThat(options.getTracePropagationTargets()).containsExactly("api\\.example\\.com", "internal");
    options.setTracePropagationTargets(java.util.List.of());
    assertThat(options.getTracePropagationTargets()).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> options.setTracePropagationTargets(java.util.List.of("ok", " ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tracePropagationTargets");
    assertThat(options.getTracePropagationTargets()).as("unchanged by a bad call").isEmpty();
  }
}
