package sentry.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An error event on its way to Sentry. Event processors and {@code beforeSend} may read and change
 * it on the thread that captured it; after that the SDK owns it.
 *
 * <p>An event made from a throwable carries the throwable; the client that captures it describes
 * it (protocol frames, with that client's in-app rules): before any event processor or {@code
 * beforeSend} sees the event, else on the SDK's background thread when the event is written. The
 * collections returned by the getters are live and may be changed; what a callback changes is the
 * event's own, never the scope's or another event's. Not thread-safe.
 */
public final class SentryEvent extends EventAttributes {
  private final SentryId eventId;
  private final long threadId;
  private final String threadName;
  private Instant timestamp;
  private Level level;
  private String logger;
  private Message message;
  private Throwable throwable;
  private Mechanism mechanism;
  private List<SentryException> exceptions;

  /** Makes an empty event with a new id, stamped now (to the millisecond), on the current thread. */
  public SentryEvent() {
    Thread thread = Thread.currentThread();
    this.eventId = SentryId.random();
    // Written in milliseconds: the millisecond clock costs the caller less than Instant.now().
    this.timestamp = Instant.ofEpochMilli(System.currentTimeMillis());
    this.threadId = thread.getId();
    this.threadName = thread.getName();
  }

  /**
   * Makes an event from a throwable, as a capture with the given mechanism would.
   *
   * @param throwable the throwable
   * @param mechanism how it was captured
   * @return a new event of level error (fatal when the mechanism says it was not handled is up to
   *     the caller)
   */
  public static SentryEvent fromThrowable(Throwable throwable, Mechanism mechanism) {
    SentryEvent event = new SentryEvent();
    event.setThrowable(throwable, mechanism);
    event.setLevel(Level.ERROR);
    return event;
  }

  /**
   * Returns the event id.
   *
   * @return the id
   */
  public SentryId getEventId() {
    return eventId;
  }

  /**
   * Returns the id of the thread the event was made on.
   *
   * @return the thread id
   */
  public long getThreadId() {
    return threadId;
  }

  /**
   * Returns the name of the thread the event was made on.
   *
   * @return the thread name
   */
  public String getThreadName() {
    return threadName;
  }

  /**
   * Returns when the event happened.
   *
   * @return the timestamp
   */
  public Instant getTimestamp() {
    return timestamp;
  }

  /**
   * Sets when the event happened.
   *
   * @param timestamp the timestamp
   */
  public void setTimestamp(Instant timestamp) {
    this.timestamp = timestamp;
  }

  /**
   * Returns the level.
   *
   * @return the level, or null to let Sentry use {@code error}
   */
  public @Nullable Level getLevel() {
    return level;
  }

  /**
   * Sets the level.
   *
   * @param level the level, or null
   */
  public void setLevel(@Nullable Level level) {
    this.level = level;
  }

  /**
   * Returns the name of the logger that made the event.
   *
   * @return the logger name, or null
   */
  public @Nullable String getLogger() {
    return logger;
  }

  /**
   * Sets the name of the logger that made the event.
   *
   * @param logger the logger name, or null
   */
  public void setLogger(@Nullable String logger) {
    this.logger = logger;
  }

  /**
   * Returns the message ({@code logentry}).
   *
   * @return the message, or null
   */
  public @Nullable Message getMessage() {
    return message;
  }

  /**
   * Sets the message ({@code logentry}).
   *
   * @param message the message, or null
   */
  public void setMessage(@Nullable Message message) {
    this.message = message;
  }

  /**
   * Returns the throwable the event was made from.
   *
   * @return the throwable, or null
   */
  public @Nullable Throwable getThrowable() {
    return throwable;
  }

  /**
   * Returns how the throwable was captured.
   *
   * @return the mechanism, or null when the event has no throwable
   */
  public @Nullable Mechanism getMechanism() {
    return mechanism;
  }

  /**
   * Sets the throwable and how it was captured, and forgets the exception list: the capturing
   * client describes the new throwable.
   *
   * @param throwable the throwable, or null for none
   * @param mechanism how it was captured, or null for {@link Mechanism#GENERIC}
   */
  public void setThrowable(@Nullable Throwable throwable, @Nullable Mechanism mechanism) {
    this.throwable = throwable;
    this.mechanism = mechanism;
    this.exceptions = null;
  }

  /**
   * Returns the exception chain, innermost cause first.
   *
   * <p>For an event with a throwable, the list is made by the client that captures the event,
   * with that client's options, before any event processor or {@code beforeSend} sees it. Until
   * then (an event not captured yet, or one whose throwable was just replaced) it is not known:
   * this returns an empty list that cannot be changed and is not kept, and the capture describes
   * the throwable as usual. To send a list of your own instead, call {@link #setExceptions}.
   *
   * @return the live list once set or described; empty for an event without throwable (a live
   *     list too), and an empty unmodifiable list for a throwable not described yet
   */
  public List<SentryException> getExceptions() {
    if (exceptions == null) {
      if (throwable != null) {
        return List.of();
      }
      exceptions = new ArrayList<>(0);
    }
    return exceptions;
  }

  /**
   * Tells whether the exception list is known (a cheap check for serializers).
   *
   * @return true when the list was set or described, or {@link #getExceptions()} was called on an
   *     event without throwable
   */
  public boolean hasDescribedExceptions() {
    return exceptions != null;
  }

  /**
   * Replaces the exception chain.
   *
   * @param exceptions the exceptions, innermost cause first
   */
  public void setExceptions(List<SentryException> exceptions) {
    this.exceptions = new ArrayList<>(exceptions);
  }

  @Override
  public String toString() {
    return "SentryEvent[" + eventId + "]";
  }
}
