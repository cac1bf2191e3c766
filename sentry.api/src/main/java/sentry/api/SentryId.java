package sentry.api;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The identifier of an event: 32 lower-case hexadecimal digits, or {@link #EMPTY} when no event
 * was queued. A value: two ids are equal when their digits are. Immutable and thread-safe.
 *
 * <p>Kept as 128 bits, its text made when first asked for: {@link #random()} on a capturing
 * thread neither writes nor checks digits; the SDK's thread writes them when it sends the event.
 */
public final class SentryId {
  /** The id returned by a capture whose event was dropped before it was queued. */
  public static final SentryId EMPTY = new SentryId(0L, 0L);

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

  private final long high;
  private final long low;
  /** The digits, made on first use; a race only makes the same string twice. */
  private @Nullable String value;

  /**
   * Makes an id from its digits, checking their form.
   *
   * @param value the 32 hex digits, or 32 zeros for {@link #EMPTY}
   * @throws IllegalArgumentException if {@code value} is not 32 lower-case hex digits
   */
  public SentryId(String value) {
    if (value.length() != 32) {
      throw new IllegalArgumentException(
          "event id \"" + value + "\" has " + value.length() + " characters: expected 32 hex digits");
    }
    long[] halves = new long[2];
    for (int i = 0; i < 32; i++) {
      char c = value.charAt(i);
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (digit < 0) {
        throw new IllegalArgumentException(
            "event id \"" + value + "\" has '" + c + "' at " + i + ": expected lower-case hex digits");
      }
      halves[i / 16] = halves[i / 16] << 4 | digit;
    }
    this.high = halves[0];
    this.low = halves[1];
    this.value = value;
  }

  private SentryId(long high, long low) {
    this.high = high;
    this.low = low;
  }

  /**
   * Makes a new random id (a version 4 UUID without dashes).
   *
   * @return a new id, never {@link #EMPTY}
   */
  public static SentryId random() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new SentryId(high, low);
  }

  /**
   * Returns the 32 lower-case hex digits.
   *
   * @return the digits; 32 zeros for {@link #EMPTY}
   */
  public String value() {
    String text = value;
    if (text == null) {
      byte[] digits = new byte[32];
      fill(digits, 0, high);
      fill(digits, 16, low);
      text = new String(digits, StandardCharsets.ISO_8859_1);
      value = text;
    }
    return text;
  }

  private static void fill(byte[] digits, int offset, long bits) {
    for (int i = 15; i >= 0; i--) {
      digits[offset + i] = HEX[(int) (bits & 0xf)];
      bits >>>= 4;
    }
  }

  /**
   * Tells whether this is the {@link #EMPTY} id.
   *
   * @return true when no event was queued
   */
  public boolean isEmpty() {
    return high == 0 && low == 0;
  }

  /**
   * Tells whether another object is an id with the same digits.
   *
   * @param other the object, or null
   * @return true when it is a {@code SentryId} with the same digits
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof SentryId id && id.high == high && id.low == low;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(high) * 31 + Long.hashCode(low);
  }

  /**
   * Returns the digits, as {@link #value()} does.
   *
   * @return the 32 hex digits
   */
  @Override
  public String toString() {
    return value();
  }
}
