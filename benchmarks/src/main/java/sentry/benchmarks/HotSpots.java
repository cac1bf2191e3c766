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
  static final String PROFILED_AT = "`6926b13` (capture path), `96e5035` (cold start) and `cf533bc` (jdk transport), "
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
          Profile of the calling thread (`-Xlog:class+load` with thread ids, `96e5035`): about 858 \
          classes were loaded by `init` before issue 10's cold-start work and 689 on the calling \
          thread after it (the transport is made, and the serializer and JSON classes loaded, on \
          `sentry-dispatcher`; argv is read at the first event). What is left: the Logback \
          integration attaching its appender (about 200 classes with Logback's own initialisation \
          and about 60 `java.time` classes; the benchmarks put Logback on the class path, the \
          official SDK does not touch it), java.util.logging's start-up for the atexit hook, the \
          integrations' classes, the hub, scope and trace-header classes, and about 90 \
          `java.lang.invoke` classes of lambdas. Next: attach to Logback through its `Configurator` \
          service instead of in `init`, and fewer lambdas on the init path.

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
