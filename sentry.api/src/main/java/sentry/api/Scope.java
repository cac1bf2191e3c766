package sentry.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The data a hub adds to every event it captures: tags, extras, contexts, user, level,
 * fingerprint, breadcrumbs and event processors; and the trace they belong to ({@code
 * contexts.trace}, unless a {@code trace} context was set explicitly), which copies of the scope
 * share until one of them {@linkplain #continueTrace continues another}. Get one through
 * {@link Hub#configureScope(java.util.function.Consumer)} or
 * {@link Hub#withScope(java.util.function.Consumer)}. Thread-safe; events take a snapshot of it
 * when they are captured.
 *
 * <p>A null key, fingerprint or processor throws {@link NullPointerException} at once, naming the
 * parameter; a null value removes what the key held, where the method says so; a null breadcrumb
 * is ignored (see {@link Sentry} for the rule).
 */
public interface Scope {
  /**
   * Sets a tag.
   *
   * @param key the key (at most 32 characters are kept)
   * @param value the value (at most 200 characters are kept); null removes the tag
   * @throws NullPointerException when {@code key} is null
   */
  void setTag(String key, @Nullable String value);

  /**
   * Removes a tag.
   *
   * @param key the key
   * @throws NullPointerException when {@code key} is null
   */
  void removeTag(String key);

  /**
   * Returns the tags.
   *
   * @return an unmodifiable snapshot
   */
  Map<String, String> getTags();

  /**
   * Sets an extra value.
   *
   * @param key the key
   * @param value the value, serialized as JSON (maps, lists, strings, numbers, booleans; other
   *     objects through {@code toString}); null removes it
   * @throws NullPointerException when {@code key} is null
   */
  void setExtra(String key, @Nullable Object value);

  /**
   * Removes an extra value.
   *
   * @param key the key
   * @throws NullPointerException when {@code key} is null
   */
  void removeExtra(String key);

  /**
   * Sets a context, such as {@code "app"} with its values.
   *
   * @param key the context's name
   * @param values its values; null removes the context
   * @throws NullPointerException when {@code key} is null
   */
  void setContext(String key, @Nullable Map<String, Object> values);

  /**
   * Sets the user.
   *
   * @param user the user, or null for none
   */
  void setUser(@Nullable User user);

  /**
   * Returns the user.
   *
   * @return the user, or null
   */
  @Nullable User getUser();

  /**
   * Sets the level that overrides the level of every event.
   *
   * @param level the level, or null to keep each event's own
   */
  void setLevel(@Nullable Level level);

  /**
   * Sets the fingerprint of every event.
   *
   * @param fingerprint the fingerprint; empty for Sentry's default grouping
   * @throws NullPointerException when {@code fingerprint} is null or holds null
   */
  void setFingerprint(List<String> fingerprint);

  /**
   * Sets the transaction name of every event.
   *
   * @param transaction the transaction, or null
   */
  void setTransaction(@Nullable String transaction);

  /**
   * Adds a breadcrumb as it is, without running {@code beforeBreadcrumb}; the scope keeps the
   * newest {@code maxBreadcrumbs}. Use {@link Hub#addBreadcrumb(Breadcrumb, Hint)} to go through
   * the callback.
   *
   * @param breadcrumb the breadcrumb; null adds nothing
   */
  void addBreadcrumb(@Nullable Breadcrumb breadcrumb);

  /** Removes every breadcrumb. */
  void clearBreadcrumbs();

  /**
   * Adds an event processor that runs on the events of this scope.
   *
   * @param processor the processor
   * @throws NullPointerException when {@code processor} is null
   */
  void addEventProcessor(EventProcessor processor);

  /**
   * Makes this scope's events and outgoing requests part of the trace that another service (or a
   * parent process, or whoever queued the work) described with its {@code sentry-trace} and {@code
   * baggage} headers: the same {@code trace_id}, that service's span as {@code parent_span_id}, a
   * span id of its own, and the incoming baggage's {@code sentry-} values as the trace's dynamic
   * sampling context. Without a {@code sentry-trace}, or with one (or a baggage) that is malformed
   * (wrong length, not lower-case hex, a key given twice with different values, over the W3C
   * limits), it starts a new trace instead; it never throws. A W3C {@code traceparent} value is
   * taken in place of {@code sentry-trace}.
   *
   * @param sentryTrace the incoming {@code sentry-trace} (or {@code traceparent}) header value, or
   *     null when none came, which starts a new trace
   * @param baggage the incoming {@code baggage} header value, several headers joined with commas;
   *     or null when none came
   */
  void continueTrace(@Nullable String sentryTrace, @Nullable String baggage);

  /** Removes everything from the scope but its trace. */
  void clear();
}
