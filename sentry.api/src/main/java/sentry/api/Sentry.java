package sentry.api;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The static entry point: initialise the SDK once, then capture exceptions and messages, add
 * breadcrumbs and change the scope from anywhere. Every call goes to the calling thread's
 * {@link Hub#current() hub}.
 *
 * <pre>{@code
 * Sentry.init(options -> options.setDsn("https://key@o0.ingest.sentry.io/42"));
 * try {
 *   work();
 * } catch (RuntimeException e) {
 *   Sentry.captureException(e);
 * }
 * }</pre>
 *
 * <p>Capture calls never throw and never wait on the network; without an implementation module
 * ({@code sentry.core}) on the path, or without a DSN, they do nothing, cheaply.
 */
public final class Sentry {
  private Sentry() {}

  /**
   * Initialises the SDK from {@code sentry.properties}, the environment and system properties.
   *
   * @throws IllegalArgumentException when an option is invalid
   */
  public static void init() {
    init(options -> {});
  }

  /**
   * Initialises the SDK: loads options as {@link #init()} does, then lets the callback change
   * them. A second call closes the previous client and swaps in the new one.
   *
   * @param configuration changes the options
   * @throws IllegalArgumentException when an option is invalid, naming the option, the value and
   *     the rule (a bad DSN says which part is wrong and never shows its secret)
   */
  public static void init(Consumer<SentryOptions> configuration) {
    SentryRuntime.binding().init(configuration);
  }

  /**
   * Tells whether events are sent.
   *
   * @return true when the current hub's client has a DSN and is open
   */
  public static boolean isEnabled() {
    return Hub.current().client().isEnabled();
  }

  /**
   * Captures a throwable as a handled error.
   *
   * @param throwable the throwable
   * @return the event's id, or {@link SentryId#EMPTY} when it was dropped before it was queued
   */
  public static SentryId captureException(Throwable throwable) {
    Hub hub = Hub.current();
    // Without a DSN nothing is built: not the event, not even the hint.
    return hub.client().isEnabled() ? hub.captureException(throwable, new Hint()) : SentryId.EMPTY;
  }

  /**
   * Captures a throwable as a handled error, with a hint for the callbacks.
   *
   * @param throwable the throwable
   * @param hint the hint
   * @return the event's id, or {@link SentryId#EMPTY}
   */
  public static SentryId captureException(Throwable throwable, Hint hint) {
    return Hub.current().captureException(throwable, hint);
  }

  /**
   * Captures a message of level info.
   *
   * @param message the message
   * @return the event's id, or {@link SentryId#EMPTY}
   */
  public static SentryId captureMessage(String message) {
    return captureMessage(message, Level.INFO);
  }

  /**
   * Captures a message.
   *
   * @param message the message
   * @param level its level
   * @return the event's id, or {@link SentryId#EMPTY}
   */
  public static SentryId captureMessage(String message, Level level) {
    Hub hub = Hub.current();
    return hub.client().isEnabled() ? hub.captureMessage(message, level) : SentryId.EMPTY;
  }

  /**
   * Captures an event.
   *
   * @param event the event
   * @return the event's id, or {@link SentryId#EMPTY}
   */
  public static SentryId captureEvent(SentryEvent event) {
    return Hub.current().captureEvent(event, new Hint());
  }

  /**
   * Captures an event with a hint for the callbacks.
   *
   * @param event the event
   * @param hint the hint
   * @return the event's id, or {@link SentryId#EMPTY}
   */
  public static SentryId captureEvent(SentryEvent event, Hint hint) {
    return Hub.current().captureEvent(event, hint);
  }

  /**
   * Sends a check-in of a cron monitor through the current hub; see {@link CheckIn}.
   *
   * @param checkIn the check-in; null sends nothing
   * @return the check-in's id once it is queued, or {@link SentryId#EMPTY} when it was dropped
   */
  public static SentryId captureCheckIn(CheckIn checkIn) {
    return Hub.current().captureCheckIn(checkIn);
  }

  /**
   * Adds a breadcrumb to the current scope.
   *
   * @param breadcrumb the breadcrumb
   */
  public static void addBreadcrumb(Breadcrumb breadcrumb) {
    Hub hub = Hub.current();
    if (hub.client().isEnabled()) {
      hub.addBreadcrumb(breadcrumb, new Hint());
    }
  }

  /**
   * Adds a breadcrumb with a hint for {@code beforeBreadcrumb}.
   *
   * @param breadcrumb the breadcrumb
   * @param hint the hint
   */
  public static void addBreadcrumb(Breadcrumb breadcrumb, Hint hint) {
    Hub.current().addBreadcrumb(breadcrumb, hint);
  }

  /**
   * Adds a breadcrumb with a message.
   *
   * @param message the message
   */
  public static void addBreadcrumb(String message) {
    Hub hub = Hub.current();
    if (hub.client().isEnabled()) {
      hub.addBreadcrumb(new Breadcrumb(message), new Hint());
    }
  }

  /**
   * Changes the current scope.
   *
   * @param callback called with the scope
   */
  public static void configureScope(Consumer<Scope> callback) {
    Hub.current().configureScope(callback);
  }

  /**
   * Runs a callback with a new scope; what it changes and captures stays within it.
   *
   * @param callback called with the new scope
   */
  public static void withScope(Consumer<Scope> callback) {
    Hub.current().withScope(callback);
  }

  /**
   * Sets a tag on the current scope.
   *
   * @param key the key
   * @param value the value; null removes the tag
   */
  public static void setTag(String key, String value) {
    Hub.current().configureScope(scope -> scope.setTag(key, value));
  }

  /**
   * Sets an extra value on the current scope.
   *
   * @param key the key
   * @param value the value; null removes it
   */
  public static void setExtra(String key, Object value) {
    Hub.current().configureScope(scope -> scope.setExtra(key, value));
  }

  /**
   * Sets the user on the current scope.
   *
   * @param user the user, or null for none
   */
  public static void setUser(User user) {
    Hub.current().configureScope(scope -> scope.setUser(user));
  }

  /**
   * Returns the {@code sentry-trace} header value for an outgoing request or message, so that an
   * error in the service that receives it is linked to this one: the current scope's trace id and
   * span id. The {@code stdlib} integration adds it to the HTTP clients it wraps; call this for the
   * others, and send {@link #getBaggage()} with it.
   *
   * <pre>{@code
   * message.setHeader("sentry-trace", Sentry.getTraceparent());
   * message.setHeader("baggage", Sentry.getBaggage());
   * }</pre>
   *
   * <p>Without {@code sentry.core} nothing keeps a trace: each call returns a new, valid value.
   *
   * @return the header value, {@code <32 hex trace id>-<16 hex span id>} with an optional {@code
   *     -1}/{@code -0}; never null
   */
  public static String getTraceparent() {
    return Hub.current().getTraceparent();
  }

  /**
   * Returns the W3C {@code baggage} header value that goes with {@link #getTraceparent()}: the
   * trace's dynamic sampling context as {@code sentry-} list members.
   *
   * @return the header value; empty without {@code sentry.core}, or without a DSN for a trace that
   *     started here; never null
   */
  public static String getBaggage() {
    return Hub.current().getBaggage();
  }

  /**
   * Continues a trace received with a piece of work, for code that takes work from a queue or a
   * transport the web server integrations do not see: binds a copy of the current hub whose scope
   * {@linkplain Scope#continueTrace continues the trace} the two header values describe (or starts
   * a new one when they are missing or malformed), until the binding is closed.
   *
   * <pre>{@code
   * try (Hub.Binding trace = Sentry.continueTrace(message.header("sentry-trace"), message.header("baggage"))) {
   *   handle(message); // its errors carry the sender's trace_id
   * }
   * }</pre>
   *
   * <p>Never throws. Without {@code sentry.core} the binding does nothing.
   *
   * @param sentryTrace the received {@code sentry-trace} (or W3C {@code traceparent}) value, or null
   * @param baggage the received {@code baggage} value, or null
   * @return the binding; closing it restores the thread's previous hub
   */
  public static Hub.Binding continueTrace(String sentryTrace, String baggage) {
    Hub hub = Hub.current().copy();
    hub.configureScope(scope -> scope.continueTrace(sentryTrace, baggage));
    return hub.bind();
  }

  /**
   * Returns the id of the last event the current hub queued.
   *
   * @return the id, or {@link SentryId#EMPTY}
   */
  public static SentryId lastEventId() {
    return Hub.current().lastEventId();
  }

  /**
   * Waits until pending events are sent, or the timeout passes.
   *
   * @param timeout how long to wait at most
   * @return true when nothing is pending any more
   */
  public static boolean flush(Duration timeout) {
    return Hub.current().client().flush(timeout);
  }

  /** Flushes within the shutdown timeout and turns the SDK off until the next {@code init}. */
  public static void close() {
    SentryRuntime.binding().close();
  }

  /**
   * Tells whether the calling thread is inside the SDK right now (capturing, or one of the SDK's
   * own threads), so that integrations such as logging do not loop back into it.
   *
   * @return true inside the SDK
   */
  public static boolean isInsideSdk() {
    return SentryRuntime.binding().isInsideSdk();
  }
}
