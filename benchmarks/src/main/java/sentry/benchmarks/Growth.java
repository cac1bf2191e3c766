package sentry.benchmarks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The second table of the report, "how the cost grows with the work": each line compares this SDK
 * with itself, a benchmark doing more work against one doing less, on the application thread's
 * CPU time ({@link GrowthBenchmark}, {@link ContentionBenchmark}).
 */
final class Growth {
  /**
   * One line of the table.
   *
   * @param measure what is compared, in markdown
   * @param less the section (see {@link Stats#section}) with less work
   * @param lessLabel what "less" is
   * @param more the section with more work
   * @param moreLabel what "more" is
   * @param max the largest ratio that meets the target
   * @param nanos whether the cost is shown in ns rather than µs
   * @param wall whether JMH's wall-clock ratio means something here (one thread only)
   */
  record Pair(String measure, String less, String lessLabel, String more, String moreLabel, double max,
      boolean nanos, boolean wall) {}

  /** The lines, in the order. */
  static final List<Pair> PAIRS = List.of(
      new Pair("`captureException`, breadcrumbs on the scope", "captureWithScope:empty", "0",
          "captureWithScope:breadcrumbs100", "" + GrowthBenchmark.MANY_BREADCRUMBS, 1.2, false, true),
      new Pair("`captureException`, tags on the scope", "captureWithScope:empty", "0",
          "captureWithScope:tags50", "" + GrowthBenchmark.MANY_TAGS, 1.2, false, true),
      new Pair("`captureException`, frames in the stack (exceptions made before the timing)",
          "captureWithStack:10", "10", "captureWithStack:200", "200", 1.2, false, true),
      new Pair("`captureException` per capture, threads capturing at once", "captureOneThread", "1",
          "captureSixteenThreads", "" + ContentionBenchmark.THREADS, 2, false, false),
      new Pair("`addBreadcrumb` per call, threads at once (each on its own scope)", "addBreadcrumbOneThread", "1",
          "addBreadcrumbSixteenThreads", "" + ContentionBenchmark.THREADS, 2, true, false));

  private Growth() {}

  /** Returns the CPU-time ratio more ÷ less of a line, or NaN. */
  static double ratio(Results results, Pair pair) {
    return cpu(results, pair.more()) / cpu(results, pair.less());
  }

  /** Returns whether a line met its target, or null when it was not measured. */
  static Boolean met(Results results, Pair pair) {
    double ratio = ratio(results, pair);
    return Double.isNaN(ratio) || Double.isInfinite(ratio) ? null : ratio <= pair.max();
  }

  private static double cpu(Results results, String section) {
    return results.stat(section, "modular", "appCpuMicrosPerOp");
  }

  /** Renders the table and the notes under it. */
  static void render(StringBuilder md, Results results) {
    md.append("## How the cost grows with the work\n\n");
    md.append(ReportText.growthIntro());
    md.append("| measure | less | more | app-thread CPU, less | app-thread CPU, more | more ÷ less (CPU) "
        + "| more ÷ less (wall) | target | met? |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
    for (Pair pair : PAIRS) {
      double scale = pair.nanos() ? 1e3 : 1;
      String unit = pair.nanos() ? " ns" : " µs";
      Boolean met = met(results, pair);
      md.append("| ").append(pair.measure()).append(" | ").append(pair.lessLabel()).append(" | ")
          .append(pair.moreLabel()).append(" | ").append(Report.number(cpu(results, pair.less()) * scale)).append(unit)
          .append(" | ").append(Report.number(cpu(results, pair.more()) * scale)).append(unit).append(" | ")
          .append(times(ratio(results, pair))).append(" | ")
          .append(pair.wall() ? times(wall(results, pair.more()) / wall(results, pair.less())) : "(not meaningful)")
          .append(" | ≤ ").append(times(pair.max())).append(" | ")
          .append(met == null ? "n/a" : met ? "**yes**" : "**no**").append(" |\n");
    }
    md.append('\n');
    overflowNote(md, results);
  }

  private static double wall(Results results, String section) {
    Results.Measure measure = results.jmh(section, "modular");
    return measure == null ? Double.NaN : measure.score();
  }

  /** Says so if a growth benchmark's queue overflowed: its captures then partly timed the drop path. */
  private static void overflowNote(StringBuilder md, Results results) {
    Set<String> sections = new LinkedHashSet<>();
    PAIRS.forEach(pair -> sections.addAll(List.of(pair.less(), pair.more())));
    for (String section : sections) {
      for (Map.Entry<String, String> stat : results.stats(section, "modular").entrySet()) {
        if (stat.getKey().startsWith("dropped.queue_overflow") && Results.number(stat.getValue()) > 0) {
          md.append("**`").append(section).append("` overflowed its queue** (").append(stat.getValue())
              .append(" events): some of its captures timed the drop path, not the enqueue.\n\n");
        }
      }
    }
  }

  /** Says, from this run's figures, how far a missed line is from its target. */
  static String needed(Results results, Pair pair) {
    double scale = pair.nanos() ? 1e3 : 1;
    String unit = pair.nanos() ? "ns" : "µs";
    double less = cpu(results, pair.less()) * scale;
    double more = cpu(results, pair.more()) * scale;
    double allowed = less * pair.max();
    return String.format(Locale.ROOT, "In this run the case with more work (%s) cost %s the case with less (%s) "
            + "in application-thread CPU; the target is at most %s. With %s %s for the smaller case, the larger "
            + "may cost at most %s %s: %s less than this run's %s %s.", pair.moreLabel(), times(more / less),
        pair.lessLabel(), times(pair.max()), Report.number(less), unit, Report.number(allowed), unit,
        Report.percent(1 - allowed / more), Report.number(more), unit);
  }

  static String times(double ratio) {
    return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "n/a"
        : String.format(Locale.ROOT, "%.2f×", ratio);
  }
}
