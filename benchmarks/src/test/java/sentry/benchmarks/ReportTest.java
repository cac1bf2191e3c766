package sentry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final List<String> ISSUE_TEN = List.of("`captureException`, app-thread CPU, net",
      "`captureException`, wall, net", "app-thread allocation per `captureException`, net", "`captureMessage`, wall",
      "`addBreadcrumb`", "`withScope` + `setTag`", "SDK threads' CPU per delivered event",
      "whole-process CPU per delivered event", "cold `init` (median of 15 JVMs)",
      "first event at the server after the first capture (median of 15 JVMs)");

  @Test
  void resultsTableHasTheIssuesTargetsInItsOrderAndJudgesThemFromTheFigures() {
    String md = new Report(sample(), Suite.Plan.full()).render();

    List<String> rows = tableRows(md, "## Results");
    assertThat(rows).hasSize(ISSUE_TEN.size());
    for (int i = 0; i < rows.size(); i++) {
      assertThat(cells(rows.get(i)).get(0)).isEqualTo(ISSUE_TEN.get(i));
    }
    // CPU net 1 against 30: 1/30 meets 1/25; allocation net 1,000 B against 10,000 B misses it.
    assertThat(cells(rows.get(0))).containsSubsequence("1", "30", "1/30", "≤ 1/25", "**yes**");
    assertThat(cells(rows.get(2))).containsSubsequence("1,000", "10,000", "1/10", "≤ 1/25", "**no**");
    // First event: 80 ms against 74 ms misses ≤ 1×.
    assertThat(cells(rows.get(9))).containsSubsequence("80", "74", "1.1×", "≤ 1×", "**no**");
    assertThat(md).contains("### app-thread allocation per `captureException`, net")
        .contains("allows at most 400 B: 60% less than this run's figure");
  }

  @Test
  void growthTableComparesThisSdkWithItselfOnCpuTime() {
    String md = new Report(sample(), Suite.Plan.full()).render();

    List<String> rows = tableRows(md, "## How the cost grows with the work");
    assertThat(rows).hasSize(Growth.PAIRS.size());
    assertThat(cells(rows.get(0)))
        .containsSubsequence("0", "100", "10 µs", "11 µs", "1.10×", "≤ 1.20×", "**yes**");
    assertThat(cells(rows.get(1)))
        .containsSubsequence("0", "50", "10 µs", "13 µs", "1.30×", "≤ 1.20×", "**no**");
    assertThat(cells(rows.get(4)))
        .containsSubsequence("1", "16", "80 ns", "200 ns", "2.50×", "≤ 2.00×", "**no**");
    assertThat(md).contains("With 10 µs for the smaller case, the larger may cost at most 12")
        .contains("8% less than this run's 13 µs");
  }

  @Test
  void aTransportThatDidNotRunIsNamedWithTheModuleToAdd() {
    String md = new Report(sample(), Suite.Plan.full()).render();

    assertThat(tableRows(md, "### Per transport")).hasSize(1);
    assertThat(md).contains("Not run: `httpcore`").contains("add `sentry-transport-httpcore`");
  }

  @Test
  void everyTableHasAsManyCellsInEachRowAsInItsHeader() {
    String md = new Report(sample(), Suite.Plan.full()).render();

    List<List<String>> tables = new ArrayList<>();
    List<String> current = null;
    for (String line : md.split("\n")) {
      if (line.startsWith("|")) {
        if (current == null) {
          current = new ArrayList<>();
          tables.add(current);
        }
        current.add(line);
      } else {
        current = null;
      }
    }
    assertThat(tables).hasSizeGreaterThan(8);
    for (List<String> table : tables) {
      int header = cells(table.get(0)).size();
      assertThat(table).allSatisfy(line -> assertThat(cells(line)).as(line).hasSize(header));
    }
  }

  /** The body rows of the first table after a heading. */
  private static List<String> tableRows(String md, String heading) {
    String after = md.substring(md.indexOf(heading + "\n"));
    List<String> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : after.split("\n")) {
      if (line.startsWith("|")) {
        inTable = true;
        rows.add(line);
      } else if (inTable) {
        break;
      }
    }
    return rows.subList(2, rows.size());
  }

  private static List<String> cells(String row) {
    List<String> cells = new ArrayList<>();
    for (String cell : row.substring(1, row.length() - 1).split("\\|", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }

  private static Results sample() {
    Results results = new Results();
    results.jmh.put("buildException|-", new Results.Measure(4, 0.1, "us/op", 2800));
    measure(results, "captureException", 5, 34);
    measure(results, "captureMessage", 2, 16);
    results.jmh.put("addBreadcrumb|modular", new Results.Measure(40, 1, "ns/op", 100));
    results.jmh.put("addBreadcrumb|official", new Results.Measure(80, 1, "ns/op", 200));
    results.jmh.put("withScopeSetTag|modular", new Results.Measure(90, 1, "ns/op", 100));
    results.jmh.put("withScopeSetTag|official", new Results.Measure(380, 1, "ns/op", 200));
    stat(results, "buildException", "-", Map.of("appCpuMicrosPerOp", "3", "appBytesPerOp", "2800", "frames", "55+59"));
    stat(results, "captureException", "modular", Map.of("appCpuMicrosPerOp", "4", "appBytesPerOp", "3800"));
    stat(results, "captureException", "official", Map.of("appCpuMicrosPerOp", "33", "appBytesPerOp", "12800"));
    stat(results, "captureWithScope:empty", "modular", Map.of("appCpuMicrosPerOp", "10"));
    stat(results, "captureWithScope:breadcrumbs100", "modular", Map.of("appCpuMicrosPerOp", "11"));
    stat(results, "captureWithScope:tags50", "modular", Map.of("appCpuMicrosPerOp", "13"));
    stat(results, "captureWithStack:10", "modular", Map.of("appCpuMicrosPerOp", "10"));
    stat(results, "captureWithStack:200", "modular", Map.of("appCpuMicrosPerOp", "10.5"));
    stat(results, "captureOneThread", "modular", Map.of("appCpuMicrosPerOp", "10"));
    stat(results, "captureSixteenThreads", "modular", Map.of("appCpuMicrosPerOp", "15"));
    stat(results, "addBreadcrumbOneThread", "modular", Map.of("appCpuMicrosPerOp", "0.08"));
    stat(results, "addBreadcrumbSixteenThreads", "modular", Map.of("appCpuMicrosPerOp", "0.2"));
    results.endToEnd.put("fast|modular", run(100, 400));
    results.endToEnd.put("fast|official", run(450, 1200));
    results.transports.put("fast|jdk", run(150, 500));
    for (int i = 0; i < 15; i++) {
      results.cold.computeIfAbsent("modular", k -> new ArrayList<>())
          .add(Map.of("initMillis", "20", "firstEventArrivedMillis", "80"));
      results.cold.computeIfAbsent("official", k -> new ArrayList<>())
          .add(Map.of("initMillis", "90", "firstEventArrivedMillis", "74"));
    }
    return results;
  }

  private static void measure(Results results, String benchmark, double ours, double official) {
    results.jmh.put(benchmark + "|modular", new Results.Measure(ours, 0.1, "us/op", 1000));
    results.jmh.put(benchmark + "|official", new Results.Measure(official, 0.1, "us/op", 1000));
  }

  private static void stat(Results results, String section, String sdk, Map<String, String> values) {
    results.stats.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(sdk, new LinkedHashMap<>(values));
  }

  private static Map<String, String> run(double sdkThreads, double process) {
    Map<String, String> run = new LinkedHashMap<>();
    run.put("captured", "10000");
    run.put("delivered", "10000");
    run.put("seconds", "4");
    run.put("eventsPerSecond", "2500");
    run.put("cpuMicrosPerEvent.sdkThreads", "" + sdkThreads);
    run.put("cpuMicrosPerEvent.process", "" + process);
    return run;
  }
}
