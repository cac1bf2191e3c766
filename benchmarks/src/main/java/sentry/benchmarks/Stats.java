package sentry.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers that JMH does not report (the application thread's own allocation, what the server
 * received, what each SDK dropped), written by the benchmark JVMs as tab-separated lines
 * {@code section, sdk, key, value} to the file named by the system property {@code bench.stats},
 * and read back by {@link Suite}.
 */
final class Stats {
  /** The system property that names the file. */
  static final String PROPERTY = "bench.stats";

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Stats() {}

  /**
   * Returns the name under which a benchmark's results are filed: the method's name, followed by
   * {@code :value} for each parameter other than {@code sdk} (such as {@code captureWithStack:200}).
   *
   * @param params JMH's parameters of the run
   * @return the section name
   */
  static String section(org.openjdk.jmh.infra.BenchmarkParams params) {
    String benchmark = params.getBenchmark();
    StringBuilder section = new StringBuilder(benchmark.substring(benchmark.lastIndexOf('.') + 1));
    for (String key : params.getParamsKeys()) {
      if (!key.equals("sdk")) {
        section.append(':').append(params.getParam(key));
      }
    }
    return section.toString();
  }

  /** Returns the CPU time the calling thread has used since it started, in nanoseconds. */
  static long threadCpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /** Returns the bytes the calling thread has allocated since it started. */
  static long threadAllocatedBytes() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }

  /**
   * Appends values under a section and SDK; does nothing when {@code bench.stats} is not set.
   *
   * @param section such as {@code captureException}
   * @param sdk {@code modular}, {@code official} or {@code -}
   * @param values the values, in order
   */
  static void write(String section, String sdk, Map<String, ?> values) {
    String file = System.getProperty(PROPERTY);
    if (file == null) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    values.forEach((key, value) -> lines.append(section).append('\t').append(sdk).append('\t')
        .append(key).append('\t').append(value).append('\n'));
    try {
      Files.writeString(Path.of(file), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write benchmark stats to " + file, e);
    }
  }

  /**
   * Reads a stats file back: section, then sdk, then key to value; later lines win.
   *
   * @param file the file; missing means empty
   * @return the values
   */
  static Map<String, Map<String, Map<String, String>>> read(Path file) throws IOException {
    Map<String, Map<String, Map<String, String>>> all = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return all;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines) {
      String[] cells = line.split("\t", 4);
      if (cells.length == 4) {
        all.computeIfAbsent(cells[0], k -> new LinkedHashMap<>())
            .computeIfAbsent(cells[1], k -> new LinkedHashMap<>()).put(cells[2], cells[3]);
      }
    }
    return all;
  }
}
