package sentry.api;

import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Extra objects that travel with an event or a breadcrumb to the callbacks and event processors,
 * but are never sent: the original throwable, a log record, an HTTP request.
 *
 * <p>A hint is a map keyed by typed {@link Key}s. The throwable key is {@link #THROWABLE}; the keys
 * for log records and HTTP requests are declared by the integrations that set them, so this
 * module needs no logging or HTTP types. A hint is not thread-safe; it belongs to one capture.
 */
public final class Hint {
  /** The throwable an event was made from (Python's {@code exc_info}). */
  public static final Key<Throwable> THROWABLE = new Key<>("exc_info", Throwable.class);

  /** Keys and values side by side, in the order set: a hint holds a handful, found by identity. */
  private Object[] entries = new Object[4];
  private int size;

  /** Makes an empty hint. */
  public Hint() {}

  /**
   * Makes a hint with one value.
   *
   * @param key the key
   * @param value the value
   * @param <T> the value's type
   * @return a new hint holding {@code value} under {@code key}
   */
  public static <T> Hint of(Key<T> key, T value) {
    return new Hint().set(key, value);
  }

  /**
   * Sets a value.
   *
   * @param key the key
   * @param value the value; null removes the key
   * @param <T> the value's type
   * @return this hint
   */
  public <T> Hint set(Key<T> key, @Nullable T value) {
    Object checked = key.type().cast(value);
    int at = indexOf(key);
    if (checked == null) {
      if (at >= 0) {
        System.arraycopy(entries, at + 2, entries, at, 2 * size - at - 2);
        size--;
        entries[2 * size] = null;
        entries[2 * size + 1] = null;
      }
    } else if (at >= 0) {
      entries[at + 1] = checked;
    } else {
      if (2 * size == entries.length) {
        entries = Arrays.copyOf(entries, 2 * entries.length);
      }
      entries[2 * size] = key;
      entries[2 * size + 1] = checked;
      size++;
    }
    return this;
  }

  /**
   * Returns a value.
   *
   * @param key the key
   * @param <T> the value's type
   * @return the value, or empty when the hint has none under {@code key}
   */
  public <T> Optional<T> get(Key<T> key) {
    int at = indexOf(key);
    return at < 0 ? Optional.empty() : Optional.of(key.type().cast(entries[at + 1]));
  }

  /**
   * Tells whether the hint holds a value under a key.
   *
   * @param key the key
   * @return true when it does
   */
  public boolean contains(Key<?> key) {
    return indexOf(key) >= 0;
  }

  /** The position of a key in {@link #entries}, or -1. */
  private int indexOf(Key<?> key) {
    for (int i = 0; i < 2 * size; i += 2) {
      if (entries[i] == key) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("Hint[");
    for (int i = 0; i < 2 * size; i += 2) {
      text.append(i > 0 ? ", " : "").append(((Key<?>) entries[i]).name());
    }
    return text.append(']').toString();
  }

  /**
   * A typed key of a {@link Hint}. Keys compare by identity: declare each once as a constant.
   *
   * @param name the key's name, as Sentry's SDKs call it ({@code exc_info}, {@code log_record},
   *     {@code httplib_request})
   * @param type the type of the values stored under the key
   * @param <T> the type of the values stored under the key
   */
  public record Key<T>(String name, Class<T> type) {
    @Override
    public boolean equals(Object other) {
      return this == other;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }
}
