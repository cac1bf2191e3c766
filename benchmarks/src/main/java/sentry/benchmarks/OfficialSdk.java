package sentry.benchmarks;

import io.sentry.DataCategory;
import io.sentry.Integration;
import io.sentry.Sentry;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryItemType;
import io.sentry.SentryOptions;
import io.sentry.clientreport.DiscardReason;
import io.sentry.clientreport.IClientReportRecorder;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The official SDK, {@code io.sentry:sentry}, through {@code io.sentry.Sentry}. Besides the common
 * settings it turns off what this project's SDK does not do, so that both do the same work: see
 * {@link #configure}.
 */
final class OfficialSdk implements Sdk {
  /** Set by our own init: asking the SDK would load it before a cold start is timed. */
  private boolean initialised;
  private final ConcurrentHashMap<String, LongAdder> drops = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "official";
  }

  @Override
  public void init(String dsn, int maxQueueSize) {
    if (initialised) {
      close();
    }
    initialised = true;
    Sentry.init(options -> configure(options, dsn, maxQueueSize));
  }

  /** The settings, each said in docs/PERFORMANCE.md. */
  private void configure(SentryOptions options, String dsn, int maxQueueSize) {
    // The official SDK wants "" rather than null for "no DSN".
    options.setDsn(dsn == null ? "" : dsn);
    options.setRelease(RELEASE);
    options.setEnvironment(ENVIRONMENT);
    options.setMaxQueueSize(maxQueueSize);
    // close() between benchmark iterations drops what is queued instead of sending it: no flush
    // on close, and the sender is stopped after 100 ms.
    options.setShutdownTimeoutMillis(0);
    options.setFlushTimeoutMillis(100);
    // Fair to the official SDK: ours attaches no stack of the calling thread to message events
    // (the official default walks and converts the current thread's stack on every message), and
    // has no backpressure monitor thread. Tracing is off in both (no traces sample rate).
    options.setAttachStacktrace(false);
    options.setEnableBackpressureHandling(false);
    countDrops(options);
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
    Sentry.flush(timeout.toMillis());
    return true;
  }

  @Override
  public void close() {
    initialised = false;
    Sentry.close();
  }

  @Override
  public Map<String, Long> drops() {
    Map<String, Long> copy = new TreeMap<>();
    drops.forEach((reason, count) -> copy.put(reason, count.sum()));
    return copy;
  }

  @Override
  public List<String> integrations() {
    List<String> names = new ArrayList<>();
    for (Integration integration : Sentry.getCurrentScopes().getOptions().getIntegrations()) {
      names.add(integration.getClass().getSimpleName());
    }
    return names;
  }

  /** Returns the event processors the official SDK runs on every event, by class name. */
  static List<String> eventProcessors() {
    List<String> names = new ArrayList<>();
    Sentry.getCurrentScopes().getOptions().getEventProcessors()
        .forEach(processor -> names.add(processor.getClass().getSimpleName()));
    return names;
  }

  /**
   * The official SDK counts drops for its client reports and offers no public way to read them;
   * the benchmark wraps its recorder (a package-private field) to count dropped events by reason.
   */
  private void countDrops(SentryOptions options) {
    try {
      Field field = SentryOptions.class.getDeclaredField("clientReportRecorder");
      field.setAccessible(true);
      field.set(options, new CountingRecorder((IClientReportRecorder) field.get(options)));
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.err.println("benchmarks: cannot count the official SDK's drops: " + e);
    }
  }

  private void count(DiscardReason reason, long quantity) {
    drops.computeIfAbsent(reason.getReason(), key -> new LongAdder()).add(quantity);
  }

  private final class CountingRecorder implements IClientReportRecorder {
    private final IClientReportRecorder delegate;

    CountingRecorder(IClientReportRecorder delegate) {
      this.delegate = delegate;
    }

    @Override
    public void recordLostEnvelope(DiscardReason reason, SentryEnvelope envelope) {
      if (envelope != null) {
        for (SentryEnvelopeItem item : envelope.getItems()) {
          countItem(reason, item);
        }
      }
      delegate.recordLostEnvelope(reason, envelope);
    }

    @Override
    public void recordLostEnvelopeItem(DiscardReason reason, SentryEnvelopeItem item) {
      countItem(reason, item);
      delegate.recordLostEnvelopeItem(reason, item);
    }

    @Override
    public void recordLostEvent(DiscardReason reason, DataCategory category) {
      recordLostEvent(reason, category, 1);
    }

    @Override
    public void recordLostEvent(DiscardReason reason, DataCategory category, long count) {
      if (category == DataCategory.Error || category == DataCategory.Default) {
        count(reason, count);
      }
      delegate.recordLostEvent(reason, category, count);
    }

    @Override
    public SentryEnvelope attachReportToEnvelope(SentryEnvelope envelope) {
      return delegate.attachReportToEnvelope(envelope);
    }

    private void countItem(DiscardReason reason, SentryEnvelopeItem item) {
      if (item != null && item.getHeader().getType() == SentryItemType.Event) {
        count(reason, 1);
      }
    }
  }
}
