package sentry.core.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The strings of stack frames, each escaped and encoded as JSON once: the same class, method and
 * file names come back in frame after frame and event after event (the JVM hands them out as the
 * same instances), and writing them afresh was the largest part of writing an event. Keeps at
 * most {@value #MAX_KEPT} strings for the life of the process; past that, strings are encoded each
 * time they are written. Thread-safe.
 */
final class EncodedStrings {
  /** How many strings are kept at most. */
  static final int MAX_KEPT = 4096;
  /** Strings longer than this are not kept: frames' names are short. */
  static final int MAX_LENGTH = 256;

  private static final Map<String, SerializedString> KEPT = new ConcurrentHashMap<>();

  private EncodedStrings() {}

  /**
   * Returns a string encoded as the generator writes it, unless it holds a surrogate (the
   * generator writes a pair as two escapes, an encoded string as four bytes, and a lone one must
   * be {@link Text#clean cleaned}): then null, and the caller writes it the usual way.
   *
   * @param value a string no longer than the limit it is written under
   * @return the encoded string, or null
   */
  static SerializableString of(String value) {
    SerializedString encoded = KEPT.get(value);
    if (encoded == null) {
      if (Text.hasSurrogate(value)) {
        return null;
      }
      encoded = new SerializedString(value);
      if (value.length() <= MAX_LENGTH && KEPT.size() < MAX_KEPT) {
        KEPT.putIfAbsent(value, encoded);
      }
    }
    return encoded;
  }

  /** How many strings are kept now, for tests. */
  static int kept() {
    return KEPT.size();
  }
}
