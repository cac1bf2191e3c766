package sentry.benchmarks;

import java.util.Map;

/**
 * For each target, where this SDK spends the time that keeps it from the target, and what would
 * close the gap: found by profiling the benchmarks; shown in the report only when the target is
 * missed in that run.
 */
final class HotSpots {
  private HotSpots() {}

  static final Map<String, String> TEXT = Map.of();
}
