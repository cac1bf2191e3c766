package sentry.benchmarks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Renders {@code docs/PERFORMANCE.md} from one run's results. */
final class Report {
  private static final String SDK_NOTE = "this SDK";

  /**
   * A row of a summary table.
   *
   * @param measure what is measured, in markdown
   * @param unit its unit
   * @param ours this SDK's figure
   * @param official the official SDK's figure
   * @param target the target as text
   * @param max the largest ratio ours ÷ official that meets it, or NaN for an absolute target
   * @param met whether it is met; null when it could not be measured
   * @param key the key of its profile notes in {@link HotSpots#TEXT}
   */
  private record Row(String measure, String unit, double ours, double official, String target, double max,
      Boolean met, String key) {}

  private final Results results;
  private final Suite.Plan plan;
  /** The targets. */
  private final List<Row> rows = new ArrayList<>();
  /** Measures with a target from before the issue, kept so that a regression shows. */
  private final List<Row> earlier = new ArrayList<>();

  Report(Results results, Suite.Plan plan) {
    this.results = results;
    this.plan = plan;
  }

  String render() {
    buildRows();
    StringBuilder md = new StringBuilder();
    md.append(ReportText.intro(plan, results.machine));
    summary(md);
    Growth.render(md, results);
    missed(md);
    jmhDetails(md);
    deliveryDetails(md);
    endToEndDetails(md);
    TransportReport.render(md, results, plan);
    coldDetails(md);
    md.append(ReportText.setup(results.coldText("modular", "integrations"),
        results.coldText("official", "integrations")));
    md.append(ReportText.method(plan));
    phases(md);
    return md.toString();
  }

  private void buildRows() {
    double buildCpu = results.stat("buildException", "-", "appCpuMicrosPerOp");
    ratioRow(rows, "`captureException`, app-thread CPU, net", "µs",
        results.stat("captureException", "modular", "appCpuMicrosPerOp") - buildCpu,
        results.stat("captureException", "official", "appCpuMicrosPerOp") - buildCpu, 1 / 25.0, "captureException");
    double build = score("buildException", "-");
    ratioRow(rows, "`captureException`, wall, net", "µs", score("captureException", "modular") - build,
        score("captureException", "official") - build, 1 / 10.0, "captureException");
    double buildBytes = results.stat("buildException", "-", "appBytesPerOp");
    ratioRow(rows, "app-thread allocation per `captureException`, net", "B",
        results.stat("captureException", "modular", "appBytesPerOp") - buildBytes,
        results.stat("captureException", "official", "appBytesPerOp") - buildBytes, 1 / 25.0, "allocation");
    ratioRow(rows, "`captureMessage`, wall", "µs", score("captureMessage", "modular"),
        score("captureMessage", "official"), 1 / 8.0, "captureMessage");
    ratioRow(rows, "`addBreadcrumb`", "ns", score("addBreadcrumb", "modular"), score("addBreadcrumb", "official"),
        1 / 2.0, "addBreadcrumb");
    ratioRow(rows, "`withScope` + `setTag`", "ns", score("withScopeSetTag", "modular"),
        score("withScopeSetTag", "official"), 1 / 4.0, "withScope");
    ratioRow(rows, "SDK threads' CPU per delivered event", "µs",
        results.endToEnd("fast", "modular", "cpuMicrosPerEvent.sdkThreads"),
        results.endToEnd("fast", "official", "cpuMicrosPerEvent.sdkThreads"), 1 / 4.0, "sdkThreads");
    ratioRow(rows, "whole-process CPU per delivered event", "µs",
        results.endToEnd("fast", "modular", "cpuMicrosPerEvent.process"),
        results.endToEnd("fast", "official", "cpuMicrosPerEvent.process"), 1 / 2.0, "sdkThreads");
    ratioRow(rows, "cold `init` (median of " + plan.coldRuns() + " JVMs)", "ms",
        results.coldMedian("modular", "initMillis"), results.coldMedian("official", "initMillis"), 1 / 4.0, "coldInit");
    ratioRow(rows, "first event at the server after the first capture (median of " + plan.coldRuns() + " JVMs)", "ms",
        results.coldMedian("modular", "firstEventArrivedMillis"),
        results.coldMedian("official", "firstEventArrivedMillis"), 1, "firstEvent");

    throughputRow("events delivered per second, roomy queue", "fast", "throughput");
    throughputRow("events delivered per second, 100 ms server", "slow", "slowServer");
    double oursCalls = calls("modular");
    earlier.add(new Row("network or DNS calls on the calling thread during `init`", "", oursCalls, calls("official"),
        "0", Double.NaN, Double.isNaN(oursCalls) ? null : oursCalls == 0, "initNetwork"));
    double noDsn = score("noDsn.captureException", "modular");
    earlier.add(new Row("`captureException` with no DSN", "ns", noDsn, score("noDsn.captureException", "official"),
        "≤ 50 ns absolute", Double.NaN, Double.isNaN(noDsn) ? null : noDsn <= 50, "noDsn"));
  }

  private double calls(String sdk) {
    String value = results.network.getOrDefault(sdk, Map.of()).get("initNetworkCalls");
    return value == null ? Double.NaN : Results.number(value.split(" ")[0]);
  }

  private static void ratioRow(List<Row> table, String measure, String unit, double ours, double official,
      double max, String key) {
    double ratio = ours / official;
    table.add(new Row(measure, unit, ours, official, "≤ " + (max == 1 ? "1×" : fraction(max)), max,
        Double.isNaN(ratio) || Double.isInfinite(ratio) ? null : ratio <= max, key));
  }

  private void throughputRow(String measure, String server, String key) {
    double ours = results.endToEnd(server, "modular", "eventsPerSecond");
    double official = results.endToEnd(server, "official", "eventsPerSecond");
    double ratio = ours / official;
    earlier.add(new Row(measure, "events/s", ours, official, "≥ 10×", Double.NaN,
        Double.isNaN(ratio) ? null : ratio >= 10, key));
  }

  private double score(String benchmark, String sdk) {
    Results.Measure measure = results.jmh(benchmark, sdk);
    return measure == null ? Double.NaN : measure.score();
  }

  private void summary(StringBuilder md) {
    md.append("## Results\n\n");
    md.append(ReportText.resultsIntro());
    table(md, rows);
    md.append("\nThe exception baseline (building the exception only) took ")
        .append(number(score("buildException", "-"))).append(" µs of wall clock and ")
        .append(number(results.stat("buildException", "-", "appCpuMicrosPerOp"))).append(" µs of CPU, and allocated ")
        .append(number(results.stat("buildException", "-", "appBytesPerOp")))
        .append(" B; its stack and its cause's had ").append(results.stats("buildException", "-").get("frames"))
        .append(" frames.\n\n");
    md.append(ReportText.clocks());
    md.append("Measures with a target from before issue 10, kept so that a regression shows:\n\n");
    table(md, earlier);
    md.append('\n');
  }

  private static void table(StringBuilder md, List<Row> table) {
    md.append("| measure | unit | ").append(SDK_NOTE)
        .append(" | official 8.62.0 | ours ÷ official | target | met? |\n");
    md.append("| --- | --- | ---: | ---: | ---: | --- | --- |\n");
    for (Row row : table) {
      md.append("| ").append(row.measure()).append(" | ").append(row.unit()).append(" | ")
          .append(number(row.ours())).append(" | ").append(number(row.official())).append(" | ")
          .append(ratio(row.ours(), row.official())).append(" | ").append(row.target()).append(" | ")
          .append(row.met() == null ? "n/a" : row.met() ? "**yes**" : "**no**").append(" |\n");
    }
  }

  /** The missed targets: what each would take, computed from this run, then the profile notes. */
  private void missed(StringBuilder md) {
    List<Row> missedRows = new ArrayList<>();
    for (Row row : rows) {
      if (Boolean.FALSE.equals(row.met())) {
        missedRows.add(row);
      }
    }
    for (Row row : earlier) {
      if (Boolean.FALSE.equals(row.met())) {
        missedRows.add(row);
      }
    }
    List<Growth.Pair> missedGrowth = new ArrayList<>();
    for (Growth.Pair pair : Growth.PAIRS) {
      if (Boolean.FALSE.equals(Growth.met(results, pair))) {
        missedGrowth.add(pair);
      }
    }
    if (missedRows.isEmpty() && missedGrowth.isEmpty()) {
      md.append("Every target is met in this run.\n\n");
      return;
    }
    md.append("## Targets missed in this run, and what would close them\n\n");
    md.append(ReportText.missedIntro(HotSpots.PROFILED_AT));
    Set<String> notesShown = new HashSet<>();
    for (Row row : missedRows) {
      md.append("### ").append(row.measure()).append("\n\n").append(needed(row)).append("\n\n");
      String notes = HotSpots.TEXT.get(row.key());
      if (notes != null) {
        md.append(notesShown.add(row.key()) ? ReportText.profileNotes(notes)
            : "Its profile notes are those shown for an earlier row above.\n\n");
      }
    }
    for (Growth.Pair pair : missedGrowth) {
      md.append("### ").append(pair.measure()).append("\n\n").append(Growth.needed(results, pair)).append("\n\n");
    }
  }

  /** Says, from this run's figures, how far a missed row is from its target. */
  private static String needed(Row row) {
    if (Double.isNaN(row.max())) {
      return "This run: " + number(row.ours()) + " " + row.unit() + " against the official SDK's "
          + number(row.official()) + "; target " + row.target() + ".";
    }
    double allowed = row.official() * row.max();
    return String.format(Locale.ROOT, "This run: %s %s against the official SDK's %s %s (%s). The target, %s, "
            + "allows at most %s %s: %s less than this run's figure.", number(row.ours()), row.unit(),
        number(row.official()), row.unit(), ratio(row.ours(), row.official()), row.target(), number(allowed),
        row.unit(), percent(1 - allowed / row.ours()));
  }

  private void jmhDetails(StringBuilder md) {
    md.append("## JMH results\n\n");
    md.append("Score ± half-width of JMH's 99.9% confidence interval. `gc.alloc.rate.norm` is JMH's GC ")
        .append("profiler: bytes per operation allocated by **all** threads of the benchmark JVM during the ")
        .append("iteration, so for the captures it includes whatever the SDK's sender thread serialized ")
        .append("meanwhile. \"Application thread\" is the benchmark thread's own allocation ")
        .append("(`ThreadMXBean.getCurrentThreadAllocatedBytes`), measured around each batch.\n\n");
    md.append("| benchmark | SDK | score | gc.alloc.rate.norm (all threads) | application thread "
        + "| application thread CPU |\n");
    md.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
    for (Map.Entry<String, Results.Measure> entry : results.jmh.entrySet()) {
      String[] key = entry.getKey().split("\\|");
      Results.Measure measure = entry.getValue();
      double appBytes = results.stat(key[0], key[1], "appBytesPerOp");
      double appCpu = results.stat(key[0], key[1], "appCpuMicrosPerOp");
      md.append("| `").append(key[0]).append("` | ").append(key[1]).append(" | ").append(number(measure.score()))
          .append(Double.isNaN(measure.error()) ? "" : " ± " + number(measure.error())).append(' ')
          .append(measure.unit()).append(" | ").append(number(measure.allocNorm())).append(" B/op | ")
          .append(Double.isNaN(appBytes) ? "" : number(appBytes) + " B/op").append(" | ")
          .append(Double.isNaN(appCpu) ? "" : number(appCpu) + " us/op").append(" |\n");
    }
    md.append('\n');
  }

  private void deliveryDetails(StringBuilder md) {
    md.append("## What happened to the captured events in the capture benchmarks\n\n");
    md.append(ReportText.deliveryIntro());
    md.append("| benchmark | SDK | captured | delivered | queue overflow | other drops the SDK counted | not delivered |\n");
    md.append("| --- | --- | ---: | ---: | ---: | --- | ---: |\n");
    for (String benchmark : List.of("captureException", "captureMessage")) {
      for (String sdk : Results.SDKS) {
        Map<String, String> stats = results.stats(benchmark, sdk);
        double captured = Results.number(stats.get("captured"));
        double delivered = Results.number(stats.get("delivered"));
        Map<String, String> other = new TreeMap<>();
        double overflow = 0;
        for (Map.Entry<String, String> stat : stats.entrySet()) {
          if (stat.getKey().startsWith("dropped.")) {
            String reason = stat.getKey().substring("dropped.".length());
            if (reason.startsWith("queue_overflow")) {
              overflow += Results.number(stat.getValue());
            } else {
              other.put(reason, stat.getValue());
            }
          }
        }
        md.append("| `").append(benchmark).append("` | ").append(sdk).append(" | ").append(count(captured))
            .append(" | ").append(count(delivered)).append(" (").append(percent(delivered, captured)).append(") | ")
            .append(count(overflow)).append(" | ").append(other.isEmpty() ? "none" : other.toString())
            .append(" | ").append(percent(captured - delivered, captured)).append(" |\n");
      }
    }
    md.append('\n');
  }

  private void endToEndDetails(StringBuilder md) {
    md.append("## End to end\n\n");
    md.append(ReportText.endToEndIntro(plan));
    md.append("| server | SDK | captured | delivered | seconds | events/s | requests | most requests at once "
        + "| bytes per event, sent (unzipped) | drops the SDK counted |\n");
    md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (Map.Entry<String, Map<String, String>> entry : results.endToEnd.entrySet()) {
      String server = entry.getKey().split("\\|")[0];
      String sdk = entry.getKey().split("\\|")[1];
      Map<String, String> run = entry.getValue();
      Map<String, String> drops = new TreeMap<>();
      run.forEach((key, value) -> {
        if (key.startsWith("dropped.")) {
          drops.put(key.substring("dropped.".length()), value);
        }
      });
      md.append("| ").append(server.equals("fast") ? "answers at once" : "100 ms per request").append(" | ")
          .append(sdk).append(" | ").append(run.getOrDefault("captured", "")).append(" | ")
          .append(run.getOrDefault("delivered", "")).append(" | ")
          .append(number(Results.number(run.get("seconds")))).append(" | ")
          .append(number(Results.number(run.get("eventsPerSecond")))).append(" | ")
          .append(run.getOrDefault("requests", "")).append(" | ")
          .append(run.getOrDefault("maxConcurrentRequests", "")).append(" | ")
          .append(run.getOrDefault("wireBytesPerEvent", "")).append(" (")
          .append(run.getOrDefault("envelopeBytesPerEvent", "")).append(") | ")
          .append(drops.isEmpty() ? "none" : drops.toString()).append(" |\n");
    }
    md.append('\n');
    md.append(ReportText.cpuSplitIntro());
    md.append("| server | SDK | application threads | SDK threads | server | JVM (GC, JIT) | whole process "
        + "| allocated by SDK threads |\n");
    md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Map.Entry<String, Map<String, String>> entry : results.endToEnd.entrySet()) {
      Map<String, String> run = entry.getValue();
      String[] key = entry.getKey().split("\\|");
      md.append("| ").append(key[0].equals("fast") ? "answers at once" : "100 ms per request").append(" | ")
          .append(key[1]);
      for (String group : List.of("app", "sdkThreads", "server", "jvm", "process")) {
        md.append(" | ").append(number(Results.number(run.get("cpuMicrosPerEvent." + group)))).append(" µs");
      }
      md.append(" | ").append(count(Results.number(run.get("sdkThreadBytesPerEvent")))).append(" B |\n");
    }
    md.append('\n');
  }

  private void coldDetails(StringBuilder md) {
    md.append("## Cold start\n\n");
    md.append(ReportText.coldIntro(plan));
    md.append("| median (min – max) | ").append(SDK_NOTE).append(" | official 8.62.0 |\n| --- | ---: | ---: |\n");
    String[][] keys = {
        {"initMillis", "`init`, ms"},
        {"initProcessCpuMillis", "CPU time of the whole process during `init`, ms (all threads; JIT included)"},
        {"firstCaptureMillis", "first `captureException`, ms"},
        {"firstEventArrivedMillis", "first event at the server, ms after the capture began"},
        {"classesLoadedByInit", "classes loaded by `init`"},
        {"classesLoadedByFirstCapture", "classes loaded by the first capture"},
        {"threadsStartedByInit", "threads started by `init` (including ones that ended)"},
        {"heapKbAfterInit", "heap held after `init` (after a full GC), KiB"},
        {"nonHeapKbAfterInit", "non-heap (metaspace, code cache) added by `init`, KiB"}};
    for (String[] key : keys) {
      md.append("| ").append(key[1]);
      for (String sdk : Results.SDKS) {
        double[] range = results.coldRange(sdk, key[0]);
        md.append(" | ").append(number(results.coldMedian(sdk, key[0]))).append(" (").append(number(range[0]))
            .append(" – ").append(number(range[1])).append(')');
      }
      md.append(" |\n");
    }
    md.append("| threads `init` started that were still running after it | ").append(results.coldText("modular", "threadNames")).append(" | ")
        .append(results.coldText("official", "threadNames")).append(" |\n");
    for (String[] key : new String[][] {{"initNetworkCalls", "network/DNS calls on the calling thread in `init`"},
        {"captureNetworkCalls", "network/DNS calls on the calling thread in the first capture"}}) {
      md.append("| ").append(key[1]);
      for (String sdk : Results.SDKS) {
        md.append(" | ").append(results.network.getOrDefault(sdk, Map.of()).getOrDefault(key[0], "n/a"));
      }
      md.append(" |\n");
    }
    md.append('\n');
  }

  private void phases(StringBuilder md) {
    md.append("## This run\n\n");
    results.phaseSeconds.forEach((phase, seconds) ->
        md.append("- ").append(phase).append(": ").append(String.format(Locale.ROOT, "%.0f", seconds)).append(" s\n"));
    md.append("- whole suite: ").append(results.machine.get("minutes")).append(" min; load average (1/5/15 min) ")
        .append(results.machine.get("loadBefore")).append(" before, ").append(results.machine.get("loadAfter"))
        .append(" after\n");
  }

  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "n/a";
    }
    double magnitude = Math.abs(value);
    String format = magnitude >= 100 || value == Math.rint(value) && magnitude < 1e6 ? "%,.0f"
        : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, format, value);
  }

  private static String count(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
  }

  static String percent(double share) {
    return Double.isNaN(share) || Double.isInfinite(share) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }

  private static String percent(double part, double whole) {
    return whole > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * part / whole) : "n/a";
  }

  static String ratio(double ours, double official) {
    double ratio = ours / official;
    if (Double.isNaN(ratio) || Double.isInfinite(ratio) || ratio <= 0) {
      return "n/a";
    }
    return ratio >= 1 ? String.format(Locale.ROOT, "%.1f×", ratio) : fraction(ratio);
  }

  private static String fraction(double ratio) {
    double inverse = 1 / ratio;
    return Math.abs(inverse - Math.rint(inverse)) < 1e-9 ? "1/" + Math.round(inverse)
        : String.format(Locale.ROOT, "1/%.1f", inverse);
  }
}
