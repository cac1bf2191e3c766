package sentry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How every event captured in one scenario ended, from three sides that do not know each other:
 * the server (what it accepted, refused or answered 429), the SDK's drop counts (what it counted,
 * by reason) and the outbox directory (what is still on disk), with the per-event drops that event
 * processors are told as a fourth. {@link #assertBalanced()} fails unless they add up exactly:
 *
 * <pre>captured = accepted + refused (send_error) + answered 429 + dropped and counted + in outbox</pre>
 *
 * @param fault the fault, as the table's first column says it
 * @param setup how the SDK was set up
 * @param captured events handed to the SDK
 * @param accepted events Sentry accepted (a 2xx), counted once each even when sent twice
 * @param sendError the SDK's {@code send_error} count
 * @param refusedByServer events whose last answer was a 4xx or 5xx other than 429 and that are
 *     not in the outbox: the server's side of {@code sendError}
 * @param tooMany events whose last answer was a 429 (Sentry counts these itself) and that are not
 *     in the outbox
 * @param dropped the SDK's other drop counts for events, by reason
 * @param inOutbox events still held in the outbox when the scenario ended
 * @param toldDropped per-event drops that the event processor was told, by reason
 * @param notToldDropped events in no other bucket that the processor was not told of (dropped
 *     before it ran: ignored, sampled; or by the outbox's bounds)
 * @param reportedToSentry drop counts Sentry acknowledged in client reports ({@code reason/category})
 * @param reportedAsSeenByServer the client-report counts in requests the server accepted
 * @param unreportedAtExit drop counts that no client report carried by the end
 * @param slowestCaptureMillis the slowest capture call on an application thread
 * @param closeMillis how long {@code Sentry.close()} took
 * @param notes what else the scenario observed
 * @param balance how the books balanced, as the table says it
 */
record Books(String fault, String setup, int captured, int accepted, long sendError, int refusedByServer,
    int tooMany, Map<String, Long> dropped, int inOutbox, Map<String, Long> toldDropped, int notToldDropped,
    Map<String, Long> reportedToSentry, Map<String, Long> reportedAsSeenByServer, Map<String, Long> unreportedAtExit,
    double slowestCaptureMillis, long closeMillis, String notes, String balance) {

  /** The SDK's drops for events other than {@code send_error}, all reasons. */
  long droppedTotal() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Fails unless every captured event is in exactly one place and every count agrees. */
  void assertBalanced() {
    String what = fault + " (" + setup + "): " + this;
    assertThat(accepted + sendError + tooMany + droppedTotal() + inOutbox)
        .as("captured = accepted + send_error + 429 + dropped + in outbox, " + what).isEqualTo(captured);
    assertThat(sendError).as("the SDK's send_error count is what the server refused, " + what)
        .isEqualTo(refusedByServer + toldDropped.getOrDefault("send_error", 0L));
    long told = toldDropped.entrySet().stream().filter(e -> !e.getKey().equals("send_error"))
        .mapToLong(Map.Entry::getValue).sum();
    assertThat(told + notToldDropped).as("every dropped event, one by one, is in the drop counts, " + what)
        .isEqualTo(droppedTotal());
    toldDropped.forEach((reason, count) -> {
      if (!reason.equals("send_error")) {
        assertThat(count).as("drops told for " + reason + " are counted, " + what)
            .isLessThanOrEqualTo(dropped.getOrDefault(reason, 0L));
      }
    });
    assertThat(onlyErrors(reportedToSentry)).as("what the SDK believes Sentry acknowledged is what the server got, " + what)
        .isEqualTo(onlyErrors(reportedAsSeenByServer));
  }

  private static Map<String, Long> onlyErrors(Map<String, Long> counts) {
    return counts.entrySet().stream().filter(e -> e.getKey().endsWith("/error"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
  }

  /** The drops, as the table shows them: {@code queue_overflow 120, network_error 16}. */
  String droppedText() {
    return dropped.isEmpty() ? "0" : droppedTotal() + " (" + dropped.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")";
  }

  /** The drop counts for events (category {@code error}) by reason, from counts keyed {@code reason/category}. */
  static Map<String, Long> eventDrops(Map<String, Long> totals) {
    Map<String, Long> events = new TreeMap<>();
    totals.forEach((key, count) -> {
      String[] parts = key.split("/", 2);
      if (parts.length == 2 && parts[1].equals("error")) {
        events.merge(parts[0], count, Long::sum);
      }
    });
    return events;
  }
}
