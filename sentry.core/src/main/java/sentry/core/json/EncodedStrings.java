package sentry.core.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The strings of stack frames, each escaped and encoded as JSON once: the same class, method and
 * file names come back in frame after frame and event after event (the JVM hands them out as the
 * same instances), and writing them afresh was the largest part of writing an event; so do the
 * event's own keys. Keeps at most {@value #MAX_KEPT} strings for the life of the process; past
 * that, other strings are written as before. Thread-safe.
 */
final class EncodedStrings {
  /** How many strings are kept at most. */
  static final int MAX_KEPT = 4096;
  /** Strings longer than this are not kept: frames' names are short. */
  static final int MAX_LENGTH = 256;

  /** The process's one set, for every serializer. */
  static final EncodedStrings SHARED = new EncodedStrings(MAX_KEPT);

  private final Map<String, SerializedString> kept = new ConcurrentHashMap<>();
  private final int maxKept;

  EncodedStrings(int maxKept) {
    this.maxKept = maxKept;
  }

  /**
   * Returns a string encoded as the generator writes it; null, for the caller to write it the
   * usual way, when it holds a surrogate (the generator writes a pair as two escapes, an encoded
   * string as four bytes, and a lone one must be {@link Text#clean cleaned}), or when it is not
   * kept and cannot be (too long, or the limit reached: encoding it for one use would cost more
   * than writing it).
   *
   * @param value a string no longer than the limit it is written under
   * @return the encoded string, or null
   */
  SerializableString of(String value) {
    SerializedString encoded = kept.get(value);
    if (encoded != null) {
      return encoded;
    }
    if (value.length() > MAX_LENGTH || kept.size() >= maxKept || Text.hasSurrogate(value)) {
      return null;
    }
    encoded = new SerializedString(value);
    SerializedString earlier = kept.putIfAbsent(value, encoded);
    return earlier == null ? encoded : earlier;
  }

  /** How many strings are kept now, for tests. */
  int kept() {
    return kept.size();
  }
}
