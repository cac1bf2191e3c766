package sentry.api;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A client with a stack of scopes: what a thread captures through. Each thread has a current hub
 * ({@link #current()}); the first hub made by {@code Sentry.init} is the main hub ({@link
 * #main()}), and a thread that never bound one starts from its own copy of it.
 *
 * <p>The Python SDK's {@code Hub(Hub.current)} is {@code Hub.current().copy()}, and its {@code
 * with hub:} is a try-with-resources on {@link #bind()}:
 *
 * <pre>{@code
 * Hub threadHub = Hub.current().copy();
 * new Thread(() -> {
 *   try (Hub.Binding bound = threadHub.bind()) {
 *     Sentry.captureMessage("hi"); // carries the creating thread's tags
 *   }
 * }).start();
 * }</pre>
 *
 * <p>Capture methods never throw and never wait on the network; given null they capture nothing.
 * The other methods throw {@link NullPointerException} at once for a null argument (see {@link
 * Sentry} for the rule). Thread-safe.
 */
public interface Hub {
  /**
   * Returns the calling thread's hub.
   *
   * @return the current hub; a no-op hub when the SDK is not initialised
   */
  static Hub current() {
    return SentryRuntime.binding().currentHub();
  }

  /**
   * Returns the main hub, made by the last {@code Sentry.init}.
   *
   * @return the main hub; a no-op hub when the SDK is not initialised
   */
  static Hub main() {
    return SentryRuntime.binding().mainHub();
  }

  /**
   * Returns the hub's client.
   *
   * @return the client; a disabled one when the SDK is not initialised
   */
  SentryClient client();

  /**
   * Captures an event.
   *
   * @param event the event; null captures nothing (counted as a drop)
   * @param hint the hint, handed to the callbacks; null for an empty one
   * @return the event's id, or {@link SentryId#EMPTY} when it was dropped before it was queued
   */
  SentryId captureEvent(@Nullable SentryEvent event, @Nullable Hint hint);

  /**
   * Captures a throwable as a handled exception of level error.
   *
   * @param throwable the throwable; null captures nothing (counted as a drop)
   * @param hint the hint; the throwable is added under {@link Hint#THROWABLE}; null for an empty one
   * @return the event's id, or {@link SentryId#EMPTY}
   */
  default SentryId captureException(@Nullable Throwable throwable, @Nullable Hint hint) {
    if (throwable == null) {
      return captureEvent(null, hint);
    }
    return captureEvent(SentryEvent.fromThrowable(throwable, Mechanism.GENERIC),
        (hint == null ? new Hint() : hint).set(Hint.THROWABLE, throwable));
  }

  /**
   * Captures a message.
   *
   * @param message the message; null captures nothing (counted as a drop)
   * @param level its level; null for info
   * @return the event's id, or {@link SentryId#EMPTY}
   */
  default SentryId captureMessage(@Nullable String message, @Nullable Level level) {
    if (message == null) {
      return captureEvent(null, null);
    }
    SentryEvent event = new SentryEvent();
    event.setMessage(Message.of(message));
    event.setLevel(level == null ? Level.INFO : level);
    return captureEvent(event, new Hint());
  }

  /**
   * Sends a check-in of a cron monitor. Not sampled; not run through event processors or {@code
   * beforeSend}; queued like an event (rate limits of the category {@code monitor}, the outbox,
   * client reports). Without a trace id of its own, the check-in takes the one of this hub's
   * scope's {@code trace} context, if it has one.
   *
   * @param checkIn the check-in; null sends nothing
   * @return the check-in's id once it is queued, or {@link SentryId#EMPTY} when it was dropped
   *     before (SDK disabled, queue full, rate-limited: each drop counted)
   */
  SentryId captureCheckIn(@Nullable CheckIn checkIn);

  /**
   * Adds a breadcrumb to the current scope, after {@code beforeBreadcrumb}.
   *
   * @param breadcrumb the breadcrumb; null adds nothing
   * @param hint the hint, handed to {@code beforeBreadcrumb}; null for an empty one
   */
  void addBreadcrumb(@Nullable Breadcrumb breadcrumb, @Nullable Hint hint);

  /**
   * Hands a structured log to this hub's client ({@link SentryClient#captureLog(SentryLog)}).
   *
   * @param log the log
   */
  default void captureLog(@Nullable SentryLog log) {
    client().captureLog(log);
  }

  /**
   * Changes the current scope.
   *
   * @param callback called with the scope, on this thread
   * @throws NullPointerException when {@code callback} is null
   */
  void configureScope(Consumer<Scope> callback);

  /**
   * Runs a callback with a new scope pushed on top of the current one; what it changes and
   * captures stays within it.
   *
   * @param callback called with the new scope, on this thread
   * @throws NullPointerException when {@code callback} is null
   */
  void withScope(Consumer<Scope> callback);

  /**
   * Returns the value of the {@code sentry-trace} header that continues this hub's trace in another
   * service: {@code <trace_id>-<span_id>}, and {@code -1} or {@code -0} when the trace came with a
   * sampling decision. For HTTP clients and transports the {@code stdlib} integration does not
   * wrap; send {@link #getBaggage()} with it.
   *
   * @return the header value; never null
   */
  String getTraceparent();

  /**
   * Returns the value of the W3C {@code baggage} header that goes with {@link #getTraceparent()}:
   * the trace's dynamic sampling context as {@code sentry-} list members ({@code sentry-trace_id},
   * {@code sentry-public_key}, {@code sentry-release}, {@code sentry-environment}, {@code
   * sentry-sample_rand}; or, for a trace continued from another service, the values its baggage
   * came with). At most 64 members and 8,192 bytes.
   *
   * @return the header value; empty when there is nothing to send (no DSN and no incoming
   *     baggage), never null
   */
  String getBaggage();

  /**
   * Returns the id of the last event this hub queued.
   *
   * @return the id, or {@link SentryId#EMPTY}
   */
  SentryId lastEventId();

  /**
   * Makes a new hub with the same client and a copy of the current scope; changes to either do
   * not reach the other.
   *
   * @return the copy
   */
  Hub copy();

  /**
   * Makes this hub the calling thread's current hub until the binding is closed.
   *
   * @return the binding, which restores the previous hub when closed
   */
  Binding bind();

  /**
   * Starts a release-health session in request mode for a request this hub serves, as the web
   * server integrations do for each request. Until the session is closed, an event with an
   * exception captured through this hub (or a scope pushed on it) marks it errored, and one with
   * an unhandled exception crashed; closing it hands it to the client, which counts it in the
   * per-minute {@code sessions} aggregates. Without a {@code release}, with {@code
   * autoSessionTracking} off, or without an implementation, it does nothing.
   *
   * @return the session, to close when the request is over
   */
  default RequestSession startRequestSession() {
    return () -> {};
  }

  /** A request's release-health session; closing it ends it. Closing twice counts once. */
  @FunctionalInterface
  interface RequestSession extends AutoCloseable {
    /** Ends the session: it counts as exited, errored or crashed. */
    @Override
    void close();
  }

  /**
   * A hub bound to a thread; closing it, on that thread, restores the thread's previous hub
   * (closed on another thread, it does nothing).
   */
  interface Binding extends AutoCloseable {
    /** Restores the thread's previous hub, when called on the thread that bound it. */
    @Override
    void close();
  }
}
