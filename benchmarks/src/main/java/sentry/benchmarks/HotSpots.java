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
  /** The commit whose profile the texts describe, as the report names it. */
  static final String PROFILED_AT = "`0a7d824` (2026-11-22, before issue 10's capture path and delivery engine)";

  private HotSpots() {}

  private static final String CAPTURE_PATH = """
      On the application thread, after building the exception, this SDK spends its time in three \
      places (JFR samples of the benchmark thread, `captureMessage` and `captureException` alike):
      - **`SentryId.random()`** (`sentry.api/.../SentryId.java`): since this text was first \
      written it fills a `byte[]` from a lookup table instead of `Character.forDigit` into a \
      `char[]`; the record's compact constructor still validates all 32 characters. Fix: a \
      trusted path for ids the SDK made itself, or keep the two `long`s and format them on the \
      sender.
      - **`CoreClient.applyScope`** (`sentry.core/.../CoreClient.java:203-233`), about a third: it \
      copies the scope's tags into a new `LinkedHashMap` (`mergeUnder`, line 216) and the scope's \
      breadcrumbs into an array and then an `ArrayList` (`Breadcrumbs.toList`, line 232) on every \
      capture, although the scope is already an immutable snapshot (`CoreScope.State`). Fix: put \
      the `State` reference in the envelope and merge it into the event on the sender thread; \
      materialise it on the application thread only when a `beforeSend` or a scope processor \
      asks for the event.
      - **Event processors of the default integrations** (`runProcessors`, `CoreClient.java:176-180`): \
      `ModulesIntegration`'s processor copies the module map into every event and `ArgvIntegration` \
      adds `sys.argv`, both on the capturing thread, though both are the same for every event of \
      the process. Fix: let an integration contribute process-wide event defaults that the \
      serializer writes on the sender (as it does for contexts and the server name), and keep \
      only identity checks such as `dedupe` on the application thread.
      """;

  static final Map<String, String> TEXT = Map.ofEntries(
      Map.entry("captureException", CAPTURE_PATH + """

          What is left is `Hub.captureException` building the `SentryEvent` (`Instant.now()`, the \
          thread's name) and a `Hint` with an `IdentityHashMap` (`Hub.java:66-68`, `Sentry.java:65`), \
          and the queue's lock (`Dispatcher.offer`, `ArrayBlockingQueue`). Compare the app-thread CPU \
          row with the wall row: much of the wall-clock time of this SDK's captures is time the \
          application thread waited for a core while the SDK's sender thread (JSON, gzip, HTTP) and \
          the server used both cores; a cheaper sender (see the SDK threads' CPU row) gives that \
          time back too.
          """),
      Map.entry("captureMessage", """
          The same path as `captureException` without the exception, so the same places dominate.
          """ + CAPTURE_PATH + "\n"),
      Map.entry("addBreadcrumb", """
          `Sentry.addBreadcrumb(String)` (`sentry.api/.../Sentry.java:149-152`) allocates a `Hint` \
          with an `IdentityHashMap` and its table (about 140 of the roughly 300 bytes per call) for a \
          `beforeBreadcrumb` callback that is not set, and `CoreScope.addBreadcrumb` \
          (`CoreScope.java:140`) takes the scope's lock, allocates a capturing lambda and copies the \
          whole nine-field `State` record to change one field. Fix: make the hint only when a \
          `beforeBreadcrumb` is set; keep the breadcrumb chain in its own volatile field of the \
          scope, added to with one compare-and-set (a capture reads both fields), so adding a \
          breadcrumb costs one `Breadcrumb`, one `Instant` and one list node.

          """),
      Map.entry("withScope", """
          `CoreHub.withScope` (`CoreHub.java:84`) makes a hub, a scope, a binding lambda and a \
          `ThreadLocal` set and reset; `setTag` copies the tag map into a new `LinkedHashMap` and \
          the `State` record (`CoreScope.java:166`). Fix: push a lighter frame (a scope only) on a \
          per-thread stack instead of binding a new hub, and keep small tag maps as arrays.

          """),
      Map.entry("sdkThreads", """
          This SDK's sender is one thread (`sentry-dispatcher`, started in `Worker.java`) that turns \
          each event into JSON, gzips it and hands it to the HTTP client; in the end-to-end run it \
          takes about three quarters of all CPU samples of the process, so it is the bottleneck, \
          while the eight kept-alive connections are mostly idle. Measured separately on this \
          machine (CPU time per 17 KB event): describing the exception about 16 µs, JSON about \
          30 µs, gzip about 63 µs. Fixes, largest first:
          - **gzip level**: done since this text was first written: `EnvelopeBytes.gzip` now \
          compresses at `Deflater.BEST_SPEED` (17 µs instead of 63 µs per event, 14% more bytes); \
          one `Deflater` per sender thread, `reset()` between envelopes, would also save its native \
          set-up each time.
          - **serialize on more than one thread**: up to `min(cores, maxRequestsInFlight)` workers \
          take envelopes from the queue; the order of events is not part of the protocol.
          - **copies**: `Json.render` (`json/Json.java:38`) writes each event into a \
          `ByteArrayOutputStream(1024)` that doubles five times for 17 KB, then copies it out, and \
          the envelope copies it into the gzip stream; size the buffer from the previous event \
          and reuse it per worker, or stream the JSON straight into the deflater and count its size.
          - **timestamps**: `Text.timestamp` (`json/Text.java:20,76`) formats with a \
          `DateTimeFormatter` pattern (zone rules and a `BigDecimal` for the fraction) once per \
          breadcrumb, about a tenth of the sender's samples; a hand-written fixed-width formatter \
          writes the same text.
          - **in-app rules**: `InAppRules.isInApp` (`json/InAppRules.java:44`) tries 15 prefixes with \
          `startsWith` for each of the 114 frames; cache the answer per class name.

          - **allocation**: the SDK's threads allocate about 130 KB per 17 KB event (see the CPU \
          table: the JVM's own GC and JIT time per event is as large as the sender's), most of it \
          in the growing JSON buffer above, `Throwable.getStackTrace()`'s elements and their \
          strings, and the described frames; reusing the buffers per worker removes the largest part.
          - **the HTTP client**: HttpCore's I/O thread (`sentry-http-io`) used about 70 µs of CPU per \
          request in a per-thread breakdown of one run, a third of what the sender itself used.

          Note that the server shares the two cores: it unzips and reads every envelope in the same \
          process, for both SDKs, which caps what any SDK can reach here.

          """),
      Map.entry("slowServer", """
          With 100 ms per request, throughput is requests in flight ÷ 0.1 s. The default \
          `maxRequestsInFlight` is 16 (it was 8 when the suite was first run, which capped delivery \
          at 80 events per second); if this target is missed, check that the dispatcher really \
          keeps 16 requests in flight against a slow server.

          """),
      Map.entry("coldInit", """
          `init` does everything on the calling thread, and most of it is not needed until the \
          first event is sent:
          - **TLS**: done since this text was first written: `LazyTlsStrategy` loads the JVM's \
          trust store (about 350 classes and 110 ms) at the first `https` connection, on the I/O \
          thread, and never for an `http` DSN.
          - **HTTP client start** (`HttpTransport.java:117`, `ReactorThreads.build`): bootstraps \
          HttpCore 5 (about 125 classes) and starts its I/O reactor on a helper thread that the \
          caller joins. Fix: build the transport on the `sentry-dispatcher` thread when the first \
          envelope arrives (`Dispatcher.create` taking a transport supplier).
          - **integrations and JSON** (`ClientFactory.java:38-39`): `Integrations.install` loads and \
          sets up every integration found by `ServiceLoader`, and the describer and JSON classes are \
          loaded up front. Fix: install integrations synchronously only as far as they must hook in \
          (excepthook, atexit), and let the rest (modules, argv) compute on the sender thread.

          What must stay on the calling thread is reading the options and parsing the DSN.

          """),
      Map.entry("initNetwork", """
          The security-manager run recorded the calls listed in the cold-start table; whatever \
          resolves a host name or opens a socket there must move to the sender thread.

          """),
      Map.entry("noDsn", """
          Until `dd69be6` the API built the whole event (a random `SentryId`, `Instant.now()`, the \
          thread's name) and a `Hint` before `CoreClient.capture` saw that the client was not open, \
          about 300 to 540 ns; `Sentry.captureException` and `CoreHub` now return first. If this \
          target is missed again, look for work done before that check (`Sentry.java:63-65`, \
          `CoreHub.java:60`): what is left should be a `ThreadLocal` read and a volatile read.

          """),
      Map.entry("allocation", """
          The same places as for the capture time: the event and its id (`SentryId.random`), the \
          copies of the scope's tags and breadcrumbs (`CoreClient.applyScope`), the hint's \
          `IdentityHashMap`, and what the default integrations' processors add to each event.

          """));
}
