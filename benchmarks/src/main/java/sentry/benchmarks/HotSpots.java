package sentry.benchmarks;

import java.util.Map;

/**
 * For each target, where this SDK spends the time that keeps it from the target and what would
 * close the gap, found by profiling the benchmarks (JFR execution samples, allocation counts, and
 * small probes timed separately on the same machine). The report shows a text only when its
 * target is missed in that run, labelled with {@link #PROFILED_AT}: the figures and line numbers
 * here are those of that profile, not of the run. Whoever rewrites the texts from a new profile
 * sets {@link #PROFILED_AT} to the commit profiled. Keys are those of {@code Report}'s rows.
 */
final class HotSpots {
  /** The commits whose profiles the texts describe, as the report names them. */
  static final String PROFILED_AT = "`6926b13` (capture path), `d7e058b` (cold start) and `cf533bc` (jdk transport), "
      + "2026-12-06, on a loaded machine";

  private HotSpots() {}

  static final Map<String, String> TEXT = Map.ofEntries(
      Map.entry("captureException", """
          JFR samples of the capturing thread (`CapturePath`, after issue 10): the `dedupe` \
          integration's processor was the largest part, about 40%; `SeenThrowables` is now sixteen \
          open-addressed identity tables under their own locks (one weak entry per throwable, no \
          reference queue), but what it costs is mostly `System.identityHashCode` on two fresh \
          throwables (about 30 ns each: the JVM installs the hash in each object's header) and \
          their weak references; a driver marking 5,000 captures of two throwables timed 135-210 ns \
          per capture before and 150-170 ns after, so it is no longer a lever. The queue's offer \
          takes no lock (`SendQueue.add`: a `ConcurrentLinkedQueue`, a reserved count for the \
          bound). Then the event object and its id. The wall row also counts the time the capturing \
          thread waited for a core while the SDK's threads and the in-process server used both: \
          compare it with the CPU row; what shortens it is less work on the SDK's threads (below).

          """),
      Map.entry("captureMessage", """
          The same path as `captureException` without the exception and without `dedupe`'s lookup: \
          the event, the scope snapshot (one volatile read) and the offer.

          """),
      Map.entry("addBreadcrumb", """
          `perf` of `77bebb8` (a loop of `Sentry.addBreadcrumb(String)`, frame pointers, JIT \
          symbols): about 57% of the thread's time is the clock, `System.currentTimeMillis()` \
          (`clock_gettime` in the vDSO, about 24 ns per call on this machine, timed alone; the \
          official SDK reads it too); the rest, about 19 ns, is one inlined blob: the `ThreadLocal` \
          lookup of the current hub, the `Breadcrumb` (48 B, its `Instant` made only when read), \
          one 40 B node of the scope's own breadcrumbs field and its compare-and-set, and every \
          16th add the fold of the nodes into an array (103 B per add in all, 220 B before). The \
          scope's copy cut to `maxValueLength` is made only for a crumb with data or a long string. \
          Half of the official SDK's time (about 39 ns of thread CPU in the same probe) leaves about \
          15 ns beside the clock; next would be a breadcrumb stamped without a clock read per call.

          """),
      Map.entry("withScope", """
          Thread CPU probes of `77bebb8` (loops of the benchmark's call, back to back): `withScope` \
          with an empty callback is about 18 ns, `setTag` on the pushed scope the rest (a copied \
          key/value array, a `ScopeMap`, a nine-field `State`, one compare-and-set). `withScope` \
          binds the new hub on the thread's slot (no `Binding` object, no `ThreadLocal` set; no \
          lookup at all for a hub made on the calling thread), and makes the hub and the scope \
          without a volatile store (each cost a fence). Left: the hub (40 B) and scope (40 B) \
          objects and the tag's copy; 240 B per call in all. Next: make the pushed scope's hub \
          only when the callback asks for the current hub.

          """),
      Map.entry("sdkThreads", """
          Per delivered event the SDK's threads describe the exception, write the JSON and gzip it \
          and send it. Profile of the serializer after issue 10's first round (JFR, httpcore, \
          branch captureperf): timestamps, frame keys and frame strings are no longer written through \
          `DateTimeFormatter` and jackson's escaping (they were 11% and about 20%), and the SDK's \
          threads allocate about 55 KB per event instead of 153 KB (a reused JSON buffer, gzip \
          straight from the serialized bytes). What is left, of a serializer thread's samples: the \
          event's JSON (about 55%: the default contexts written afresh for every event, about 11%; \
          breadcrumbs 9%; the frames, with the lookups of their encoded strings); describing the \
          exception (14%, a quarter of it the JVM making the `StackTraceElement`s); the scope merge \
          on this thread (6%); the send (8%). `httpcore`'s I/O thread used about a third of the \
          serializers' samples (parsing the answer, futures, connection reuse). Next: write the \
          default contexts once per client as bytes, and pack the frames' JSON per \
          `StackTraceElement` instead of per string.

          """),
      Map.entry("slowServer", """
          With 100 ms per request, throughput is requests in flight ÷ 0.1 s; check that the \
          dispatcher keeps `maxRequestsInFlight` (16) requests in flight against a slow server once \
          slow start has opened the window.

          """),
      Map.entry("coldInit", """
          Profile of the calling thread (`-Xlog:class+load` with thread ids, `d7e058b`): 536 \
          classes loaded on the calling thread from `Sentry` to the end of `init` before the \
          coldinit work, 255 to 295 after it (java.util.logging starts on whichever thread gets \
          there first: the logging integration's or the transport's logger). `init` no longer \
          starts Logback (its `Configurator` service attaches the appender when Logback starts) \
          nor java.util.logging for the hooks' loggers; string concatenation is compiled to \
          `StringBuilder` (it had spun some 25 method-handle classes); the transport is chosen on \
          the worker. The calling thread's CPU time in `init` is now below the official SDK's \
          (medians of 10: 67 against 95 ms, `ThreadMXBean`); its wall clock is not, on a machine \
          where threads wait for a core most of the time (the official SDK's median `init` ranged \
          from 156 to 307 ms between interleaved rounds of the same code), and delaying the \
          transport's start until after `init` changed nothing measurable. What is left on the \
          calling thread: the options and their sources, the hub, scope and trace classes, the \
          dispatcher's classes, each integration's classes, java.util.logging for the logging \
          integration's handler, some 15 lambdas. A quarter of the official SDK's time is out of \
          reach by trimming: both spend most of it loading classes, ours from jars (read and \
          verified), much of the official SDK's too. With an AppCDS archive \
          (`-XX:ArchiveClassesAtExit` once, then `-XX:SharedArchiveFile`) `init` took 78 ms \
          against the official SDK's 49 ms with its own archive (medians of 10 on the same loaded \
          machine; 217 and 156 ms without).

          """),
      Map.entry("firstEvent", """
          Class-load profile by thread (`d7e058b`): after the capture the event waits for what the \
          SDK's threads have not finished since `init` (the HTTP client's start, about 160 classes; \
          the serializer, now readied on a `sentry-prepare` thread beside it with a made-up event), \
          then the serializer thread (argv, the event writer) and the I/O thread, which loads about \
          270 classes for its first connection and exchange (`SocketChannel`, HttpCore's HTTP/1.1 \
          codec). With `init` faster, less of the start-up is done when the capture comes right \
          after it: medians of 15 interleaved JVMs, 235 ms after this work against 175 before \
          (`init` 187 against 371; the official SDK's first event 138 to 147, its `init` 190), and \
          355 against 243 in a busier run. The official \
          SDK's `HttpURLConnection` classes come from the JDK's class-data archive, ours are read \
          and verified from jars. Next: open the connection (and so load its \
          classes) on the SDK's thread after `init`, which needs a warm-up call in the transport \
          SPI; an AppCDS archive helps both (77 against 59 ms with archives).

          """),
      Map.entry("initNetwork", """
          The security-manager run recorded the calls listed in the cold-start table; whatever \
          resolves a host name or opens a socket there must move to the sender thread.

          """),
      Map.entry("noDsn", """
          With no DSN a capture should be a `ThreadLocal` read and a volatile read; look for work \
          done before `CoreHub`'s one "enabled" check.

          """),
      Map.entry("allocation", """
          On the capturing thread: the event and its id, the hint (only when a callback or `dedupe` \
          reads it), and `dedupe`'s weak key.

          """));
}
