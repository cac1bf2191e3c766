package sentry.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record of something that happened before an event: a log line, an HTTP request, a user
 * action. The scope keeps the newest ones and attaches them to each event.
 *
 * <p>A breadcrumb is mutable until it is added to a scope, so that a {@code beforeBreadcrumb}
 * callback can edit it; do not change it afterwards: the scope may keep this very object (one
 * without data whose strings need no cutting), and the SDK's threads read it while they write
 * events. Not thread-safe.
 */
public final class Breadcrumb {
  /** The clock's milliseconds of a breadcrumb stamped now, or {@link #UNSTAMPED}. */
  private static final long UNSTAMPED = Long.MIN_VALUE;

  /** When it happened; for one stamped now, made from {@link #millis} when first asked for. */
  private Instant timestamp;
  private long millis = UNSTAMPED;
  private String type = "default";
  private String category;
  private String message;
  private Level level = Level.INFO;
  private Map<String, Object> data;

  /** Makes a breadcrumb stamped now (to the millisecond), of type {@code default} and level info. */
  public Breadcrumb() {
    // The millisecond clock costs the caller less than Instant.now(), and the Instant is made only
    // when someone reads it (the SDK's thread, when it writes the event).
    this.millis = System.currentTimeMillis();
  }

  /**
   * Makes a breadcrumb stamped at a given time, of type {@code default} and level info: one that
   * happened earlier, or a copy that keeps the original's time without reading the clock.
   *
   * @param timestamp when it happened
   * @throws NullPointerException when {@code timestamp} is null
   */
  public Breadcrumb(Instant timestamp) {
    this.timestamp = Objects.requireNonNull(timestamp, "timestamp must not be null");
  }

  /**
   * Makes a breadcrumb with a message, stamped now.
   *
   * @param message the message
   */
  public Breadcrumb(String message) {
    this();
    this.message = message;
  }

  /**
   * Returns when it happened.
   *
   * @return the timestamp
   */
  public Instant getTimestamp() {
    Instant at = timestamp;
    if (at == null && millis != UNSTAMPED) {
      // Immutable, so threads that read it at once may each make an equal one: no harm.
      at = Instant.ofEpochMilli(millis);
      timestamp = at;
    }
    return at;
  }

  /**
   * Sets when it happened.
   *
   * @param timestamp the timestamp
   * @return this breadcrumb
   */
  public Breadcrumb setTimestamp(Instant timestamp) {
    this.timestamp = timestamp;
    this.millis = UNSTAMPED;
    return this;
  }

  /**
   * Returns the type, such as {@code default}, {@code http}, {@code log} or {@code subprocess}.
   *
   * @return the type
   */
  public String getType() {
    return type;
  }

  /**
   * Sets the type.
   *
   * @param type the type
   * @return this breadcrumb
   */
  public Breadcrumb setType(String type) {
    this.type = type;
    return this;
  }

  /**
   * Returns the category, such as a logger's name.
   *
   * @return the category, or null
   */
  public @Nullable String getCategory() {
    return category;
  }

  /**
   * Sets the category.
   *
   * @param category the category, or null
   * @return this breadcrumb
   */
  public Breadcrumb setCategory(@Nullable String category) {
    this.category = category;
    return this;
  }

  /**
   * Returns the message.
   *
   * @return the message, or null
   */
  public @Nullable String getMessage() {
    return message;
  }

  /**
   * Sets the message.
   *
   * @param message the message, or null
   * @return this breadcrumb
   */
  public Breadcrumb setMessage(@Nullable String message) {
    this.message = message;
    return this;
  }

  /**
   * Returns the level.
   *
   * @return the level, or null when the breadcrumb has none (an HTTP request that succeeded)
   */
  public @Nullable Level getLevel() {
    return level;
  }

  /**
   * Sets the level.
   *
   * @param level the level, or null for none
   * @return this breadcrumb
   */
  public Breadcrumb setLevel(@Nullable Level level) {
    this.level = level;
    return this;
  }

  /**
   * Returns the data, a map the caller may change.
   *
   * @return the data map, never null
   */
  public Map<String, Object> getData() {
    if (data == null) {
      data = new LinkedHashMap<>();
    }
    return data;
  }

  /**
   * Puts one data entry.
   *
   * @param key the key
   * @param value the value; null removes the key
   * @return this breadcrumb
   */
  public Breadcrumb setData(String key, @Nullable Object value) {
    if (value == null) {
      if (data != null) {
        data.remove(key);
      }
    } else {
      getData().put(key, value);
    }
    return this;
  }

  /**
   * Tells whether the breadcrumb has data.
   *
   * @return true when {@link #getData()} is not empty
   */
  public boolean hasData() {
    return data != null && !data.isEmpty();
  }

  @Override
  public String toString() {
    return "Breadcrumb[" + type + ", " + category + ", " + message + "]";
  }
}
