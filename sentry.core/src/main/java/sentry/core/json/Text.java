package sentry.core.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Strings and timestamps as they go on the wire: valid UTF-16 in, valid UTF-8 out, and short. */
final class Text {
  /** The longest message, exception value or data string, in UTF-16 units (PROTOCOL.md). */
  static final int MAX_CHARS = 8192;
  /** The longest tag key. */
  static final int MAX_TAG_KEY = 32;
  /** The longest tag value: PROTOCOL.md asks for fewer than 200 characters. */
  static final int MAX_TAG_VALUE = 199;
  /** What ends a string that was cut, so a reader sees that it was. */
  static final String CUT_MARK = "...";

  private static final char REPLACEMENT = '\uFFFD';
  private static final DateTimeFormatter RFC_3339_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The first second of the year 10000, from which the formatter writes a sign and five digits. */
  private static final long YEAR_10000 = 253_402_300_800L;

  private Text() {}

  /**
   * Makes a string safe to write: lone surrogates become U+FFFD (jackson would write them as
   * {@code \}{@code uD800} escapes, which strict parsers such as Relay's reject) and a string longer
   * than {@code max} is cut to {@code max} units ending in {@link #CUT_MARK}, never between the two
   * halves of a surrogate pair.
   *
   * @param text the string
   * @param max the longest result, at least 1 (below 4 a cut string has no room for the mark,
   *     and is only cut)
   * @return the string itself when it needs no change
   */
  static String clean(String text, int max) {
    int length = text.length();
    if (length <= max && !hasSurrogate(text)) {
      return text;
    }
    boolean marked = max > CUT_MARK.length();
    int keep = length <= max ? length : marked ? max - CUT_MARK.length() : max;
    if (keep < length && keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))
        && Character.isLowSurrogate(text.charAt(keep))) {
      keep--;
    }
    StringBuilder out = new StringBuilder(keep + CUT_MARK.length());
    for (int i = 0; i < keep; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < keep && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
      }
    }
    if (keep < length && marked) {
      out.append(CUT_MARK);
    }
    return out.toString();
  }

  static boolean hasSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Formats an instant as RFC 3339 in UTC with milliseconds, as the official Java SDK does.
   * Written digit by digit for the years 1970 to 9999 (every breadcrumb has a timestamp, and a
   * {@link DateTimeFormatter} took a tenth of the serializer's time); others go through the
   * formatter, which writes them the same way.
   *
   * @param instant the instant
   * @return such as {@code 2026-11-22T01:28:10.682Z}
   */
  static String timestamp(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < 0 || seconds >= YEAR_10000) {
      return RFC_3339_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
    // Days to a civil date: H. Hinnant's days_from_civil, inverted, for days since 1970.
    long z = seconds / 86_400 + 719_468;
    long era = z / 146_097;
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long shiftedMonth = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    int secondOfDay = (int) (seconds % 86_400);
    byte[] out = new byte[24];
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, month, 2);
    out[7] = '-';
    digits(out, 8, day, 2);
    out[10] = 'T';
    digits(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    digits(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, secondOfDay % 60, 2);
    out[19] = '.';
    digits(out, 20, instant.getNano() / 1_000_000, 3);
    out[23] = 'Z';
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  private static void digits(byte[] out, int at, int value, int count) {
    for (int i = at + count - 1, v = value; i >= at; i--, v /= 10) {
      out[i] = (byte) ('0' + v % 10);
    }
  }
}
