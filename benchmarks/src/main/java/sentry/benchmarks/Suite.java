package sentry.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite, both SDKs side by side, and writes the report: the JMH benchmarks
 * (captures, scope, no DSN, with the GC profiler), the end-to-end runs and the cold starts, each
 * end-to-end and cold run in a fresh JVM.
 *
 * <p>Usage: {@code java -jar benchmarks.jar [--smoke] [--out FILE] [--work DIR]}. {@code --smoke}
 * runs every benchmark once, very briefly, and checks only that each produced a result, never a
 * timing: it is for CI.
 */
public final class Suite {
  /** How much of everything to run. */
  record Plan(boolean smoke, int events, int threads, int warmupEvents, int slowEvents, long windowMillis,
      int coldRuns) {
    static Plan full() {
      return new Plan(false, 10_000, 4, 1_000, 4_000, 10_000, 15);
    }

    static Plan smokeTest() {
      return new Plan(true, 200, 4, 0, 100, 1_000, 1);
    }
  }

  /** The benchmark classes that run this SDK alone, without an {@code sdk} parameter. */
  private static final List<Class<?>> OURS_ONLY = List.of(GrowthBenchmark.class, ContentionBenchmark.class);

  /** {@code maxRequestsInFlight} of the extra end-to-end run against the slow server. */
  static final int IN_FLIGHT_VARIANT = 16;

  private Suite() {}

  /**
   * Runs the suite.
   *
   * @param args see the class comment
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Plan plan = Plan.full();
    Path out = null;
    Path work = Path.of("benchmarks", "target", "bench-results");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--smoke" -> plan = Plan.smokeTest();
        case "--out" -> out = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument \"" + args[i]
            + "\": expected --smoke, --out FILE or --work DIR");
      }
    }
    if (out == null) {
      out = plan.smoke() ? work.resolve("PERFORMANCE-smoke.md") : Path.of("docs", "PERFORMANCE.md");
    }
    Files.createDirectories(work);
    Instant started = Instant.now();
    Results results = new Results();
    results.machine.putAll(Machine.describe());
    results.machine.put("started", started.truncatedTo(ChronoUnit.SECONDS).toString());

    long phase = System.nanoTime();
    runJmh(plan, work, results);
    results.phaseSeconds.put("JMH", seconds(phase));
    phase = System.nanoTime();
    runEndToEnd(plan, results);
    results.phaseSeconds.put("end to end", seconds(phase));
    phase = System.nanoTime();
    runColdStarts(plan, results);
    results.phaseSeconds.put("cold start", seconds(phase));

    results.machine.put("loadAfter", Machine.loadAverage());
    results.machine.put("minutes", String.format("%.1f", Duration.between(started, Instant.now()).toSeconds() / 60.0));
    String report = new Report(results, plan).render();
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
    System.out.println("benchmarks: wrote " + out + " in " + results.machine.get("minutes") + " minutes");
    checkComplete(results);
  }

  private static void runJmh(Plan plan, Path work, Results results) throws IOException, RunnerException {
    Path statsFile = work.resolve("jmh-stats.tsv");
    Files.deleteIfExists(statsFile);
    List<String> jvmArgs = List.of("-Xms2g", "-Xmx2g", "-D" + Stats.PROPERTY + "=" + statsFile.toAbsolutePath());
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(CaptureBenchmark.class.getName())
        .include(ScopeBenchmark.class.getName())
        .include(NoDsnBenchmark.class.getName())
        .include(GrowthBenchmark.class.getName())
        .include(ContentionBenchmark.class.getName())
        .addProfiler(GCProfiler.class)
        .jvmArgsAppend(jvmArgs.toArray(new String[0]))
        .result(work.resolve("jmh.json").toString())
        .resultFormat(ResultFormatType.JSON)
        .shouldFailOnError(true);
    if (plan.smoke()) {
      options.forks(1).warmupIterations(0).measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(100));
    }
    Collection<RunResult> runs = new Runner(options.build()).run();
    for (RunResult run : runs) {
      String benchmark = run.getParams().getBenchmark();
      String sdk = run.getParams().getParam("sdk");
      if (sdk == null) {
        // The growth benchmarks run this SDK alone; the exception baseline runs none.
        sdk = OURS_ONLY.stream().anyMatch(type -> benchmark.startsWith(type.getName() + ".")) ? "modular" : "-";
      }
      Result<?> primary = run.getPrimaryResult();
      Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
      String section = (benchmark.contains("NoDsn") ? "noDsn." : "") + Stats.section(run.getParams());
      results.jmh.put(section + "|" + sdk, new Results.Measure(primary.getScore(),
          primary.getScoreError(), primary.getScoreUnit(), alloc == null ? Double.NaN : alloc.getScore()));
    }
    results.stats.putAll(Stats.read(statsFile));
  }

  private static void runEndToEnd(Plan plan, Results results) throws IOException, InterruptedException {
    for (String sdk : Results.SDKS) {
      System.out.println("benchmarks: end to end, " + sdk + ", fast server");
      results.endToEnd.put("fast|" + sdk, Child.run(List.of("-Xmx2g"), EndToEnd.class,
          List.of(sdk, "fast", "" + plan.events(), "" + plan.threads(), "" + plan.warmupEvents(), "0"),
          Duration.ofMinutes(6)));
      System.out.println("benchmarks: end to end, " + sdk + ", 100 ms server");
      results.endToEnd.put("slow|" + sdk, Child.run(List.of("-Xmx2g"), EndToEnd.class,
          List.of(sdk, "slow", "" + plan.slowEvents(), "" + plan.threads(), "0", "" + plan.windowMillis()),
          Duration.ofMinutes(3)));
    }
    // Not a target: shows what one setting does against the slow server (see the report).
    System.out.println("benchmarks: end to end, modular with " + IN_FLIGHT_VARIANT + " requests in flight, 100 ms server");
    results.endToEnd.put("slow|modular, maxRequestsInFlight " + IN_FLIGHT_VARIANT, Child.run(
        List.of("-Xmx2g", "-D" + ModularSdk.MAX_IN_FLIGHT + "=" + IN_FLIGHT_VARIANT), EndToEnd.class,
        List.of("modular", "slow", "" + plan.slowEvents(), "" + plan.threads(), "0", "" + plan.windowMillis()),
        Duration.ofMinutes(3)));
    // This SDK once more per transport, picked by name; the runs above use whichever the SDK picks.
    List<String> found = TransportChoice.found();
    for (String transport : TransportChoice.MODULES.keySet()) {
      if (!found.contains(transport)) {
        System.out.println("benchmarks: transport " + transport + " is not on the class path: skipped");
        continue;
      }
      List<String> jvm = List.of("-Xmx2g", "-D" + TransportChoice.PROPERTY + "=" + transport);
      System.out.println("benchmarks: end to end, modular, transport " + transport + ", fast server");
      results.transports.put("fast|" + transport, Child.run(jvm, EndToEnd.class,
          List.of("modular", "fast", "" + plan.events(), "" + plan.threads(), "" + plan.warmupEvents(), "0"),
          Duration.ofMinutes(6)));
      System.out.println("benchmarks: end to end, modular, transport " + transport + ", 100 ms server");
      results.transports.put("slow|" + transport, Child.run(jvm, EndToEnd.class,
          List.of("modular", "slow", "" + plan.slowEvents(), "" + plan.threads(), "0", "" + plan.windowMillis()),
          Duration.ofMinutes(3)));
    }
  }

  private static void runColdStarts(Plan plan, Results results) throws IOException, InterruptedException {
    System.out.println("benchmarks: " + plan.coldRuns() + " cold starts per SDK");
    for (int run = 0; run < plan.coldRuns(); run++) {
      // Alternate, so that a burst of other work on the machine hits both alike.
      for (String sdk : run % 2 == 0 ? Results.SDKS : List.of("official", "modular")) {
        results.cold.computeIfAbsent(sdk, key -> new ArrayList<>())
            .add(Child.run(List.of(), ColdStart.class, List.of(sdk), Duration.ofMinutes(1)));
      }
    }
    for (String sdk : Results.SDKS) {
      results.network.put(sdk, Child.run(List.of("-Djava.security.manager=allow"), ColdStart.class,
          List.of(sdk, "--watch-network"), Duration.ofMinutes(1)));
    }
  }

  /** Fails the run if a benchmark gave no result: what the smoke test in CI checks. */
  private static void checkComplete(Results results) {
    List<String> missing = new ArrayList<>();
    for (String sdk : Results.SDKS) {
      for (String benchmark : List.of("captureException", "captureMessage", "addBreadcrumb", "withScopeSetTag",
          "noDsn.captureException")) {
        Results.Measure measure = results.jmh(benchmark, sdk);
        if (measure == null || !(measure.score() > 0)) {
          missing.add(benchmark + " (" + sdk + ")");
        }
      }
      if (!(results.stat("captureException", sdk, "appBytesPerOp") > 0)) {
        missing.add("application-thread allocation (" + sdk + ")");
      }
      for (String server : List.of("fast", "slow")) {
        if (!(results.endToEnd(server, sdk, "delivered") > 0)) {
          missing.add("end to end, " + server + " server: nothing delivered (" + sdk + ")");
        }
      }
      if (!(results.coldMedian(sdk, "initMillis") > 0) || !(results.coldMedian(sdk, "firstEventArrivedMillis") > 0)) {
        missing.add("cold start (" + sdk + ")");
      }
      if (results.network.getOrDefault(sdk, Map.of()).get("initNetworkCalls") == null) {
        missing.add("network watch (" + sdk + ")");
      }
    }
    if (results.jmh("buildException", "-") == null) {
      missing.add("buildException baseline");
    }
    for (Growth.Pair pair : Growth.PAIRS) {
      for (String section : List.of(pair.less(), pair.more())) {
        if (!(results.stat(section, "modular", "appCpuMicrosPerOp") > 0)) {
          missing.add(section + " (application-thread CPU)");
        }
      }
    }
    for (String transport : TransportChoice.found()) {
      if (!(Results.number(results.transports.getOrDefault("fast|" + transport, Map.of()).get("delivered")) > 0)) {
        missing.add("end to end with transport " + transport + ": nothing delivered");
      }
    }
    if (!missing.isEmpty()) {
      System.err.println("benchmarks: missing results: " + String.join("; ", missing));
      System.exit(1);
    }
    System.out.println("benchmarks: every benchmark produced a result");
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
