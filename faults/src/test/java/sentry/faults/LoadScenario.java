package sentry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import sentry.faults.FaultServer.Action;

/**
 * Sixteen threads capturing for a sustained period against a queue of ten, in a child JVM so that
 * the heap measured is the SDK's: no deadlock, live scopes and breadcrumbs that do not grow with
 * the number of captures, live heap after a full GC under a fixed bound, and books that balance.
 */
final class LoadScenario {
  static final int PER_THREAD = 80_000;
  static final int THREADS = LoadApp.THREADS;
  static final int IN_FLIGHT = LoadApp.IN_FLIGHT;
  /**
   * Live hubs, scopes and scope states at any checkpoint: each capturing thread has its own hub and
   * scope, a {@code withScope} copy while inside it, and a state being replaced in each (4 a thread),
   * plus 64 for the main hub, {@code State.EMPTY} and the SDK's own. Nothing here grows with captures.
   */
  static final long SCOPE_BOUND = THREADS * 4L + 64;
  /** How much more of each the last checkpoint may hold than the first: the per-thread part above. */
  static final long SCOPE_SLACK = THREADS * 4L;
  /**
   * Live {@code Breadcrumb}s at any checkpoint: a scope's persistent list is cut back to the newest
   * {@code max} only once it reaches {@code 2 max}, so each thread's scope (and the main one) holds up
   * to {@code 2 max}; an event holds {@code max} of its own, and events are held by the queue (10), the
   * requests in flight (16) and the threads capturing them (16).
   */
  static final long BREADCRUMB_BOUND =
      ((THREADS + 1) * 2L + LoadApp.MAX_QUEUE + IN_FLIGHT + THREADS) * LoadApp.MAX_BREADCRUMBS;
  /**
   * Live nodes of the breadcrumb lists: up to {@code 2 max} a list, and a list for each thread's
   * scope, its {@code withScope} copy (which may still share an older list) and the main scope.
   */
  static final long BREADCRUMB_NODE_BOUND = (THREADS * 2L + 1) * 2 * LoadApp.MAX_BREADCRUMBS + 1;
  /** Live events: queued (10), in flight (16), being captured (16); twice that. */
  static final long EVENT_BOUND = 2L * (LoadApp.MAX_QUEUE + IN_FLIGHT + THREADS);
  /**
   * Live heap after a full GC (the histogram's total, which counts only what the GC kept; the heap
   * used read just after also holds what 16 threads allocated meanwhile), in MiB. Observed on 2
   * cores: 3.2 MiB before the first capture, 4.1 to 7.3 MiB while capturing (8.9 MiB once), 6.0 to
   * 7.2 MiB once the threads ended; the bound is about twice the highest.
   */
  static final long HEAP_BOUND_MIB = 16;
  private static final List<String> SCOPE_CLASSES =
      List.of("sentry.core.CoreScope", "sentry.core.CoreScope$State", "sentry.core.CoreHub");
  private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);

  private LoadScenario() {}

  /**
   * One histogram of the child's: captures so far, when, how long it took and in how many attempts,
   * live bytes after the full GC, heap used just after, and instance counts.
   */
  record Checkpoint(long captures, long atMillis, long tookMillis, int attempts, long liveBytes, long usedBytes,
      Map<String, Long> counts) {
    long count(String className) {
      return counts.getOrDefault(className, 0L);
    }

    long scopes() {
      return count("sentry.core.CoreScope");
    }

    long breadcrumbs() {
      return count("sentry.api.Breadcrumb");
    }
  }

  static Books run() throws Exception {
    try (FaultServer server = FaultServer.start(n -> Action.answer(200).after(Duration.ofMillis(1)))) {
      List<String> lines;
      int exit;
      try (Child child = Child.start(Path.of("target", "load-child"),
          List.of("-Xmx128m", "-XX:+UseSerialGC"), LoadApp.class, server.dsn(), Integer.toString(PER_THREAD))) {
        lines = child.linesUntil("done", CHILD_TIMEOUT);
        exit = child.await(Duration.ofSeconds(30));
        lines.forEach(line -> System.out.println("load child: " + line));
      }
      assertThat(lines).as("no thread stuck capturing (deadlock)").noneMatch(line -> line.startsWith("deadlock"));
      assertThat(exit).as("the child's exit code").isZero();

      // Histograms: "baseline" before the threads start, "checkpoint" while they capture, "joined" after.
      Checkpoint baseline = null;
      Checkpoint joined = null;
      List<Checkpoint> underLoad = new ArrayList<>();
      Map<String, String> values = new TreeMap<>();
      for (String line : lines) {
        String[] cells = line.split(" ");
        switch (cells[0]) {
          case "baseline" -> baseline = checkpoint(cells);
          case "checkpoint" -> underLoad.add(checkpoint(cells));
          case "joined" -> joined = checkpoint(cells);
          default -> values.put(cells[0], line.substring(cells[0].length()).trim());
        }
      }
      assertThat(baseline).as("the baseline histogram").isNotNull();
      assertThat(joined).as("the histogram after the threads ended").isNotNull();
      assertThat(underLoad).as("histograms while the threads capture").hasSize(3);
      List<Checkpoint> all = new ArrayList<>(underLoad);
      all.add(joined);
      int captured = Integer.parseInt(values.get("captured"));
      long closeMillis = Long.parseLong(values.get("closeMillis"));
      double slowestMillis = Long.parseLong(values.get("slowestNanos")) / 1e6;
      double slowestOutsideMillis = Long.parseLong(values.get("slowestOutsideHistogramsNanos")) / 1e6;
      Map<String, Long> told = counts(values.get("told").split(" "), 0);
      Map<String, Long> totals = counts(values.get("totals").split(" "), 0);

      // The server's side.
      int refused = 0;
      int tooMany = 0;
      for (FaultServer.Fate fate : server.fates().values()) {
        if (!fate.everAccepted() && fate.lastStatus() == 429) {
          tooMany++;
        } else if (!fate.everAccepted() && fate.lastStatus() >= 400) {
          refused++;
        }
      }
      // The SDK's side: its drop counts for events, and what the processor was told.
      Map<String, Long> dropped = Books.eventDrops(totals);
      long sendError = dropped.getOrDefault("send_error", 0L);
      dropped.remove("send_error");
      long toldTotal = told.entrySet().stream().filter(e -> !e.getKey().equals("send_error"))
          .mapToLong(Map.Entry::getValue).sum();
      long droppedTotal = dropped.values().stream().mapToLong(Long::longValue).sum();
      int notTold = Math.toIntExact(droppedTotal - toldTotal);

      Checkpoint first = underLoad.get(0);
      Checkpoint last = underLoad.get(underLoad.size() - 1);
      String notes = String.format(Locale.ROOT, "%d threads × %d captures, queue of %d: while capturing, "
          + "live scopes %d→%d, breadcrumbs %d→%d, heap after full GC %.1f→%.1f MiB (bound %d MiB) "
          + "at %d→%d captures; once the threads ended %d scope, %d breadcrumbs, %.1f MiB "
          + "(%.1f MiB before the first capture); slowest capture %.1f ms outside the histograms' "
          + "stop-the-world pauses; no deadlock",
          THREADS, PER_THREAD, LoadApp.MAX_QUEUE, first.scopes(), last.scopes(), first.breadcrumbs(),
          last.breadcrumbs(), mib(first.liveBytes()), mib(last.liveBytes()), HEAP_BOUND_MIB, first.captures(),
          last.captures(), joined.scopes(), joined.breadcrumbs(), mib(joined.liveBytes()), mib(baseline.liveBytes()),
          slowestOutsideMillis);
      Books books = new Books("16 threads capturing, small queue", "no outbox", captured, server.accepted().size(),
          sendError, refused, tooMany, dropped, 0, told, notTold, counts(values.get("reported").split(" "), 0),
          server.acceptedReports(), counts(values.get("unreported").split(" "), 0), slowestMillis, closeMillis,
          notes, "yes");
      books.assertBalanced();

      assertThat(captured).as("every call counted").isEqualTo(THREADS * PER_THREAD);
      assertThat(Long.parseLong(values.get("passed"))).as("every capture reached the last processor")
          .isEqualTo(captured);
      assertThat(values.get("flushed")).as("the flush after the threads ended").isEqualTo("true");
      assertThat(notTold).as("nothing is dropped before the processor here (no ignored types, no sampling)")
          .isZero();
      assertThat(dropped.getOrDefault("queue_overflow", 0L)).as("the queue of 10 overflows").isPositive();
      assertThat(closeMillis).isLessThan(LoadApp.SHUTDOWN_TIMEOUT_MILLIS + 1_500);
      assertThat(last.captures()).as("the last checkpoint while capturing is well after the first")
          .isGreaterThanOrEqualTo(4 * first.captures());
      for (String scopeClass : SCOPE_CLASSES) {
        assertThat(last.count(scopeClass)).as(scopeClass + " live, last checkpoint against the first")
            .isLessThanOrEqualTo(first.count(scopeClass) + SCOPE_SLACK);
      }
      for (Checkpoint checkpoint : all) {
        for (String scopeClass : SCOPE_CLASSES) {
          assertThat(checkpoint.count(scopeClass)).as(scopeClass + " live at " + checkpoint).isPositive()
              .isLessThanOrEqualTo(SCOPE_BOUND);
        }
        assertThat(checkpoint.breadcrumbs()).as("breadcrumbs live at " + checkpoint)
            .isLessThanOrEqualTo(BREADCRUMB_BOUND);
        assertThat(checkpoint.count("sentry.core.Breadcrumbs")).as("breadcrumb list nodes live at " + checkpoint)
            .isLessThanOrEqualTo(BREADCRUMB_NODE_BOUND);
        assertThat(checkpoint.count("sentry.api.SentryEvent")).as("events live at " + checkpoint)
            .isLessThanOrEqualTo(EVENT_BOUND);
        assertThat(checkpoint.liveBytes()).as("live heap after a full GC at " + checkpoint).isPositive()
            .isLessThan(HEAP_BOUND_MIB << 20);
      }
      return books;
    }
  }

  private static Checkpoint checkpoint(String[] cells) {
    return new Checkpoint(Long.parseLong(cells[1]), Long.parseLong(cells[2]), Long.parseLong(cells[3]),
        Integer.parseInt(cells[4]), Long.parseLong(cells[5]), Long.parseLong(cells[6]), counts(cells, 7));
  }

  private static Map<String, Long> counts(String[] cells, int from) {
    Map<String, Long> counts = new TreeMap<>();
    for (int i = from; i < cells.length; i++) {
      int equals = cells[i].lastIndexOf('=');
      if (equals > 0) {
        counts.put(cells[i].substring(0, equals), Long.parseLong(cells[i].substring(equals + 1)));
      }
    }
    return counts;
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
