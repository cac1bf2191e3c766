package sentry.api;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The identifier of an event: 32 lower-case hexadecimal digits, or {@link #EMPTY} when no event
 * was queued.
 *
 * @param value the 32 hex digits, or 32 zeros for {@link #EMPTY}
 */
public record SentryId(String value) {
  /** The id returned by a capture whose event was dropped before it was queued. */
  public static final SentryId EMPTY = new SentryId("00000000000000000000000000000000");

  /**
   * Checks the form of the id.
   *
   * @param value the 32 hex digits, or 32 zeros for {@link #EMPTY}
   * @throws IllegalArgumentException if {@code value} is not 32 lower-case hex digits
   */
  public SentryId {
    if (value.length() != 32) {
      throw new IllegalArgumentException(
          "event id \"" + value + "\" has " + value.length() + " characters: expected 32 hex digits");
    }
    for (int i = 0; i < 32; i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw new IllegalArgumentException(
            "event id \"" + value + "\" has '" + c + "' at " + i + ": expected lower-case hex digits");
      }
    }
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
    byte[] digits = new byte[32];
    fill(digits, 0, high);
    fill(digits, 16, low);
    return new SentryId(new String(digits, StandardCharsets.ISO_8859_1));
  }

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

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
    return EMPTY.value.equals(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
