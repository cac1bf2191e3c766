package sentry.integration.serverless;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.Mechanism;
import sentry.api.SentryClient;
import sentry.api.SentryEvent;

/**
 * Wraps the function of a serverless platform (or any unit of work that may be frozen or ended
 * right after it returns) so that what it reports reaches Sentry before it returns.
 *
 * <pre>{@code
 * Sentry.init(options -> options.setDsn(dsn)); // once per container
 * Function<Order, Receipt> handler = SentryServerless.wrap(this::handle);
 * }</pre>
 *
 * <p>Each call of a wrapped function:
 *
 * <ul>
 *   <li>runs with a fresh copy of the <em>main</em> hub ({@link Hub#main()}) bound to the calling
 *       thread, so that the tags, breadcrumbs and user one call sets reach neither the next call
 *       on the same thread nor the caller; the thread's own hub is back when the call returns;
 *   <li>reports a throwable that escapes the function as an event (mechanism {@code serverless},
 *       {@code handled: false}, level {@code error}, the throwable in the hint under {@link
 *       Hint#THROWABLE}), then rethrows the same throwable unchanged, checked exceptions of a
 *       {@link Callable} included;
 *   <li>does not return, or throw, before the client's queue is empty (what the call captured and
 *       what was queued before is delivered, or given up), waiting at most the SDK's {@code
 *       shutdownTimeout}. A platform that freezes the process right after the function returns
 *       thus loses nothing; the price is the call's latency, which includes the round trip to
 *       Sentry whenever the call captured something. A flush that runs out of time is logged (at
 *       warning, through {@code System.Logger} {@code sentry.integration.serverless}), and the
 *       call returns as it would have.
 * </ul>
 *
 * <p>When the SDK is not initialised, or has no DSN, the function is called as it is: no hub, no
 * report, no wait. A failure of the SDK while reporting is logged and never replaces the
 * function's own result or throwable.
 *
 * <p>Overloads and lambdas: a lambda with no parameter that returns a value fits both {@link
 * Callable} and {@link Supplier}, so {@code wrap(() -> 42)} does not compile; give the lambda a
 * type ({@code Supplier<Integer> s = () -> 42; wrap(s)}) or pass a method reference to a typed
 * variable. The wrappers are thread-safe when the wrapped function is; null arguments throw {@link
 * NullPointerException} at once.
 */
public final class SentryServerless {
  /** The mechanism of the events it sends: {@code serverless}, unhandled. */
  static final Mechanism MECHANISM = new Mechanism("serverless", false);

  private static final System.Logger LOG = System.getLogger("sentry.integration.serverless");

  private SentryServerless() {}

  /**
   * Wraps a function without argument or result.
   *
   * @param function the function
   * @return a function that runs it as the class describes
   */
  public static Runnable wrap(Runnable function) {
    Objects.requireNonNull(function, "function");
    return () -> invoke(() -> {
      function.run();
      return null;
    });
  }

  /**
   * Wraps a function with a result that may throw checked exceptions; they are reported and
   * rethrown unchanged.
   *
   * @param function the function
   * @param <T> its result type
   * @return a function that runs it as the class describes
   */
  public static <T> Callable<T> wrap(Callable<T> function) {
    Objects.requireNonNull(function, "function");
    return () -> invoke(function::call);
  }

  /**
   * Wraps a function with a result.
   *
   * @param function the function
   * @param <T> its result type
   * @return a function that runs it as the class describes
   */
  public static <T> Supplier<T> wrap(Supplier<T> function) {
    Objects.requireNonNull(function, "function");
    return () -> invoke(function::get);
  }

  /**
   * Wraps a function with an argument and a result, such as a platform's request handler.
   *
   * @param function the function
   * @param <T> its argument type
   * @param <R> its result type
   * @return a function that runs it as the class describes
   */
  public static <T, R> Function<T, R> wrap(Function<T, R> function) {
    Objects.requireNonNull(function, "function");
    return argument -> invoke(() -> function.apply(argument));
  }

  /** A call that may throw {@code E} besides unchecked throwables. */
  @FunctionalInterface
  private interface Body<T, E extends Throwable> {
    T run() throws E;
  }

  private static <T, E extends Throwable> T invoke(Body<T, E> body) throws E {
    Hub main = Hub.main();
    if (!main.client().isEnabled()) {
      return body.run();
    }
    Hub hub = main.copy();
    Hub.Binding bound = hub.bind();
    try {
      return body.run();
    } catch (Throwable failure) {
      report(hub, failure);
      throw failure;
    } finally {
      bound.close();
      flush(hub.client());
    }
  }

  /** Captures an escaped throwable through the call's hub. Never throws. */
  private static void report(Hub hub, Throwable failure) {
    try {
      SentryEvent event = SentryEvent.fromThrowable(failure, MECHANISM);
      event.setLevel(Level.ERROR);
      hub.captureEvent(event, Hint.of(Hint.THROWABLE, failure));
    } catch (Throwable sdkFailure) {
      log("Sentry could not report an exception that escaped a serverless function", sdkFailure);
    }
  }

  /** Waits until the client's queue is empty, at most its shutdown timeout. Never throws. */
  private static void flush(SentryClient client) {
    try {
      Duration timeout = Duration.ofMillis(client.options().getShutdownTimeoutMillis());
      if (!client.flush(timeout)) {
        log("Sentry could not deliver every event within shutdownTimeout (" + timeout.toMillis()
            + " ms) before a serverless function returned; the rest may be lost if the platform"
            + " freezes the process", null);
      }
    } catch (Throwable sdkFailure) {
      log("Sentry failed to flush before a serverless function returned", sdkFailure);
    }
  }

  private static void log(String message, Throwable failure) {
    try {
      LOG.log(System.Logger.Level.WARNING, message, failure);
    } catch (Throwable ignored) {
      // Logging failed too; the function's own outcome still goes to the caller.
    }
  }
}
