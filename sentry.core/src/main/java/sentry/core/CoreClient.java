package sentry.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import sentry.api.Breadcrumb;
import sentry.api.CheckIn;
import sentry.api.DropReason;
import sentry.api.EventProcessor;
import sentry.api.Hint;
import sentry.api.Integration;
import sentry.api.SentryClient;
import sentry.api.SentryEvent;
import sentry.api.SentryId;
import sentry.api.SentryOptions;
import sentry.core.accounting.DropRecorder;
import sentry.core.delivery.Dispatcher;
import sentry.core.json.CallerStack;
import sentry.core.json.EnvelopeWriter;
import sentry.core.json.ExceptionDescriber;
import sentry.core.json.SdkInfo;
import sentry.core.log.SdkGuard;
import sentry.core.log.SdkLog;

/**
 * A configured client and its event pipeline. On the capturing thread: sampling by {@code
 * sampleRate}, the scope snapshot (breadcrumbs put in timestamp order), event processors, {@code
 * beforeSend}, the {@code errorSampler}, the caller's stack frames with {@code attachStacktrace},
 * then a non-blocking enqueue; everything else (describing frames, scrubbing, JSON) happens on the
 * delivery worker. Capture never throws into the application.
 */
final class CoreClient implements SentryClient {
  private static final SdkLog LOG = SdkLog.get("sentry.core.client");
  private static final String ERROR = "error";

  private final SentryOptions options;
  private final Dsn dsn;
  private final Delivery delivery;
  private final ExceptionDescriber describer;
  private final DropRecorder drops;
  private final Integrations.Installed integrations;
  private final List<EventProcessor> optionProcessors;
  private final java.util.Set<String> ignoredTypes;
  private final Map<String, String> optionTags;
  private final ErrorSampling sampling;
  private final boolean attachStacktrace;
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
    this.describer = describer;
    this.options = options;
    this.dsn = dsn;
    this.delivery = delivery;
    this.drops = drops;
    this.integrations = integrations;
    this.optionProcessors = options.getEventProcessors();
    this.ignoredTypes = options.getIgnoredExceptionsForType();
    this.optionTags = options.getTags();
    this.sampling = new ErrorSampling(options);
    this.attachStacktrace = options.isAttachStacktrace();
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
        new Integrations.Installed(Map.of(), List.of(), false), new ExceptionDescriber(List.of(), List.of()));
  }

  /** What a trace headed here puts in its dynamic sampling context; null when not sending. */
  PropagationContext.TraceHead traceHead() {
    return open ? traceHead : null;
  }

  ExceptionDescriber describer() {
    return describer;
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
   * Runs an event through the pipeline and queues it.
   *
   * @return the event id, or empty when it was dropped before it was queued
   */
  SentryId capture(SentryEvent event, Hint hint, CoreScope.State scope, PropagationContext trace) {
    if (!open) {
      return SentryId.EMPTY;
    }
    if (event == null) {
      // captureEvent(null), captureException(null), captureMessage(null): never a throw into the
      // caller, and never silent. event_processor is the reason the SDK's own filters count under.
      drops.record(DropReason.EVENT_PROCESSOR, ERROR);
      LOG.debug("dropped a capture of null");
      return SentryId.EMPTY;
    }
    if (SdkGuard.inside()) {
      // A capture from inside a callback or the SDK's own threads would recurse: drop and count.
      drops.record(DropReason.EVENT_PROCESSOR, ERROR);
      LOG.debug("dropped event {} captured from inside the SDK", event.getEventId());
      return SentryId.EMPTY;
    }
    SdkGuard.enter();
    try {
      return process(event, hint == null ? new Hint() : hint, scope, trace);
    } catch (Throwable failure) {
      drops.record(DropReason.EVENT_PROCESSOR, ERROR);
      LOG.error("Sentry dropped an event because the SDK failed while capturing it", failure);
      return SentryId.EMPTY;
    } finally {
      SdkGuard.exit();
    }
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

  private SentryId process(SentryEvent event, Hint hint, CoreScope.State scope, PropagationContext trace) {
    if (!sampling.keepEarly()) {
      drops.record(DropReason.SAMPLE_RATE, ERROR);
      return SentryId.EMPTY;
    }
    if (isIgnored(event.getThrowable())) {
      drops.record(DropReason.EVENT_PROCESSOR, ERROR);
      return SentryId.EMPTY;
    }
    applyScope(event, scope, trace);
    List<EventProcessor> seen = new ArrayList<>(4);
    SentryEvent current = runProcessors(integrations.processors(), event, hint, seen);
    current = runProcessors(scope.processors(), current, hint, seen);
    current = runProcessors(optionProcessors, current, hint, seen);
    if (current == null) {
      return drop(event, hint, seen, DropReason.EVENT_PROCESSOR);
    }
    current = beforeSend(current, hint);
    if (current == null) {
      return drop(event, hint, seen, DropReason.BEFORE_SEND);
    }
    if (!sampling.keepLate(current, hint)) {
      return drop(current, hint, seen, DropReason.SAMPLE_RATE);
    }
    EventEnvelope envelope = new EventEnvelope(current, hint, seen, delivery.writer(), callerStack(current), trace);
    return delivery.dispatcher().offer(envelope) ? current.getEventId() : SentryId.EMPTY;
  }

  /** With {@code attachStacktrace}, a message event's stack: cheap frames now, described on the worker. */
  private CallerStack callerStack(SentryEvent event) {
    if (!attachStacktrace || event.getThrowable() != null
        || event.hasDescribedExceptions() && !event.getExceptions().isEmpty()) {
      return null;
    }
    return CallerStack.capture();
  }

  private boolean isIgnored(Throwable throwable) {
    if (throwable == null || ignoredTypes.isEmpty()) {
      return false;
    }
    for (Class<?> type = throwable.getClass(); type != null; type = type.getSuperclass()) {
      if (ignoredTypes.contains(type.getName())) {
        return true;
      }
    }
    return false;
  }

  private void applyScope(SentryEvent event, CoreScope.State scope, PropagationContext trace) {
    if (event.getRelease() == null) {
      event.setRelease(options.getRelease());
    }
    if (event.getEnvironment() == null) {
      event.setEnvironment(options.getEnvironment());
    }
    if (event.getDist() == null) {
      event.setDist(options.getDist());
    }
    if (event.getServerName() == null) {
      event.setServerName(options.getServerName());
    }
    mergeUnder(event.getTags(), optionTags, scope.tags());
    mergeUnder(event.getExtra(), Map.of(), scope.extra());
    mergeUnder(event.getContexts(), Map.of(), scope.contexts());
    if (trace != null) {
      // The trace's own map, by reference: unless the event or the scope has a trace context.
      event.getContexts().putIfAbsent("trace", trace.traceContext());
    }
    if (event.getUser() == null) {
      event.setUser(scope.user());
    }
    if (scope.level() != null) {
      event.setLevel(scope.level());
    }
    if (event.getFingerprint().isEmpty()) {
      event.getFingerprint().addAll(scope.fingerprint());
    }
    if (event.getTransaction() == null) {
      event.setTransaction(scope.transaction());
    }
    if (!scope.breadcrumbs().isEmpty()) {
      event.getBreadcrumbs().addAll(0, scope.breadcrumbs().toList(options.getMaxBreadcrumbs()));
    }
    BreadcrumbOrder.sort(event.getBreadcrumbs());
  }

  /** Puts the defaults, then the scope's values, under what the event already has. */
  private static <V> void mergeUnder(Map<String, V> target, Map<String, V> defaults, Map<String, V> scope) {
    if (defaults.isEmpty() && scope.isEmpty()) {
      return;
    }
    Map<String, V> own = target.isEmpty() ? Map.of() : new LinkedHashMap<>(target);
    target.putAll(defaults);
    target.putAll(scope);
    target.putAll(own);
  }

  private SentryEvent runProcessors(List<EventProcessor> processors, SentryEvent event, Hint hint,
      List<EventProcessor> seen) {
    SentryEvent current = event;
    for (int i = 0; i < processors.size() && current != null; i++) {
      EventProcessor processor = processors.get(i);
      try {
        SentryEvent result = processor.process(current, hint);
        seen.add(processor);
        current = result;
      } catch (Throwable e) {
        // Whatever a processor throws, even an Error, skips that processor only.
        LOG.warn("event processor {} threw; skipping it", processor.getClass().getName(), e);
      }
    }
    return current;
  }

  private SentryEvent beforeSend(SentryEvent event, Hint hint) {
    SentryOptions.BeforeSendCallback callback = options.getBeforeSend();
    if (callback == null) {
      return event;
    }
    try {
      return callback.execute(event, hint);
    } catch (Throwable e) {
      LOG.warn("beforeSend threw; dropping event {}", event.getEventId(), e);
      return null;
    }
  }

  private SentryId drop(SentryEvent event, Hint hint, List<EventProcessor> seen, DropReason reason) {
    drops.record(reason, ERROR);
    EventEnvelope.notifyDropped(event, hint, seen, reason);
    return SentryId.EMPTY;
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
