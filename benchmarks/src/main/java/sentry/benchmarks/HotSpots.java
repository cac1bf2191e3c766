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
          integration's processor is the largest part, about 40% (`SeenThrowables`: a map of weak \
          keys under a lock); then the queue's lock (`Dispatcher.offer`, about 8-10%), the event \
          object and its id. Generating the id (28% before) and `Instant.now()` are gone: `SentryId` \
          keeps 128 bits and writes its digits on the SDK's thread; timestamps are milliseconds. \
          Next: an open-addressed identity table for `dedupe`, and an offer without a lock. The wall \
          row also counts the time the capturing thread waited for a core while the SDK's threads \
          and the in-process server used both: compare it with the CPU row.

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
          (reused buffer and `Deflater` per thread, `BEST_SPEED`) and send it. Serialization now runs \
          on up to `min(cores, maxRequestsInFlight)` threads, which on two cores gives little: the \
          in-process server and the JVM's GC and JIT share the same cores. The `httpcore` transport \
          is the cheaper one (see "Per transport"); java.net.http (`jdk`) spends more per exchange on \
          its selector thread (futures, header maps) even after sending with `HttpClient.send` on the \
          transport's own threads. Next: profile the serializer again after issue 10 (the JSON of \
          frames, the allocation per event) and a cheaper HTTP/1.1 client for `jdk`.

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
