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
 * A JVM with an outbox is killed with SIGKILL while it sends to a server that answers its first
 * requests and then hangs (so that requests are in flight at the kill); then this JVM starts
 * the SDK on the same cache directory. Every event that was on disk at the kill must arrive, with
 * the event id it was captured with; events still in the killed process's memory die with it, and
 * the row says how many. With every request in flight, the killed process writes what it queues to
 * its outbox (parks it), which holds more files than the scenario has events.
 */
final class KillScenario {
  static final int EVENTS = 60;
  /** How many requests the server answers before it starts hanging. */
  static final int ANSWERED = 8;
  /** The outbox's bound in files: more than the events, so that none is removed for room. */
  static final int OUTBOX_FILES = 100;
  /** How long the killed process may take to write what it queued to its outbox. */
  private static final Duration DRAIN = Duration.ofSeconds(30);

  private KillScenario() {}

  static Books run(Path cacheDir) throws Exception {
    AtomicBoolean restarted = new AtomicBoolean();
    try (FaultServer server = FaultServer.start(n -> restarted.get() || n <= ANSWERED ? Action.answer(200)
        : Action.hang())) {
      List<String> captured;
      int exitCode;
      try (Child child = Child.start(Path.of("target", "kill-scenario"), List.of("-Xmx64m"), KilledApp.class,
          server.dsn(), cacheDir.toString(), String.valueOf(EVENTS), String.valueOf(OUTBOX_FILES))) {
        captured = child.linesUntil("all captured", Duration.ofSeconds(60)).stream()
            .filter(line -> line.startsWith("captured ")).map(line -> line.substring("captured ".length())).toList();
        // Killed while sending, the requests after the first few hanging in the server's hands, once
        // every event is accepted or on disk: while they hang, the queue drains to the outbox. Waited
        // for, not slept on: a busy machine parks slower.
        List<String> all = captured;
        boolean drained = server.awaitUntil(() -> {
          Set<String> safe = new HashSet<>(Scenario.outboxEventIds(cacheDir));
          safe.addAll(server.accepted());
          return safe.containsAll(all);
        }, DRAIN);
        exitCode = child.kill();
        assertThat(drained).as("within %s, every captured event was accepted or written to the outbox", DRAIN).isTrue();
      }
      assertThat(exitCode).as("killed by SIGKILL: 128 + 9").isEqualTo(137);
      assertThat(captured).hasSize(EVENTS);
      Set<String> onDisk = Scenario.outboxEventIds(cacheDir);
      Set<String> acceptedBeforeRestart = server.accepted();
      assertThat(onDisk).as("the outbox held some of the events at the kill").isNotEmpty();
      assertThat(captured).containsAll(onDisk);

      restarted.set(true);
      Scenario restart = Scenario.withOutbox("restart", server, cacheDir,
          options -> options.setMaxCacheItems(OUTBOX_FILES));
      assertThat(server.awaitUntil(() -> server.accepted().containsAll(onDisk), Duration.ofSeconds(30)))
          .as("every event on disk at the kill arrives after the restart: on disk %s, arrived %s", onDisk,
              server.accepted()).isTrue();
      // The server books an event before it answers: wait for the answers to reach the SDK too.
      assertThat(restart.awaitEmptyOutbox(Duration.ofSeconds(30))).isTrue();
      long closeMillis = restart.close();
      assertThat(restart.drops().totals()).as("the restarted SDK dropped nothing").isEmpty();

      Set<String> accepted = server.accepted();
      assertThat(captured).containsAll(accepted);
      Set<String> lost = new HashSet<>(captured);
      lost.removeAll(accepted);
      lost.removeAll(onDisk);
      Set<String> leftOnDisk = Scenario.outboxEventIds(cacheDir);
      assertThat(leftOnDisk).isEmpty();
      assertThat(acceptedBeforeRestart).as("the server answered the first requests").isNotEmpty();
      int sentTwice = (int) server.fates().values().stream().filter(fate -> fate.requests() > 1).count();
      Set<String> fromDisk = new HashSet<>(onDisk);
      fromDisk.removeAll(acceptedBeforeRestart);
      // The books: every event captured before the kill is accepted, or was still in the killed
      // process's memory (never written), nothing else.
      assertThat(accepted.size() + lost.size()).isEqualTo(captured.size());
      // While every request hangs, the queue drains to the outbox: nothing is left in memory to die.
      assertThat(lost).as("captured before the kill but never written to the outbox").isEmpty();
      Books books = new Books("JVM killed with SIGKILL while sending, restarted on the same cache directory",
          "outbox (" + OUTBOX_FILES + " files)",
          captured.size(), accepted.size(), 0, 0, 0, Map.of(), 0, Map.of(), 0, new TreeMap<>(), new TreeMap<>(),
          new TreeMap<>(), Double.NaN, closeMillis,
          acceptedBeforeRestart.size() + " accepted before the kill; " + onDisk.size()
              + " on disk at the kill (in flight to a server that hangs, or parked there while every request was in"
              + " flight) all arrived after the restart with their event ids (" + fromDisk.size() + " only then; "
              + sentTwice + " sent twice, their first request cut by the kill); " + lost.size()
              + " were still in the killed process's memory, never written: a killed process cannot count them",
          "yes: " + captured.size() + " = " + accepted.size() + " accepted + " + lost.size() + " lost in memory at the kill");
      return books;
    }
  }
}
