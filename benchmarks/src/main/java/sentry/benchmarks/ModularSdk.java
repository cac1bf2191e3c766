package sentry.benchmarks;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import sentry.api.Hub;
import sentry.api.Sentry;
import sentry.api.SentryClient;

/** This project's SDK, through {@code sentry.api.Sentry}. */
final class ModularSdk implements Sdk {
  /** A system property that overrides {@code maxRequestsInFlight}; unset, the default applies. */
  static final String MAX_IN_FLIGHT = "bench.maxRequestsInFlight";

  /** The largest {@code maxQueueBytes} the SDK accepts. */
  static final long MAX_QUEUE_BYTES = 1L << 30;

  /** Set by our own init: asking the SDK would load it before a cold start is timed. */
  private boolean initialised;
  private final Map<String, Long> closedDrops = new TreeMap<>();

  @Override
  public String name() {
    return "modular";
  }

  @Override
  public void init(String dsn, int maxQueueSize) {
    if (initialised) {
      close();
    }
    initialised = true;
    Sentry.init(options -> {
      options.setDsn(dsn);
      options.setRelease(RELEASE);
      options.setEnvironment(ENVIRONMENT);
      options.setMaxQueueSize(maxQueueSize);
      // The queue's byte bound (8 MiB by default) holds a fraction of a batch by its estimate of an
      // event's size: roomy like maxQueueSize, so that no capture times the drop path.
      options.setMaxQueueBytes(MAX_QUEUE_BYTES);
      // close() between benchmark iterations drops what is queued instead of sending it.
      options.setShutdownTimeoutMillis(0);
      // Only for the end-to-end variant that shows what more requests in flight would give.
      Integer inFlight = Integer.getInteger(MAX_IN_FLIGHT);
      if (inFlight != null) {
        options.setMaxRequestsInFlight(inFlight);
      }
    });
  }

  @Override
  public Object captureException(Throwable throwable) {
    return Sentry.captureException(throwable);
  }

  @Override
  public Object captureMessage(String message) {
    return Sentry.captureMessage(message);
  }

  @Override
  public void addBreadcrumb(String message) {
    Sentry.addBreadcrumb(message);
  }

  @Override
  public void setTag(String key, String value) {
    Sentry.setTag(key, value);
  }

  @Override
  public void withScopeSetTag(String key, String value) {
    Sentry.withScope(scope -> scope.setTag(key, value));
  }

  @Override
  public boolean flush(Duration timeout) {
    return Sentry.flush(timeout);
  }

  @Override
  public void close() {
    initialised = false;
    // Each client has its own counts, and counts what close() drops: read them after the close.
    Object recorder = dropRecorder();
    Sentry.close();
    if (recorder != null) {
      totals(recorder).forEach((reason, count) -> closedDrops.merge(reason, count, Long::sum));
    }
  }

  @Override
  public Map<String, Long> drops() {
    Map<String, Long> all = new TreeMap<>(closedDrops);
    currentDrops().forEach((reason, count) -> all.merge(reason, count, Long::sum));
    return all;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> integrations() {
    try {
      Method identifiers = client().getClass().getDeclaredMethod("integrationIdentifiers");
      identifiers.setAccessible(true);
      return (List<String>) identifiers.invoke(client());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return List.of("unknown: " + e);
    }
  }

  private Map<String, Long> currentDrops() {
    Object recorder = dropRecorder();
    return recorder == null ? new TreeMap<>() : totals(recorder);
  }

  private static SentryClient client() {
    return Hub.main().client();
  }

  /**
   * The client's drop counts are not part of the API (they go to Sentry as client reports); on
   * the class path the benchmark reads them from {@code CoreClient.drops()}.
   */
  private static Object dropRecorder() {
    try {
      Method drops = client().getClass().getDeclaredMethod("drops");
      drops.setAccessible(true);
      return drops.invoke(client());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Long> totals(Object recorder) {
    try {
      return new TreeMap<>((Map<String, Long>) recorder.getClass().getMethod("totals").invoke(recorder));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the drop counts of " + recorder, e);
    }
  }

}
