package sentry.core.json;

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

  private static boolean hasSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Formats an instant as RFC 3339 in UTC with milliseconds, as the official Java SDK does.
   *
   * @param instant the instant
   * @return such as {@code 2026-11-22T01:28:10.682Z}
   */
  static String timestamp(Instant instant) {
    return RFC_3339_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }
}
