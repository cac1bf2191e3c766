package sentry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import sentry.faults.FaultServer.Action;

/**
 * 200 captures of exceptions with 10 MB messages, in a JVM with a 256 MB heap, against a server
 * slow to answer: the application never runs out of memory, because the SDK holds at most
 * {@code maxQueueBytes} of events (or one larger event) until they are serialized; what it could
 * not keep is counted as {@code queue_overflow}, the rest arrives cut to Sentry's event size.
 */
final class HugeEventsScenario {
  static final int EVENTS = 200;
  static final int MESSAGE_CHARS = 10_000_000;

  private HugeEventsScenario() {}

  static Books run() throws Exception {
    try (FaultServer server = FaultServer.start(n -> Action.answer(200).after(Duration.ofMillis(300)))) {
      List<String> lines;
      try (Child child = Child.start(Path.of("target", "huge-events"), List.of("-Xmx256m"), HostileApp.class,
          server.dsn(), "-", String.valueOf(EVENTS), String.valueOf(MESSAGE_CHARS), "60000")) {
        lines = child.linesUntil("done", Duration.ofSeconds(180));
        assertThat(child.await(Duration.ofSeconds(60))).as("exit code; stderr: %s", child.stderr()).isZero();
        assertThat(child.stderr()).doesNotContain("OutOfMemoryError");
      }
      Map<String, Long> totals = new TreeMap<>();
      lines.stream().filter(line -> line.startsWith("drop ")).forEach(line -> {
        String[] parts = line.split(" ");
        totals.put(parts[1], Long.parseLong(parts[2]));
      });
      Map<String, Long> dropped = Books.eventDrops(totals);
      long sendError = dropped.getOrDefault("send_error", 0L);
      dropped.remove("send_error");
      int accepted = server.accepted().size();
      Books books = new Books("200 captures of exceptions with 10 MB messages, `-Xmx256m`, 300 ms per answer",
          "no outbox, `maxQueueBytes` 8 MiB (the default)", EVENTS, accepted, sendError, 0, 0, dropped, 0, Map.of(),
          (int) dropped.values().stream().mapToLong(Long::longValue).sum(), new TreeMap<>(), new TreeMap<>(),
          new TreeMap<>(), Long.parseLong(value(lines, "slowest")) / 1000.0, Long.parseLong(value(lines, "close")),
          "the application never ran out of memory: the SDK held at most one such event before serializing it "
              + "(cut to Sentry's 1 MiB); what it could not keep is counted",
          "yes: " + EVENTS + " = " + accepted + " accepted + " + (EVENTS - accepted) + " dropped and counted");
      assertThat(accepted + sendError + books.droppedTotal()).isEqualTo(EVENTS);
      assertThat(accepted).as("some arrive").isPositive();
      assertThat(dropped.getOrDefault("queue_overflow", 0L)).as("what could not be kept is counted").isPositive();
      return books;
    }
  }

  private static String value(List<String> lines, String key) {
    return lines.stream().filter(line -> line.startsWith(key + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no line " + key + " in " + lines)).substring(key.length() + 1);
  }
}
