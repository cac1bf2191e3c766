package sentry.integration.logging.internal;

import java.util.ArrayList;
import java.util.List;
import sentry.api.Hub;
import sentry.api.Integration;
import sentry.api.Mechanism;
import sentry.api.Sentry;
import sentry.api.SentryClient;

/**
 * The one guarded way in for the records of a logging backend: the {@code java.util.logging}
 * handler, the Log4j appender ({@code sentry.integration.log4j}) and the Logback appender ({@code
 * sentry.integration.logback}) each hold one. A record is passed on only outside the SDK's own
 * work (its diagnostics never come back as events), never while this thread is already passing
 * one through the same capture (a parameter's {@code toString} that logs is not fed back), and only
 * when the current client sends and has the integration; and nothing it does throws into the
 * logging call. In a package this module exports only to the backend modules. Thread-safe.
 *
 * @param <I> the integration whose options decide what a record makes ({@code LoggingIntegration}
 *     for every backend)
 */
public final class LogCapture<I extends Integration> {
  /** The mechanism of the exceptions that logged records carry: type {@code logging}, handled. */
  public static final Mechanism MECHANISM = new Mechanism("logging", true);

  private final Class<I> integration;
  private final Class<? extends Integration> backend;
  private final ThreadLocal<boolean[]> passing = ThreadLocal.withInitial(() -> new boolean[1]);
  /** The integration of the last client seen: clients are immutable, so it stays right for that client. */
  private volatile Installed<I> installed;

  private record Installed<I>(SentryClient client, I integration) {}

  /**
   * Makes a capture for records that need only the options' integration.
   *
   * @param integration the integration the current client must have, whose options apply
   */
  public LogCapture(Class<I> integration) {
    this(integration, integration);
  }

  /**
   * Makes a capture for the records of a backend with an integration of its own: both must be
   * installed in the current client, the options come from {@code integration}.
   *
   * @param integration the integration whose options apply
   * @param backend the backend's integration, which the current client must have too
   */
  public LogCapture(Class<I> integration, Class<? extends Integration> backend) {
    this.integration = integration;
    this.backend = backend;
  }

  /**
   * Reports one record of a backend.
   *
   * @param <I> the integration
   * @param <R> the backend's record
   */
  @FunctionalInterface
  public interface Reporter<I, R> {
    /**
     * Makes breadcrumbs, events and logs of a record.
     *
     * @param hub the current hub
     * @param integration the client's integration
     * @param record the record
     */
    void report(Hub hub, I integration, R record);
  }

  /**
   * Calls {@code report} with the current hub, the client's integration and the record, unless
   * the SDK is at work on this thread, this thread is already in this capture, the client does not
   * send, or it does not have the integrations. Swallows what {@code report} throws. With a static
   * method reference nothing is allocated on the way in; the installed integration is looked up
   * once per client.
   *
   * @param record the record
   * @param report makes breadcrumbs, events and logs of the record
   * @param <R> the backend's record
   */
  public <R> void pass(R record, Reporter<I, R> report) {
    if (Sentry.isInsideSdk()) {
      return;
    }
    boolean[] inside = passing.get();
    if (inside[0]) {
      return;
    }
    inside[0] = true;
    try {
      Hub hub = Hub.current();
      SentryClient client = hub.client();
      if (!client.isEnabled()) {
        return;
      }
      Installed<I> known = installed;
      if (known == null || known.client() != client) {
        I options = client.integration(backend).isPresent() ? client.integration(integration).orElse(null) : null;
        known = new Installed<>(client, options);
        installed = known;
      }
      if (known.integration() != null) {
        report.report(hub, known.integration(), record);
      }
    } catch (RuntimeException | LinkageError e) {
      // Logging must never fail because of Sentry; the SDK reports its own failures itself.
    } finally {
      inside[0] = false;
    }
  }

  /**
   * Returns message parameters as JSON values for {@code logentry.params}, less a trailing
   * throwable that the backend took as the record's (Log4j does): strings, booleans, nulls and the
   * JDK's immutable numbers stay as they are (a number stays a number, as in Python); anything
   * else becomes its {@code toString()} here, on the logging thread, since the object may change
   * before the event is sent. A {@code toString} that throws gives the class name and the
   * exception's instead.
   *
   * @param parameters the parameters, or null
   * @param thrown the record's throwable, left out when it is the last parameter; null for none
   * @return the values; empty for none; not to be changed
   */
  public static List<Object> params(Object[] parameters, Throwable thrown) {
    if (parameters == null || parameters.length == 0) {
      return List.of();
    }
    int count = parameters.length;
    if (thrown != null && parameters[count - 1] == thrown) {
      count--;
    }
    if (count == 1 && parameters[0] != null) {
      // The common case without a list to grow: an immutable list that SentryLog keeps as it is.
      return List.of(jsonValue(parameters[0]));
    }
    List<Object> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(jsonValue(parameters[i]));
    }
    return values;
  }

  /**
   * Returns a value as {@link #params} keeps it: itself when it is a string, a boolean, null or
   * one of the JDK's immutable numbers, else its {@code toString()}.
   *
   * @param value the value, or null
   * @return the value to put on a breadcrumb or an event
   */
  public static Object jsonValue(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
        || value instanceof Long || value instanceof Short || value instanceof Byte || value instanceof Double
        || value instanceof Float || value instanceof java.math.BigInteger || value instanceof java.math.BigDecimal) {
      return value;
    }
    return string(value);
  }

  private static String string(Object value) {
    try {
      return String.valueOf(value);
    } catch (RuntimeException e) {
      return value.getClass().getName() + " (toString() threw " + e.getClass().getName() + ")";
    }
  }
}
