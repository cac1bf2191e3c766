package sentry.core;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the headers that carry a trace between services: Sentry's {@code sentry-trace}
 * ({@code <trace_id>-<span_id>[-<sampled>]}), the W3C {@code traceparent} ({@code
 * <version>-<trace_id>-<parent_id>-<flags>}) and the W3C {@code baggage}, of which only the {@code
 * sentry-} list members are Sentry's (the dynamic sampling context).
 *
 * <p>Reading is strict and never throws: anything that is not exactly the format (a wrong length,
 * upper-case or non-hex digits, an all-zero id, a value given twice with two meanings, a baggage
 * over the W3C limits of {@value #MAX_BAGGAGE_MEMBERS} members and {@value #MAX_BAGGAGE_BYTES}
 * bytes, a {@code sentry-} member that is not {@code key=value} with a token key and a
 * percent-encoded UTF-8 value) reads as malformed, and the caller starts a new trace. Other
 * vendors' baggage members are not read, only counted. Stateless.
 */
final class TraceHeaders {
  /** The most list members a W3C baggage may have. */
  static final int MAX_BAGGAGE_MEMBERS = 64;
  /** The most bytes a W3C baggage may have. */
  static final int MAX_BAGGAGE_BYTES = 8192;
  /** The prefix of Sentry's baggage members. */
  static final String SENTRY_PREFIX = "sentry-";

  /** Longer than any sentry-trace or traceparent that a few identical copies joined make. */
  private static final int MAX_TRACE_HEADER = 1024;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private TraceHeaders() {}

  /**
   * What a {@code sentry-trace} or {@code traceparent} header says.
   *
   * @param traceId the trace id, 32 lower-case hex digits, not all zero
   * @param spanId the sending span's id, 16 lower-case hex digits, not all zero
   * @param sampled the sender's sampling decision, or null when it sent none
   */
  record Parent(String traceId, String spanId, Boolean sampled) {}

  /**
   * Reads a {@code sentry-trace} header, or a W3C {@code traceparent} (told apart by the {@code -}
   * after two digits). Several values joined with commas are taken when they are all the same.
   *
   * @param header the header value, or null
   * @return what it says, or null when it is absent or malformed
   */
  static Parent parseTrace(String header) {
    if (header == null || header.length() > MAX_TRACE_HEADER) {
      return null;
    }
    String value = single(header);
    if (value == null) {
      return null;
    }
    return value.length() > 2 && value.charAt(2) == '-' ? parseTraceparent(value) : parseSentryTrace(value);
  }

  /** The one value of a header that may have been given several times: null when they differ. */
  private static String single(String header) {
    String found = null;
    for (String part : header.split(",", -1)) {
      String value = strip(part);
      if (value.isEmpty()) {
        continue;
      }
      if (found != null && !found.equals(value)) {
        return null;
      }
      found = value;
    }
    return found;
  }

  private static Parent parseSentryTrace(String value) {
    int length = value.length();
    if (length != 49 && length != 51 || value.charAt(32) != '-') {
      return null;
    }
    String traceId = value.substring(0, 32);
    String spanId = value.substring(33, 49);
    if (!isId(traceId) || !isId(spanId)) {
      return null;
    }
    Boolean sampled = null;
    if (length == 51) {
      char flag = value.charAt(50);
      if (value.charAt(49) != '-' || flag != '0' && flag != '1') {
        return null;
      }
      sampled = flag == '1';
    }
    return new Parent(traceId, spanId, sampled);
  }

  private static Parent parseTraceparent(String value) {
    // version "-" trace-id "-" parent-id "-" trace-flags; a later version may append "-" fields.
    int length = value.length();
    if (length < 55 || value.charAt(35) != '-' || value.charAt(52) != '-') {
      return null;
    }
    String version = value.substring(0, 2);
    if (!isHex(version) || version.equals("ff") || version.equals("00") && length != 55
        || length > 55 && value.charAt(55) != '-') {
      return null;
    }
    String traceId = value.substring(3, 35);
    String spanId = value.substring(36, 52);
    String flags = value.substring(53, 55);
    if (!isId(traceId) || !isId(spanId) || !isHex(flags)) {
      return null;
    }
    return new Parent(traceId, spanId, (Integer.parseInt(flags, 16) & 1) == 1);
  }

  /**
   * Reads the {@code sentry-} members of a W3C {@code baggage} header.
   *
   * @param header the header value, several headers joined with commas; or null
   * @return the values by key without the prefix, in their order, percent-decoded; empty when
   *     there is no header or no {@code sentry-} member; null when the header is malformed
   */
  static Map<String, String> parseBaggage(String header) {
    Map<String, String> sentry = new LinkedHashMap<>();
    if (header == null) {
      return sentry;
    }
    if (header.length() > MAX_BAGGAGE_BYTES) {
      return null;
    }
    int members = 0;
    for (String part : header.split(",", -1)) {
      String member = strip(part);
      if (member.isEmpty()) {
        continue;
      }
      if (++members > MAX_BAGGAGE_MEMBERS) {
        return null;
      }
      if (!member.startsWith(SENTRY_PREFIX)) {
        continue; // another vendor's: not ours to judge
      }
      int equals = member.indexOf('=');
      String name = equals < 0 ? "" : strip(member.substring(SENTRY_PREFIX.length(), equals));
      if (name.isEmpty() || !isToken(name)) {
        return null;
      }
      String raw = member.substring(equals + 1);
      int semicolon = raw.indexOf(';'); // properties: not used by Sentry
      String value = decode(strip(semicolon < 0 ? raw : raw.substring(0, semicolon)));
      if (value == null) {
        return null;
      }
      String previous = sentry.putIfAbsent(name, value);
      if (previous != null && !previous.equals(value)) {
        return null;
      }
    }
    return sentry;
  }

  /**
   * Writes a dynamic sampling context as {@code sentry-} baggage members, in its order, each value
   * percent-encoded where the W3C baggage grammar needs it; a member that would take the header
   * over {@value #MAX_BAGGAGE_MEMBERS} members or {@value #MAX_BAGGAGE_BYTES} bytes is left out.
   *
   * @param dsc the values by key without the prefix
   * @return the header value; empty when there is nothing to send
   */
  static String baggage(Map<String, String> dsc) {
    StringBuilder out = new StringBuilder(160);
    int members = 0;
    for (Map.Entry<String, String> entry : dsc.entrySet()) {
      String member = SENTRY_PREFIX + entry.getKey() + "=" + encode(entry.getValue());
      int added = member.length() + (out.length() == 0 ? 0 : 1);
      if (members == MAX_BAGGAGE_MEMBERS || out.length() + added > MAX_BAGGAGE_BYTES || !isToken(entry.getKey())) {
        continue;
      }
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(member);
      members++;
    }
    return out.toString();
  }

  /**
   * Percent-encodes a baggage value: every UTF-8 byte that the W3C grammar does not allow as it is
   * (controls, space, {@code "}, {@code ,}, {@code ;}, {@code \}, non-ASCII), and {@code %}.
   *
   * @param value the value
   * @return the encoded value, all ASCII
   */
  static String encode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (isBaggageOctet(c) && c != '%') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(HEX[c >> 4])).append(Character.toUpperCase(HEX[c & 0xf]));
      }
    }
    return out.toString();
  }

  /**
   * Decodes a baggage value: only characters the W3C grammar allows, {@code %} followed by two hex
   * digits, and UTF-8 underneath.
   *
   * @param raw the value as sent
   * @return the value, or null when it is not a valid encoding
   */
  static String decode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int high = i + 2 < raw.length() ? hexDigit(raw.charAt(i + 1)) : -1;
        int low = high < 0 ? -1 : hexDigit(raw.charAt(i + 2));
        if (low < 0) {
          return null;
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else if (isBaggageOctet(c)) {
        bytes.write(c);
      } else {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** An ASCII hex digit's value, either case; -1 for anything else. */
  private static int hexDigit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  /** W3C baggage-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E. */
  private static boolean isBaggageOctet(int c) {
    return c == 0x21 || c >= 0x23 && c <= 0x2B || c >= 0x2D && c <= 0x3A || c >= 0x3C && c <= 0x5B
        || c >= 0x5D && c <= 0x7E;
  }

  /** An RFC 7230 token, the grammar of a baggage key. */
  static boolean isToken(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Lower-case hex, not all zeros: a valid trace or span id. */
  private static boolean isId(String text) {
    boolean nonZero = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
      nonZero |= c != '0';
    }
    return nonZero;
  }

  private static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Strips HTTP's optional whitespace, spaces and tabs, and nothing else. */
  private static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
      end--;
    }
    return text.substring(start, end);
  }
}
