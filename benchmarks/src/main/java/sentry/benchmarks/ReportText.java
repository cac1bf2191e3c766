package sentry.benchmarks;

import java.util.List;
import java.util.Map;

/** The prose of {@code docs/PERFORMANCE.md}: what was run, how, and why it is fair. */
final class ReportText {
  private ReportText() {}

  static String intro(Suite.Plan plan, Map<String, String> machine) {
    return """
        # Performance: this SDK side by side with the official Sentry Java SDK

        Written by `benchmarks/run.sh`%s; do not edit by hand. Every benchmark runs both SDKs through \
        the same adapter (`benchmarks/src/main/java/sentry/benchmarks/Sdk.java`) against an in-process \
        HTTP server on 127.0.0.1, in the same run, so the ratios compare like with like even where the \
        absolute numbers drift.

        ```sh
        benchmarks/run.sh                   # the full suite, 9 to 14 min on 2 shared cores; writes this file
        benchmarks/run.sh --smoke           # CI: every benchmark once, briefly; asserts no timing
        benchmarks/run.sh --smoke --no-build  # the same with the jar that `./mvnw verify` built
        ```

        | | |
        | --- | --- |
        | commit | %s |
        | machine | %s cores (%s), %s memory, %s |
        | JDK | %s |
        | run | %s, %s min, load average (1/5/15 min) %s before and %s after |

        %s

        """.formatted(plan.smoke() ? " in smoke mode (one short iteration each: these numbers mean nothing)" : "",
        machine.get("commit"), machine.get("cores"), machine.get("cpu"), machine.get("memory"), machine.get("os"),
        machine.get("jdk"), machine.get("started"), machine.get("minutes"), machine.get("loadBefore"),
        machine.get("loadAfter"), loadNote(machine));
  }

  /** Says whether other work shared the machine, from the load averages before and after. */
  private static String loadNote(Map<String, String> machine) {
    double cores = Results.number(machine.get("cores"));
    double before = Results.number(machine.getOrDefault("loadBefore", "").split(" ")[0]);
    double after = Results.number(machine.getOrDefault("loadAfter", "").split(" ")[0]);
    // The suite itself keeps about one to two threads busy; more than the cores means others ran.
    if (Double.isNaN(before) || Double.isNaN(after) || Math.max(before, after) <= cores) {
      return "The load averages show no other work of note on the machine during the run.";
    }
    return "**Measured with other work on the machine.** Other builds and test runs shared these "
        + "cores during the run (see the load averages), so absolute numbers are noisy and somewhat "
        + "pessimistic for both SDKs. Each ratio comes from one run, but JMH runs the two SDKs one "
        + "after the other, so a burst of other work can favour either: read a ratio near its target "
        + "together with the errors in the JMH table, and prefer the CPU-time figures, which such "
        + "bursts do not inflate.";
  }

  static String resultsIntro() {
    return """
        The targets of issue 10, both SDKs in this run. "Net" means less the cost of building the \
        exception alone (`buildException`, same run); "app-thread" is the capturing thread's own CPU \
        time or allocation (`ThreadMXBean`), "wall" is JMH's clock; CPU per delivered event comes from \
        the end-to-end runs against the server that answers at once; the cold-start rows are medians \
        over fresh JVMs. Each figure, with its error and the rest, is in the sections below.

        """;
  }

  static String clocks() {
    return """
        **Wall clock and CPU time.** JMH times the application thread by the wall clock, which also \
        counts the time the thread waited for a core: on two cores the SDK's own threads (JSON, gzip, \
        HTTP), the in-process server and other work on the machine all compete with it, and a loop of \
        captures keeps them busy the whole time. The same batches record the thread's own CPU time \
        (`ThreadMXBean.getCurrentThreadCpuTime`), which is what the capture itself costs the \
        application thread and which such competition does not inflate; both are targets.

        """;
  }

  static String growthIntro() {
    return """
        This SDK against itself: the same call with more work behind it, on the capturing thread's \
        own CPU time (`ThreadMXBean`), per call (`GrowthBenchmark`, `ContentionBenchmark`). The scope \
        and stack lines capture exceptions made before the timed batch, so they are net of building \
        them; their wall-clock ratio (JMH) is shown too, but the SDK's threads serialize the larger \
        events meanwhile on the same two cores, which slows the wall clock of the capturing thread \
        without being its work. With 16 threads on two cores the wall clock mostly counts waiting \
        for a core, so only CPU time is compared there; the 16 threads start together at a barrier \
        and each has its own scope.

        """;
  }

  static String missedIntro(String profiledAt) {
    return ("Under each missed target: first what it would take, computed from this run's figures; then, "
        + "where there is one, a profile note. The profile notes are hand-written from profiles (JFR "
        + "samples, allocation counts, small probes) of commit %s: their figures and line numbers are "
        + "those of that profile, not of this run, and are stale where the code changed since.\n\n")
        .formatted(profiledAt);
  }

  static String profileNotes(String notes) {
    return "Profile notes (of the commit named above):\n\n" + notes.strip() + "\n\n";
  }

  static String deliveryIntro() {
    return """
        A capture only puts the event on a queue, and a loop of captures outruns any sender, so a \
        time-based measurement would soon fill the queue and then time the path that drops. Each \
        iteration of the capture benchmarks is therefore one batch of %,d captures into a freshly \
        initialised SDK whose queue holds all of them (`maxQueueSize` %,d in both); after the batch the \
        SDK is closed without waiting, which drops what it has not sent yet. So every timed capture \
        went through the whole enqueue path: the queue-overflow column must be 0 (it is checked here, \
        not assumed). What the sender managed to deliver while the batches ran is counted at the \
        server; the rest was dropped when the iteration ended, and says nothing about delivery speed, \
        which the end-to-end runs below measure. This SDK counts those as `network_error`; the \
        official SDK does not count what it drops when its executor is shut down.

        """.formatted(CaptureBenchmark.BATCH, CaptureBenchmark.QUEUE);
  }

  static String endToEndIntro(Suite.Plan plan) {
    return """
        Each line is a fresh JVM with its own in-process server. **Roomy queue**: %d threads capture \
        %,d fresh exceptions (each thread with its own scope of %d tags and %d breadcrumbs) into an SDK \
        whose queue holds 100,000, then `flush` waits for all of them; events/s = events counted at \
        the server ÷ (start of the captures to the end of `flush`). A warm-up round of %,d events, not \
        counted, comes first. **100 ms server**: the server sleeps 100 ms before answering each request; \
        %,d events are captured at once and events/s = events counted at the server within a %,d ms \
        window from the first capture ÷ the window (the rest is dropped by `close`, which is why the \
        drops column is not empty there).

        """.formatted(plan.threads(), plan.events(), CaptureBenchmark.TAGS, CaptureBenchmark.BREADCRUMBS,
        plan.warmupEvents(), plan.slowEvents(), plan.windowMillis());
  }

  static String transportIntro(Suite.Plan plan) {
    return """
        This SDK once more for each transport, picked by name with `-Dsentry.transport=<name>`, in \
        the same run and the same two end-to-end set-ups as above (%,d events to the server that \
        answers at once, %,d to the 100 ms server), one fresh JVM each. A transport is run only when \
        it is on the benchmark's class path, so that the SDK cannot quietly fall back to another.

        """.formatted(plan.events(), plan.slowEvents());
  }

  static String cpuSplitIntro() {
    return """
        Where the CPU time went, per delivered event (`ThreadMXBean` per thread, and the process \
        total from the OS): the application threads' captures, the SDK's own threads (sender, HTTP \
        client, timers), the in-process server, and the JVM itself (GC and JIT: the process total \
        less the Java threads). CPU time is not inflated by other work on the machine the way the \
        events per second are, so it says more reliably which SDK does less work per event.

        """;
  }

  static String coldIntro(Suite.Plan plan) {
    return """
        %d fresh JVMs per SDK, alternating, default JVM options. In each, the server, the adapter and \
        the exception are made first; then `init` is timed, the classes and threads it added are \
        counted, the heap and non-heap it added are read after a full GC, the first \
        `captureException` is timed, and the time until its event reaches the server. One more JVM \
        per SDK runs the same with a security manager that allows everything but records every \
        `checkConnect` (socket connects and DNS look-ups) made on the calling thread.

        """.formatted(plan.coldRuns());
  }

  static String setup(String oursIntegrations, String officialIntegrations) {
    return """
        ## What both SDKs get

        - The same DSN shape, `http://<key>@127.0.0.1:<port>/42`, to an in-process \
        `com.sun.net.httpserver.HttpServer` that unzips each envelope, counts its event items and \
        answers 200 (`{}`), at once or after 100 ms; its handler pool has as many threads as there \
        are requests, so it never queues them.
        - Release `bench@1.0.0`, environment `bench`; the same scope on every capturing thread: 5 tags \
        and 20 breadcrumbs (`Sdk.fillScope`). Breadcrumbs kept per scope: 100 in both (both defaults).
        - The same calls through their static facades: `Sentry.captureException(e)`, \
        `Sentry.captureMessage(m)`, `Sentry.addBreadcrumb(m)`, `Sentry.withScope(s -> s.setTag(k, v))`, \
        `Sentry.flush`, `Sentry.close()`.
        - The same `maxQueueSize` in each benchmark (20,000 in the capture benchmarks, 100,000 end to \
        end), since the official default of 30 would make it drop; both SDKs on one class path (this \
        SDK finds `sentry.core` through `META-INF/services`).
        - Default integrations as each SDK has them: this SDK installed [%s] (what `ServiceLoader` \
        found on the benchmark's class path); the official SDK installed [%s], and runs its default \
        event processors (`MainEventProcessor`, `DuplicateEventDetectionEventProcessor`, \
        `SentryRuntimeEventProcessor`). Counterparts: `excepthook` ≈ \
        `UncaughtExceptionHandlerIntegration`, `atexit` ≈ `ShutdownHookIntegration`, `dedupe` ≈ \
        `DuplicateEventDetectionEventProcessor`, `modules` ≈ the official SDK's `modules` list; this \
        SDK's `argv`, `logging`, `stdlib` and `threading` have no counterpart in the official core \
        SDK and are extra work for this SDK, left in because an application that adds the modules \
        gets them.

        Settings of the official SDK, each to keep it from doing work this SDK does not do, or to make \
        the benchmark possible (`OfficialSdk.configure`):

        | setting | default | here | why |
        | --- | --- | --- | --- |
        | `attachStacktrace` | true | false | this SDK attaches no stack of the calling thread to message events; the official default walks and converts it on every `captureMessage` |
        | `enableBackpressureHandling` | true | false | a monitor this SDK does not have (it only affects trace sampling) |
        | `tracesSampleRate` | unset | unset | tracing is off in both |
        | `maxQueueSize` | 30 | as above | roomy in both, so neither measures its drop path |
        | this SDK's `maxQueueBytes` | 8 MiB | 1 GiB | this SDK only (the official SDK has no byte bound): by its estimate of each event's size, the default holds a fraction of a batch, so captures would time the drop path |
        | `shutdownTimeoutMillis`, `flushTimeoutMillis` | 2000, 15000 | 0, 100 | `close()` between capture iterations drops what is left instead of sending it (this SDK: `shutdownTimeoutMillis` 0) |
        | `sendClientReports` | true | true | both send client reports |
        | `dsn` when there is none | — | `""` | the official SDK refuses `null` |
        | client report recorder | internal | wrapped | a counting wrapper reads its drop counts by reason (reflection, benchmark only) |

        Everything else is left at its default in both: no cache directory (neither writes events to \
        disk), no `sendDefaultPii`, server name looked up by each SDK as it does by default.

        """.formatted(oursIntegrations.isEmpty() ? "none" : oursIntegrations, officialIntegrations);
  }

  static String method(Suite.Plan plan) {
    return """
        ## How each number is measured

        1. **`captureException`**: JMH single-shot batches (see above) of a fresh exception per call: \
        `Exceptions.fresh()` recurses until the exception's stack is %d frames deep and wraps an \
        `IOException` cause made four frames deeper. `buildException` does the same without capturing; \
        net = capture − baseline, in the same run, on the wall clock (JMH) and on the thread's CPU time \
        and allocation (`ThreadMXBean`, around each batch). 10 warm-up and 20 measured batches in each \
        of 2 forks, `-Xms2g -Xmx2g`.
        2. **`captureMessage`**: the same batches, a constant message.
        3. **`addBreadcrumb`**, 4. **`withScope` + `setTag`**: JMH average time, 3 × 1 s warm-up, \
        5 × 1 s measured, 2 forks.
        5. **Allocation**: JMH's GC profiler (`-prof gc`, all threads) and the benchmark thread's own \
        allocated bytes; the target is about the application thread, net of building the exception.
        6. **CPU per delivered event**: the end-to-end run against the server that answers at once \
        (see above), CPU time of the SDK's threads and of the whole process ÷ events counted at the \
        server.
        7. **Cold start**: see above; medians. The first event's time runs from the start of the first \
        `captureException` to the moment the server has read the event.
        8. **How the cost grows**: single-shot batches of %,d captures (scope and stack lines; \
        exceptions without a cause made before the batch on a thread of their own, so that a 10-frame \
        stack is possible) and, per thread, of %,d captures or %,d breadcrumbs (the thread lines), \
        each capture batch into a freshly initialised SDK after one untimed capture per thread (so \
        that what a first capture costs once weighs on neither side of a ratio); 10 warm-up and 20 \
        measured in each of 2 forks, `-Xms2g -Xmx2g`.
        9. **No DSN**: `init` without a DSN, then `captureException` of one prebuilt exception, JMH \
        average time.

        The smoke mode (`--smoke`) runs one iteration of each JMH benchmark (`-f 1 -wi 0 -i 1 -r 100ms`), \
        %d events end to end (per transport too), and one cold start per SDK, and fails only if a \
        benchmark produced no result.

        """.formatted(Exceptions.FRAMES, GrowthBenchmark.BATCH, ContentionBenchmark.CAPTURES,
        ContentionBenchmark.BREADCRUMBS, Suite.Plan.smokeTest().events());
  }
}
