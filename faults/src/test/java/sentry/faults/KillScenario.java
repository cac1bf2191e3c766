package sentry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import sentry.faults.FaultServer.Action;

/**
 * A JVM with an outbox is killed with SIGKILL while it sends to a slow server; then this JVM starts
 * the SDK on the same cache directory. Every event that was on disk at the kill must arrive, with
 * the event id it was captured with; events still in the killed process's memory die with it, and
 * the row says how many.
 */
final class KillScenario {
  static final int EVENTS = 60;
  private static final Duration SLOW = Duration.ofMillis(400);

  private KillScenario() {}

  static Books run(Path cacheDir) throws Exception {
    AtomicBoolean slow = new AtomicBoolean(true);
    try (FaultServer server = FaultServer.start(n -> slow.get() ? Action.answer(200).after(SLOW) : Action.answer(200))) {
      List<String> captured;
      int exitCode;
      try (Child child = Child.start(Path.of("target", "kill-scenario"), List.of("-Xmx64m"), KilledApp.class,
          server.dsn(), cacheDir.toString(), String.valueOf(EVENTS))) {
        captured = child.linesUntil("all captured", Duration.ofSeconds(60)).stream()
            .filter(line -> line.startsWith("captured ")).map(line -> line.substring("captured ".length())).toList();
        // Killed while sending: the first requests are in the slow server's hands.
        Thread.sleep(SLOW.toMillis() * 3 / 2);
        exitCode = child.kill();
      }
      assertThat(exitCode).as("killed by SIGKILL: 128 + 9").isEqualTo(137);
      assertThat(captured).hasSize(EVENTS);
      // Requests the server had begun answering when the client died are booked once the delay is over.
      Thread.sleep(SLOW.toMillis() * 2);
      Set<String> onDisk = Scenario.outboxEventIds(cacheDir);
      Set<String> acceptedBeforeRestart = server.accepted();
      assertThat(onDisk).as("the outbox held some of the events at the kill").isNotEmpty();
      assertThat(captured).containsAll(onDisk);

      slow.set(false);
      Scenario restarted = Scenario.withOutbox("restart", server, cacheDir, options -> {});
      assertThat(server.awaitUntil(() -> server.accepted().containsAll(onDisk), Duration.ofSeconds(30)))
          .as("every event on disk at the kill arrives after the restart: on disk %s, arrived %s", onDisk,
              server.accepted()).isTrue();
      // The server books an event before it answers: wait for the answers to reach the SDK too.
      assertThat(restarted.awaitEmptyOutbox(Duration.ofSeconds(30))).isTrue();
      long closeMillis = restarted.close();
      assertThat(restarted.drops().totals()).as("the restarted SDK dropped nothing").isEmpty();

      Set<String> accepted = server.accepted();
      assertThat(captured).containsAll(accepted);
      Set<String> lost = new HashSet<>(captured);
      lost.removeAll(accepted);
      lost.removeAll(onDisk);
      Set<String> leftOnDisk = Scenario.outboxEventIds(cacheDir);
      assertThat(leftOnDisk).isEmpty();
      int sentTwice = (int) server.fates().values().stream().filter(fate -> fate.requests() > 1).count();
      Set<String> fromDisk = new HashSet<>(onDisk);
      fromDisk.removeAll(acceptedBeforeRestart);
      // The books: every event captured before the kill is accepted, or was still in the killed
      // process's memory (never written), nothing else.
      assertThat(accepted.size() + lost.size()).isEqualTo(captured.size());
      Books books = new Books("JVM killed with SIGKILL while sending, restarted on the same cache directory", "outbox",
          captured.size(), accepted.size(), 0, 0, 0, Map.of(), 0, Map.of(), 0, new TreeMap<>(), new TreeMap<>(),
          new TreeMap<>(), Double.NaN, closeMillis,
          onDisk.size() + " on disk at the kill all arrived after the restart with their event ids (" + fromDisk.size()
              + " only then, " + sentTwice + " twice: accepted before the kill but not yet removed, at-least-once); "
              + lost.size() + " were still in the killed process's queue, never written: a killed process cannot count them",
          "yes: " + captured.size() + " = " + accepted.size() + " accepted + " + lost.size() + " lost in memory at the kill");
      return books;
    }
  }
}
