package sentry.api.internal;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps a copy of the request body bytes the application reads, up to a limit, so that an event
 * can carry the body without the SDK reading anything the application did not: the web server
 * integrations wrap the request's input stream and hand each chunk read to {@link #record}. Only
 * JSON and form bodies are kept. Thread-safe (an async servlet may read on another thread). Not
 * API.
 */
public final class BodyRecorder {
  private final int limit;
  private final String contentType;
  private final long declaredLength;
  private ByteArrayOutputStream bytes;
  private boolean overLimit;
  private boolean ended;

  /**
   * Makes a recorder.
   *
   * @param limit the largest body kept, in bytes; 0 keeps none
   * @param contentType the request's {@code Content-Type}, or null
   * @param declaredLength the request's {@code Content-Length}, or -1 when not known
   */
  public BodyRecorder(int limit, String contentType, long declaredLength) {
    this.limit = isJson(contentType) || isForm(contentType) ? limit : 0;
    this.contentType = contentType;
    this.declaredLength = declaredLength;
    this.overLimit = this.limit > 0 && declaredLength > this.limit;
  }

  /**
   * Tells whether the recorder wants the bytes at all; when false, the stream need not be wrapped.
   *
   * @return true for a JSON or form body that may fit
   */
  public boolean wanted() {
    return limit > 0 && !overLimit;
  }

  /**
   * Keeps a copy of bytes the application read.
   *
   * @param buffer the buffer
   * @param offset where the bytes start
   * @param length how many; 0 or less keeps nothing
   */
  public synchronized void record(byte[] buffer, int offset, int length) {
    if (length <= 0 || overLimit || limit == 0) {
      return;
    }
    if (bytes == null) {
      bytes = new ByteArrayOutputStream(Math.min(limit, 512));
    }
    if (bytes.size() + length > limit) {
      overLimit = true;
      bytes = null;
      return;
    }
    bytes.write(buffer, offset, length);
  }

  /** Notes that the application read the whole body (the stream ended). */
  public synchronized void ended() {
    ended = true;
  }

  /**
   * Tells whether a body was left out because it is larger than the limit.
   *
   * @return true for a JSON or form body over the limit
   */
  public synchronized boolean overLimit() {
    return overLimit;
  }

  /**
   * Returns the body for {@code request.data}: the JSON text, or a form as a map of names to
   * values. Null when the application has not read the whole body, when it is not JSON or a
   * form, or when it is over the limit.
   *
   * @return the data, or null
   */
  public synchronized Object data() {
    if (bytes == null || overLimit || !(ended || (declaredLength >= 0 && bytes.size() == declaredLength))) {
      return null;
    }
    String text = bytes.toString(charset(contentType));
    return isForm(contentType) ? form(text) : text;
  }

  private static Map<String, String> form(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      fields.merge(decode(name), decode(value), (a, b) -> a + "," + b);
    }
    return fields;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static Charset charset(String contentType) {
    if (contentType != null) {
      int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
      if (at >= 0) {
        String name = contentType.substring(at + 8).split("[;\\s]")[0].replace("\"", "");
        try {
          return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static boolean isJson(String contentType) {
    String type = mediaType(contentType);
    return type.equals("application/json") || type.endsWith("+json");
  }

  private static boolean isForm(String contentType) {
    return mediaType(contentType).equals("application/x-www-form-urlencoded");
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }
}
