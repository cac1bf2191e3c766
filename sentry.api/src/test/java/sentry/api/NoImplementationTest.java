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
}
