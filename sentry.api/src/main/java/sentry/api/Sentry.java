package sentry.api;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

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
 *
 * <p><b>Nulls.</b> Nothing in this API takes or returns null unless it is marked {@code @Nullable}
 * (JSpecify; the package is {@code @NullMarked}). Null where none is allowed is a programming
 * error, and the rule is the same with or without {@code sentry.core}:
 * <ul>
 *   <li>configuration calls ({@code init}, {@code setTag}, {@code setExtra}, {@code configureScope},
 *       {@code withScope}, {@code flush}, the {@link Scope}'s setters, ...) throw a {@link
 *       NullPointerException} at once, whose message names the parameter ({@code "key must not be
 *       null"});
 *   <li>capture calls ({@code captureException}, {@code captureMessage}, {@code captureEvent},
 *       {@code addBreadcrumb}) never throw: given a null throwable, message, event or breadcrumb they
 *       do nothing and return {@link SentryId#EMPTY}; an event so dropped is counted in client
 *       reports as {@code event_processor} (breadcrumbs are not counted: Sentry has no category for
 *       them). A null hint is an empty hint, a null level the default level.
 * </ul>
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
   * @throws NullPointerException when {@code configuration} is null
   */
  public static void init(Consumer<SentryOptions> configuration) {
    Objects.requireNonNull(configuration, "configuration must not be null");
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
   * @param throwable the throwable; null captures nothing
   * @return the event's id, or {@link SentryId#EMPTY} when it was dropped before it was queued
   */
  public static SentryId captureException(@Nullable Throwable throwable) {
    // The hub checks once that the SDK sends before it builds anything; a hint is made only
    // when a callback will read it.
    return Hub.current().captureException(throwable, null);
  }

  /**
   * Captures a throwable as a handled error, with a hint for the callbacks.
   *
   * @param throwable the throwable; null captures nothing
   * @param hint the hint; null for an empty one
   * @return the event's id, or {@link SentryId#EMPTY}
   */
  public static SentryId captureException(@Nullable Throwable throwable, @Nullable Hint hint) {
    return Hub.current().captureException(throwable, hint);
  }

  /**
   * Captures a message of level info.
   *
   * @param message the message; null captures nothing
   * @return the event's id, or {@link SentryId#EMPTY}
   */
  public static SentryId captureMessage(@Nullable String message) {
    return captureMessage(message, Level.INFO);
  }

  /**
   * Captures a message.
   *
   * @param message the message; null captures nothing
   * @param level its level; null for info
   * @return the event's id, or {@link SentryId#EMPTY}
   */
  public static SentryId captureMessage(@Nullable String message, @Nullable Level level) {
    return Hub.current().captureMessage(message, level);
  }

  /**
   * Captures an event.
   *
   * @param event the event; null captures nothing
   * @return the event's id, or {@link SentryId#EMPTY}
   */
  public static SentryId captureEvent(@Nullable SentryEvent event) {
    return Hub.current().captureEvent(event, null);
  }

  /**
   * Captures an event with a hint for the callbacks.
   *
   * @param event the event; null captures nothing
   * @param hint the hint; null for an empty one
   * @return the event's id, or {@link SentryId#EMPTY}
   */
  public static SentryId captureEvent(@Nullable SentryEvent event, @Nullable Hint hint) {
    return Hub.current().captureEvent(event, hint);
  }

  /**
   * Sends a check-in of a cron monitor through the current hub; see {@link CheckIn}.
   *
   * @param checkIn the check-in; null sends nothing
   * @return the check-in's id once it is queued, or {@link SentryId#EMPTY} when it was dropped
   */
  public static SentryId captureCheckIn(@Nullable CheckIn checkIn) {
    return Hub.current().captureCheckIn(checkIn);
  }

  /**
   * Returns the logger that sends structured logs to Sentry when {@code enableLogs} is on: {@code
   * Sentry.logger().info("order %s paid", id)}.
   *
   * @return the logger; it does nothing while logs are off or without {@code sentry.core}
   */
  public static SentryLogger logger() {
    return ManualLogger.INSTANCE;
  }

  /**
   * Adds a breadcrumb to the current scope.
   *
   * @param breadcrumb the breadcrumb; null adds nothing
   */
  public static void addBreadcrumb(@Nullable Breadcrumb breadcrumb) {
    Hub.current().addBreadcrumb(breadcrumb, null);
  }

  /**
   * Adds a breadcrumb with a hint for {@code beforeBreadcrumb}.
   *
   * @param breadcrumb the breadcrumb; null adds nothing
   * @param hint the hint; null for an empty one
   */
  public static void addBreadcrumb(@Nullable Breadcrumb breadcrumb, @Nullable Hint hint) {
    Hub.current().addBreadcrumb(breadcrumb, hint);
  }

  /**
   * Adds a breadcrumb with a message.
   *
   * @param message the message; null adds nothing
   */
  public static void addBreadcrumb(@Nullable String message) {
    Hub hub = Hub.current();
    // Checked here only so that no breadcrumb is built when nothing would keep it.
    if (message != null && hub.client().isEnabled()) {
      hub.addBreadcrumb(new Breadcrumb(message), null);
    }
  }

  /**
   * Changes the current scope.
   *
   * @param callback called with the scope
   * @throws NullPointerException when {@code callback} is null
   */
  public static void configureScope(Consumer<Scope> callback) {
    Objects.requireNonNull(callback, "callback must not be null");
    Hub.current().configureScope(callback);
  }

  /**
   * Runs a callback with a new scope; what it changes and captures stays within it.
   *
   * @param callback called with the new scope
   * @throws NullPointerException when {@code callback} is null
   */
  public static void withScope(Consumer<Scope> callback) {
    Objects.requireNonNull(callback, "callback must not be null");
    Hub.current().withScope(callback);
  }

  /**
   * Sets a tag on the current scope.
   *
   * @param key the key
   * @param value the value; null removes the tag
   * @throws NullPointerException when {@code key} is null
   */
  public static void setTag(String key, @Nullable String value) {
    Objects.requireNonNull(key, "key must not be null");
    Hub.current().configureScope(scope -> scope.setTag(key, value));
  }

  /**
   * Sets an extra value on the current scope.
   *
   * @param key the key
   * @param value the value; null removes it
   * @throws NullPointerException when {@code key} is null
   */
  public static void setExtra(String key, @Nullable Object value) {
    Objects.requireNonNull(key, "key must not be null");
    Hub.current().configureScope(scope -> scope.setExtra(key, value));
  }

  /**
   * Sets the user on the current scope.
   *
   * @param user the user, or null for none
   */
  public static void setUser(@Nullable User user) {
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
  public static Hub.Binding continueTrace(@Nullable String sentryTrace, @Nullable String baggage) {
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
   * @throws NullPointerException when {@code timeout} is null
   */
  public static boolean flush(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout must not be null");
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
