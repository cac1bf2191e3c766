package sentry.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders {@code docs/PERFORMANCE.md} from one run's results. */
final class Report {
  private static final String SDK_NOTE = "this SDK";

  /** A row of the summary: a ratio target, or an absolute one. */
  private record Row(String measure, String unit, double ours, double official, String target,
      Boolean met, String key) {}

  private final Results results;
  private final Suite.Plan plan;
  private final List<Row> rows = new ArrayList<>();

  Report(Results results, Suite.Plan plan) {
    this.results = results;
    this.plan = plan;
  }

  String render() {
    buildRows();
    StringBuilder md = new StringBuilder();
    md.append(ReportText.intro(plan, results.machine));
    summary(md);
    md.append(ReportText.missedIntro(missed()));
    boolean capturePathShown = false;
    for (Row row : rows) {
      if (Boolean.FALSE.equals(row.met())) {
        String key = row.key();
        if (key.equals("captureMessage") && capturePathShown) {
          key = "captureMessage.short";
        }
        capturePathShown |= key.equals("captureException");
        md.append(ReportText.hotSpot(key));
      }
    }
    jmhDetails(md);
    deliveryDetails(md);
    endToEndDetails(md);
    coldDetails(md);
    md.append(ReportText.setup(results.coldText("modular", "integrations"),
        results.coldText("official", "integrations")));
    md.append(ReportText.method());
    phases(md);
    return md.toString();
  }

  private List<String> missed() {
    List<String> missed = new ArrayList<>();
    for (Row row : rows) {
      if (Boolean.FALSE.equals(row.met())) {
        missed.add(row.measure());
      }
    }
    return missed;
  }

  private void buildRows() {
    double build = score("buildException", "-");
    double oursNet = score("captureException", "modular") - build;
    double theirsNet = score("captureException", "official") - build;
    ratioRow("`captureException`, net of building the exception", "µs", oursNet, theirsNet, 1 / 20.0, "captureException");
    double buildBytes = results.stat("buildException", "-", "appBytesPerOp");
    ratioRow("allocation per `captureException` on the application thread, net", "B",
        results.stat("captureException", "modular", "appBytesPerOp") - buildBytes,
        results.stat("captureException", "official", "appBytesPerOp") - buildBytes, 1 / 8.0, "allocation");
    ratioRow("`captureMessage`", "µs", score("captureMessage", "modular"), score("captureMessage", "official"),
        1 / 10.0, "captureMessage");
    ratioRow("`addBreadcrumb`", "ns", score("addBreadcrumb", "modular"), score("addBreadcrumb", "official"),
        1 / 2.0, "addBreadcrumb");
    ratioRow("`withScope` + `setTag`", "ns", score("withScopeSetTag", "modular"),
        score("withScopeSetTag", "official"), 1 / 2.0, "withScope");
    throughputRow("events delivered per second, roomy queue", "fast", "throughput");
    throughputRow("events delivered per second, 100 ms server", "slow", "slowServer");
    ratioRow("cold `init` (median of " + plan.coldRuns() + " JVMs)", "ms", results.coldMedian("modular", "initMillis"),
        results.coldMedian("official", "initMillis"), 1 / 4.0, "coldInit");
    double oursCalls = calls("modular");
    rows.add(new Row("network or DNS calls on the calling thread during `init`", "", oursCalls, calls("official"),
        "0", Double.isNaN(oursCalls) ? null : oursCalls == 0, "initNetwork"));
    double noDsn = score("noDsn.captureException", "modular");
    rows.add(new Row("`captureException` with no DSN", "ns", noDsn, score("noDsn.captureException", "official"),
        "≤ 50 ns absolute", Double.isNaN(noDsn) ? null : noDsn <= 50, "noDsn"));
  }

  private double calls(String sdk) {
    String value = results.network.getOrDefault(sdk, Map.of()).get("initNetworkCalls");
    return value == null ? Double.NaN : Results.number(value.split(" ")[0]);
  }

  private void ratioRow(String measure, String unit, double ours, double official, double max, String key) {
    double ratio = ours / official;
    rows.add(new Row(measure, unit, ours, official, "≤ " + fraction(max),
        Double.isNaN(ratio) ? null : ratio <= max, key));
  }

  private void throughputRow(String measure, String server, String key) {
    double ours = results.endToEnd(server, "modular", "eventsPerSecond");
    double official = results.endToEnd(server, "official", "eventsPerSecond");
    double ratio = ours / official;
    rows.add(new Row(measure, "events/s", ours, official, "≥ 10×", Double.isNaN(ratio) ? null : ratio >= 10, key));
  }

  private double score(String benchmark, String sdk) {
    Results.Measure measure = results.jmh(benchmark, sdk);
    return measure == null ? Double.NaN : measure.score();
  }

  private void summary(StringBuilder md) {
    md.append("## Results\n\n");
    md.append("| measure | unit | ").append(SDK_NOTE).append(" | official 8.62.0 | ours ÷ official | target | met? |\n");
    md.append("| --- | --- | ---: | ---: | ---: | --- | --- |\n");
    for (Row row : rows) {
      md.append("| ").append(row.measure()).append(" | ").append(row.unit()).append(" | ")
          .append(number(row.ours())).append(" | ").append(number(row.official())).append(" | ")
          .append(ratio(row.ours(), row.official())).append(" | ").append(row.target()).append(" | ")
          .append(row.met() == null ? "n/a" : row.met() ? "**yes**" : "**no**").append(" |\n");
    }
    md.append("\nThe exception baseline (building the exception only) took ")
        .append(number(score("buildException", "-"))).append(" µs and allocated ")
        .append(number(results.stat("buildException", "-", "appBytesPerOp")))
        .append(" B; its stack and its cause's had ").append(results.stats("buildException", "-").get("frames"))
        .append(" frames.\n\n");
    crossCheck(md);
  }

  /** The capture targets again, on the application thread's CPU time instead of JMH's wall clock. */
  private void crossCheck(StringBuilder md) {
    double build = results.stat("buildException", "-", "appCpuMicrosPerOp");
    double oursNet = results.stat("captureException", "modular", "appCpuMicrosPerOp") - build;
    double theirsNet = results.stat("captureException", "official", "appCpuMicrosPerOp") - build;
    double oursMessage = results.stat("captureMessage", "modular", "appCpuMicrosPerOp");
    double theirsMessage = results.stat("captureMessage", "official", "appCpuMicrosPerOp");
    md.append(ReportText.crossCheckIntro());
    md.append("| measure | this SDK, µs | official, µs | ours ÷ official | target | met on CPU time? |\n");
    md.append("| --- | ---: | ---: | ---: | --- | --- |\n");
    crossCheckRow(md, "`captureException`, net of building the exception", oursNet, theirsNet, 1 / 20.0);
    crossCheckRow(md, "`captureMessage`", oursMessage, theirsMessage, 1 / 10.0);
    md.append('\n');
  }

  private static void crossCheckRow(StringBuilder md, String measure, double ours, double official, double max) {
    double ratio = ours / official;
    md.append("| ").append(measure).append(" | ").append(number(ours)).append(" | ").append(number(official))
        .append(" | ").append(ratio(ours, official)).append(" | ≤ ").append(fraction(max)).append(" | ")
        .append(Double.isNaN(ratio) ? "n/a" : ratio <= max ? "yes" : "no").append(" |\n");
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
    return inverse == Math.rint(inverse) ? "1/" + (long) inverse : String.format(Locale.ROOT, "1/%.1f", inverse);
  }
}
