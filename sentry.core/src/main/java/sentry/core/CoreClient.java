package sentry.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import sentry.api.Breadcrumb;
import sentry.api.CheckIn;
import sentry.api.DropReason;
import sentry.api.Hint;
import sentry.api.Integration;
import sentry.api.SentryClient;
import sentry.api.SentryEvent;
import sentry.api.SentryId;
import sentry.api.SentryOptions;
import sentry.core.accounting.DropRecorder;
import sentry.core.delivery.Dispatcher;
import sentry.core.json.EnvelopeWriter;
import sentry.core.json.ExceptionDescriber;
import sentry.core.json.SdkInfo;
import sentry.core.log.SdkGuard;
import sentry.core.log.SdkLog;

/**
 * A configured client: its options, integrations and delivery. A capture checks once that the
 * client sends, makes the event, and hands it to the {@link CapturePath}; describing frames,
 * merging the scope when no callback needs it, scrubbing and JSON happen on the delivery worker.
 * Capture never throws into the application.
 */
final class CoreClient implements SentryClient {
  private static final SdkLog LOG = SdkLog.get("sentry.core.client");
  private static final String ERROR = "error";

  private final SentryOptions options;
  private final Dsn dsn;
  private final Delivery delivery;
  private final DropRecorder drops;
  private final Integrations.Installed integrations;
  private final ErrorSampling sampling;
  /** The capturing thread's part of a capture; null when the client does not send. */
  private final CapturePath path;
  private final AtomicReference<Instant> shutdownDeadline = new AtomicReference<>();
  /** Release health for servers; null when not sending, without a release or turned off. */
  private final SessionAggregator sessions;
  /** What a trace headed here puts in its dynamic sampling context; null when not sending. */
  private final PropagationContext.TraceHead traceHead;
  private volatile boolean open;

  /** The queue and the serializer of a client that sends. */
  record Delivery(Dispatcher dispatcher, EventEnvelope.Writer writer, EnvelopeWriter envelopes, LogBatcher logs) {}

  CoreClient(SentryOptions options, Dsn dsn, Delivery delivery, DropRecorder drops,
      Integrations.Installed integrations, ExceptionDescriber describer) {
    this.options = options;
    this.dsn = dsn;
    this.delivery = delivery;
    this.drops = drops;
    this.integrations = integrations;
    this.sampling = new ErrorSampling(options);
    this.path = delivery == null ? null
        : new CapturePath(options, sampling, drops, integrations, describer, delivery.writer(),
            delivery.dispatcher());
    this.open = delivery != null;
    this.traceHead = delivery == null || dsn == null ? null : PropagationContext.TraceHead.of(dsn, options);
    this.sessions = delivery == null || options.getRelease() == null || !options.isAutoSessionTracking()
        ? null : new SessionAggregator(options.getRelease(), options.getEnvironment(), delivery.dispatcher(),
            new EnvelopeWriter(new SdkInfo(ClientFactory.SDK_NAME, ClientFactory.SDK_VERSION, List.of(), List.of()),
                Clock.systemUTC()), Clock.systemUTC());
  }

  /** Returns the request-session aggregator, or null when sessions are not tracked. */
  SessionAggregator sessions() {
    return open ? sessions : null;
  }

  /** A client that sends nothing: before {@code init}, after {@code close}, or without a DSN. */
  static CoreClient disabled() {
    return new CoreClient(new SentryOptions(), null, null, new DropRecorder(),
        new Integrations.Installed(Map.of(), List.of(), List.of(), false), new ExceptionDescriber(List.of(), List.of()));
  }

  /** What a trace headed here puts in its dynamic sampling context; null when not sending. */
  PropagationContext.TraceHead traceHead() {
    return open ? traceHead : null;
  }

  ErrorSampling sampling() {
    return sampling;
  }

  DropRecorder drops() {
    return drops;
  }

  /** The log batcher, or null when logs are off or the client does not send. */
  LogBatcher logs() {
    return delivery == null ? null : delivery.logs();
  }

  boolean inheritParentHub() {
    return integrations.inheritParentHub();
  }

  List<String> integrationIdentifiers() {
    return List.copyOf(integrations.byIdentifier().keySet());
  }

  @Override
  public boolean isEnabled() {
    return open;
  }

  @Override
  public SentryOptions options() {
    return options;
  }

  @Override
  public <T extends Integration> Optional<T> integration(Class<T> type) {
    Objects.requireNonNull(type, "type must not be null");
    for (Integration integration : integrations.byIdentifier().values()) {
      if (type.isInstance(integration)) {
        return Optional.of(type.cast(integration));
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> dsnHost() {
    return dsn == null ? Optional.empty() : Optional.of(dsn.host());
  }

  @Override
  public int pendingEvents() {
    return delivery == null ? 0 : delivery.dispatcher().pending();
  }

  @Override
  public boolean flush(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout must not be null");
    if (sessions != null) {
      sessions.send();
    }
    if (delivery != null && delivery.logs() != null) {
      delivery.logs().drain();
    }
    return delivery == null || delivery.dispatcher().flush(timeout);
  }

  @Override
  public boolean isLogEnabled() {
    return open && delivery.logs() != null;
  }

  /**
   * Buffers a log for the next batch (see {@link LogBatcher}); the SDK's own threads log nothing.
   * A log handed to the client itself, not through a hub, has no scope: it gets the process's
   * trace id ({@link ProcessTrace}).
   */
  @Override
  public void captureLog(sentry.api.SentryLog log) {
    captureLog(log, ProcessTrace.current());
  }

  /** Buffers a log in the trace of the hub it was captured through. */
  void captureLog(sentry.api.SentryLog log, String traceId) {
    if (log != null && isLogEnabled() && !SdkGuard.inside()) {
      delivery.logs().offer(log, traceId);
    }
  }

  @Override
  public Instant shutdownDeadline() {
    Instant proposed = Instant.now().plusMillis(options.getShutdownTimeoutMillis());
    return shutdownDeadline.updateAndGet(current -> current == null ? proposed : current);
  }

  /** Flushes within the shutdown deadline and stops delivery; later calls do nothing. */
  void close() {
    if (!open) {
      return;
    }
    open = false;
    if (sessions != null) {
      sessions.close();
    }
    if (delivery.logs() != null) {
      delivery.logs().close();
    }
    Duration left = Duration.between(Instant.now(), shutdownDeadline());
    delivery.dispatcher().close(left.isNegative() ? Duration.ZERO : left);
  }

  /**
   * Returns the capturing thread's part of a capture while the client sends: the one check of
   * "enabled" a capture makes.
   *
   * @return the capture path, or null when the client does not send
   */
  CapturePath sending() {
    return open ? path : null;
  }

  /**
   * Queues a check-in: no sampling, no processors; the queue counts a drop under {@code monitor}.
   * Never throws.
   *
   * @return the check-in id, or empty when it was not queued
   */
  SentryId captureCheckIn(CheckIn checkIn, CoreScope.State scope, PropagationContext trace) {
    if (!open || checkIn == null) {
      return SentryId.EMPTY;
    }
    try {
      String traceId = checkIn.traceId() != null ? checkIn.traceId().value() : scopeTraceId(scope, trace);
      CheckInEnvelope envelope = new CheckInEnvelope(checkIn, options.getRelease(), options.getEnvironment(),
          traceId, delivery.envelopes());
      return delivery.dispatcher().offer(envelope) ? checkIn.checkInId() : SentryId.EMPTY;
    } catch (Throwable failure) {
      drops.record(DropReason.EVENT_PROCESSOR, CheckInEnvelope.CATEGORY);
      LOG.error("Sentry dropped a check-in because the SDK failed while capturing it", failure);
      return SentryId.EMPTY;
    }
  }

  /** The trace id of the scope's own {@code trace} context, else of its trace. */
  private static String scopeTraceId(CoreScope.State scope, PropagationContext trace) {
    Map<String, Object> own = scope.contexts().get("trace");
    if (own == null) {
      return trace == null ? null : trace.traceId();
    }
    Object traceId = own.get("trace_id");
    return traceId instanceof String text && text.matches("[0-9a-f]{32}") ? text : null;
  }

  @Override
  public String toString() {
    return "SentryClient[" + (open ? "sending to " + dsn : "not sending") + ", environment "
        + options.getEnvironment() + ", integrations " + integrationIdentifiers() + "]";
  }

  /** Runs {@code beforeBreadcrumb}; returns the breadcrumb to add, or null to drop it. */
  Breadcrumb beforeBreadcrumb(Breadcrumb breadcrumb, Hint hint) {
    if (!open || breadcrumb == null) {
      return null;
    }
    SentryOptions.BeforeBreadcrumbCallback callback = options.getBeforeBreadcrumb();
    if (callback == null || SdkGuard.inside()) {
      // Inside the SDK (the callback adding a breadcrumb itself) the callback is not run again.
      return breadcrumb;
    }
    SdkGuard.enter();
    try {
      return callback.execute(breadcrumb, hint == null ? new Hint() : hint);
    } catch (Throwable e) {
      // Whatever the callback throws, even an Error, stays here: the original is kept.
      LOG.warn("beforeBreadcrumb threw; keeping the original breadcrumb", e);
      return breadcrumb;
    } finally {
      SdkGuard.exit();
    }
  }

}
