package sentry.faults;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The books' check fails on each way they can be off, so that a balanced row means something. */
class BooksTest {
  private static Books books(int captured, int accepted, long sendError, int refusedByServer, Map<String, Long> dropped,
      Map<String, Long> told, int notTold, Map<String, Long> reported, Map<String, Long> seenByServer) {
    return new Books("fault", "setup", captured, accepted, sendError, refusedByServer, 0, dropped, 1, told, notTold,
        reported, seenByServer, Map.of(), 0, 0, "", "yes");
  }

  @Test
  void balancedBooksPass() {
    assertThatCode(() -> books(10, 5, 2, 2, Map.of("queue_overflow", 2L), Map.of("queue_overflow", 2L), 0,
        Map.of("queue_overflow/error", 2L), Map.of("queue_overflow/error", 2L)).assertBalanced())
        .doesNotThrowAnyException();
  }

  @Test
  void anEventInNoBucketFails() {
    assertThatThrownBy(() -> books(11, 5, 2, 2, Map.of("queue_overflow", 2L), Map.of("queue_overflow", 2L), 0,
        Map.of(), Map.of()).assertBalanced()).hasMessageContaining("captured =");
  }

  @Test
  void aSendErrorTheServerDidNotRefuseFails() {
    assertThatThrownBy(() -> books(10, 5, 2, 1, Map.of("queue_overflow", 2L), Map.of("queue_overflow", 2L), 0,
        Map.of(), Map.of()).assertBalanced()).hasMessageContaining("send_error");
  }

  @Test
  void aDropToldButNotCountedFails() {
    assertThatThrownBy(() -> books(10, 5, 2, 2, Map.of("queue_overflow", 2L), Map.of("network_error", 2L), 0,
        Map.of(), Map.of()).assertBalanced()).hasMessageContaining("counted");
  }

  @Test
  void reportsTheServerDidNotGetFail() {
    assertThatThrownBy(() -> books(10, 5, 2, 2, Map.of("queue_overflow", 2L), Map.of("queue_overflow", 2L), 0,
        Map.of("queue_overflow/error", 2L), Map.of()).assertBalanced()).hasMessageContaining("acknowledged");
  }
}
