package sentry.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Everything one run of the suite measured, as the report reads it. */
final class Results {
  /** The two SDKs, ours first. */
  static final List<String> SDKS = List.of("modular", "official");

  /**
   * One JMH result.
   *
   * @param score the mean
   * @param error the half-width of JMH's 99.9% confidence interval (NaN with one sample)
   * @param unit JMH's unit, such as {@code us/op}
   * @param allocNorm {@code gc.alloc.rate.norm}: bytes per operation, all threads of the JVM
   */
  record Measure(double score, double error, String unit, double allocNorm) {}

  final Map<String, String> machine = new LinkedHashMap<>();
  final Map<String, Measure> jmh = new LinkedHashMap<>();
  final Map<String, Map<String, Map<String, String>>> stats = new LinkedHashMap<>();
  final Map<String, Map<String, String>> endToEnd = new LinkedHashMap<>();
  /** This SDK's end-to-end runs per transport, by {@code server|transport}. */
  final Map<String, Map<String, String>> transports = new LinkedHashMap<>();
  final Map<String, List<Map<String, String>>> cold = new LinkedHashMap<>();
  final Map<String, Map<String, String>> network = new LinkedHashMap<>();
  final List<String> problems = new ArrayList<>();
  final Map<String, Double> phaseSeconds = new LinkedHashMap<>();

  /** Returns a JMH result, or null. */
  Measure jmh(String benchmark, String sdk) {
    return jmh.get(benchmark + "|" + sdk);
  }

  /** Returns a value the benchmark JVMs wrote, or NaN. */
  double stat(String section, String sdk, String key) {
    String value = stats.getOrDefault(section, Map.of()).getOrDefault(sdk, Map.of()).get(key);
    return number(value);
  }

  /** Returns the values the benchmark JVMs wrote for a section and SDK. */
  Map<String, String> stats(String section, String sdk) {
    return stats.getOrDefault(section, Map.of()).getOrDefault(sdk, Map.of());
  }

  /** Returns an end-to-end value, or NaN. */
  double endToEnd(String server, String sdk, String key) {
    return number(endToEnd.getOrDefault(server + "|" + sdk, Map.of()).get(key));
  }

  /** Returns the median of a cold-start value over the runs, or NaN. */
  double coldMedian(String sdk, String key) {
    List<Double> values = new ArrayList<>();
    for (Map<String, String> run : cold.getOrDefault(sdk, List.of())) {
      double value = number(run.get(key));
      if (!Double.isNaN(value)) {
        values.add(value);
      }
    }
    if (values.isEmpty()) {
      return Double.NaN;
    }
    values.sort(Double::compare);
    int middle = values.size() / 2;
    return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
  }

  /** Returns the smallest and largest cold-start value over the runs. */
  double[] coldRange(String sdk, String key) {
    double min = Double.NaN;
    double max = Double.NaN;
    for (Map<String, String> run : cold.getOrDefault(sdk, List.of())) {
      double value = number(run.get(key));
      if (!Double.isNaN(value)) {
        min = Double.isNaN(min) ? value : Math.min(min, value);
        max = Double.isNaN(max) ? value : Math.max(max, value);
      }
    }
    return new double[] {min, max};
  }

  /** Returns a text value of the first cold run, or an empty string. */
  String coldText(String sdk, String key) {
    List<Map<String, String>> runs = cold.getOrDefault(sdk, List.of());
    return runs.isEmpty() ? "" : Objects.toString(runs.get(0).get(key), "");
  }

  static double number(String value) {
    if (value == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
