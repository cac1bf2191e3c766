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
          The cost is spread thin (JFR of `6926b13`): two `Breadcrumb` objects per call (the API's \
          and the scope's copy, cut to `maxValueLength`), a `ThreadLocal` lookup for the current hub, \
          and a new nine-field `CoreScope.State` per add, installed with one compare-and-set. Next: \
          keep the breadcrumbs in their own compare-and-set field of the scope beside the state, and \
          skip the copy for a breadcrumb the SDK made itself.

          """),
      Map.entry("withScope", """
          `setTag` is now one compare-and-set of a small immutable array map (`ScopeMap`); what is \
          left is `CoreHub.withScope` making a hub, a scope and a binding, and a `ThreadLocal` set \
          and reset. Next: push a scope only, on a per-thread stack, instead of binding a new hub.

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
