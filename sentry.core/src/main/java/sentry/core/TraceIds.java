package sentry.core;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the values a new or continued trace needs: random trace and span ids, and the {@code
 * sample_rand} of the dynamic sampling context, new or backfilled from the trace id. {@link
 * TraceHeaders} reads and writes them. Stateless.
 */
final class TraceIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private TraceIds() {}

  /** A new random trace id: 32 lower-case hex digits, not all zero. */
  static String newTraceId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = random.nextLong();
    long low = random.nextLong();
    return low == 0 && high == 0 ? newTraceId() : hex(high) + hex(low);
  }

  /** A new random span id: 16 lower-case hex digits, not all zero. */
  static String newSpanId() {
    long bits = ThreadLocalRandom.current().nextLong();
    return bits == 0 ? newSpanId() : hex(bits);
  }

  private static String hex(long bits) {
    char[] out = new char[16];
    for (int i = 15; i >= 0; i--) {
      out[i] = HEX[(int) (bits & 0xf)];
      bits >>>= 4;
    }
    return new String(out);
  }

  /** A new random {@code sample_rand}, from 0 (included) to 1 (excluded), six decimals. */
  static String newSampleRand() {
    return sampleRand(ThreadLocalRandom.current().nextInt(1_000_000));
  }

  /**
   * The {@code sample_rand} of a trace continued without one, as Python's SDK makes it: drawn from
   * the trace id, so every service that backfills it gets the same, and within {@code [0,
   * sample_rate)} when the parent sampled, {@code [sample_rate, 1)} when it did not.
   *
   * @param traceId the trace id
   * @param sampled the parent's decision, or null
   * @param sampleRate the incoming {@code sample_rate}, or null
   * @return the value, or null when the decision and the rate contradict each other
   */
  static String backfillSampleRand(String traceId, Boolean sampled, String sampleRate) {
    double rate = rate(sampleRate);
    int lower = 0;
    int upper = 1_000_000;
    if (sampled != null && !Double.isNaN(rate)) {
      if (sampled) {
        upper = (int) (rate * 1_000_000);
      } else {
        lower = (int) (rate * 1_000_000);
      }
    }
    if (lower >= upper) {
      return null;
    }
    long seed = Long.parseUnsignedLong(traceId.substring(0, 16), 16) ^ Long.parseUnsignedLong(traceId.substring(16), 16);
    return sampleRand(new SplittableRandom(seed).nextInt(lower, upper));
  }

  /**
   * Tells whether a {@code sample_rand} is valid: a number from 0 (included) to 1 (excluded).
   *
   * @param value the value, or null
   * @return true when it is
   */
  static boolean isSampleRand(String value) {
    double parsed = rate(value);
    return !Double.isNaN(parsed) && parsed < 1.0;
  }

  /** A number from 0 to 1, or NaN. */
  private static double rate(String value) {
    if (value == null || value.isEmpty() || value.length() > 32
        || !Character.isDigit(value.charAt(0)) || !Character.isDigit(value.charAt(value.length() - 1))) {
      return Double.NaN; // not "NaN", "Infinity", "0x1p-1" or "0.5d", which Java would read
    }
    try {
      double parsed = Double.parseDouble(value);
      return parsed >= 0.0 && parsed <= 1.0 ? parsed : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String sampleRand(int millionths) {
    String digits = Integer.toString(millionths);
    return "0." + "000000".substring(digits.length()) + digits;
  }
}
