package sentry.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import sentry.api.DropReason;
import sentry.api.EventProcessor;
import sentry.api.Hint;
import sentry.api.SentryEvent;
import sentry.api.SentryId;
import sentry.api.SentryOptions;
import sentry.core.accounting.DropRecorder;
import sentry.core.delivery.Dispatcher;
import sentry.core.json.CallerStack;
import sentry.core.json.ExceptionDescriber;
import sentry.core.log.SdkGuard;
import sentry.core.log.SdkLog;

/**
 * What a capture does on the application's thread, and nothing more: sampling and the ignore
 * rules, a snapshot of the scope by reference, the callbacks the user set, and the enqueue.
 *
 * <p>When no callback will read the event (no scope or option event processor, no {@code
 * beforeSend}, no {@code errorSampler}), the scope is not merged here: the event goes into the
 * queue with the scope's immutable state, and the options' values, the scope's data and the
 * integrations' {@link sentry.api.EventDefaults} are merged on the SDK's thread before it is
 * written ({@link ScopeMerge}). Otherwise they are merged before the callbacks, which see the
 * event as it will be sent. A {@link Hint} is made only when something will read it.
 * Integrations' event processors (dedupe) run on every event, on the event as captured.
 * Never throws into the application.
 *
 * <p>An event merged here belongs to the callbacks and the application: it gets its own copies
 * of the scope's breadcrumbs, extras and contexts ({@link ScopeMerge#applyOwned}), and before the
 * first processor sees it, its throwable is described with this client's in-app rules, so that
 * {@link SentryEvent#getExceptions()} gives what will be sent. Without callbacks the throwable is
 * described on the SDK's thread, when the event is written.
 */
final class CapturePath {
  private static final SdkLog LOG = SdkLog.get("sentry.core.client");
  private static final String ERROR = "error";

  private final DropRecorder drops;
  private final ErrorSampling sampling;
  private final Set<String> ignoredTypes;
  private final List<EventProcessor> integrationProcessors;
  private final List<EventProcessor> optionProcessors;
  private final SentryOptions.BeforeSendCallback beforeSend;
  private final boolean attachStacktrace;
  private final ScopeMerge merge;
  private final ExceptionDescriber describer;
  private final EventEnvelope.Writer writer;
  private final Dispatcher dispatcher;

  CapturePath(SentryOptions options, ErrorSampling sampling, DropRecorder drops,
      Integrations.Installed integrations, ExceptionDescriber describer, EventEnvelope.Writer writer,
      Dispatcher dispatcher) {
    this.drops = drops;
    this.sampling = sampling;
    this.ignoredTypes = Set.copyOf(options.getIgnoredExceptionsForType());
    this.integrationProcessors = integrations.processors();
    this.optionProcessors = List.copyOf(options.getEventProcessors());
    this.beforeSend = options.getBeforeSend();
    this.attachStacktrace = options.isAttachStacktrace();
    this.merge = new ScopeMerge(options, integrations.defaults());
    this.describer = describer;
    this.writer = writer;
    this.dispatcher = dispatcher;
  }

  /**
   * Runs an event through the pipeline and queues it.
   *
   * @param event the event; null is dropped and counted
   * @param hint the caller's hint, or null
   * @param hinted a throwable to put into the hint under {@link Hint#THROWABLE}, or null
   * @param made whether the SDK made the event itself (it has no tags, extras or breadcrumbs)
   * @param scope the scope it is captured in
   * @return the event id, or empty when it was dropped before it was queued
   */
  SentryId capture(SentryEvent event, Hint hint, Throwable hinted, boolean made, CoreScope scope) {
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
      return process(event, hint, hinted, made, scope);
    } catch (Throwable failure) {
      drops.record(DropReason.EVENT_PROCESSOR, ERROR);
      LOG.error("Sentry dropped an event because the SDK failed while capturing it", failure);
      return SentryId.EMPTY;
    } finally {
      SdkGuard.exit();
    }
  }

  private SentryId process(SentryEvent event, Hint given, Throwable hinted, boolean made, CoreScope scope) {
    if (!sampling.keepEarly()) {
      drops.record(DropReason.SAMPLE_RATE, ERROR);
      return SentryId.EMPTY;
    }
    if (isIgnored(event.getThrowable())) {
      drops.record(DropReason.EVENT_PROCESSOR, ERROR);
      return SentryId.EMPTY;
    }
    CoreScope.State state = scope.state();
    PropagationContext trace = scope.propagation();
    boolean callbacks = !state.processors().isEmpty() || !optionProcessors.isEmpty() || beforeSend != null
        || sampling.hasSampler();
    Hint hint = callbacks || !integrationProcessors.isEmpty() ? hint(given, hinted) : given;
    // An event the application made itself (captureEvent) is merged here too: it is the
    // application's object, which it may read or capture again once the call returns.
    boolean mergeNow = callbacks || !made;
    if (mergeNow) {
      merge.applyOwned(event, state, trace);
    }
    List<EventProcessor> seen = hint == null ? List.of() : new ArrayList<>(4);
    SentryEvent current = event;
    if (hint != null) {
      current = runProcessors(integrationProcessors, current, hint, seen, callbacks);
      current = runProcessors(state.processors(), current, hint, seen, true);
      current = runProcessors(optionProcessors, current, hint, seen, true);
    }
    if (current == null) {
      return drop(event, hint, seen, DropReason.EVENT_PROCESSOR);
    }
    current = beforeSend(current, hint);
    if (current == null) {
      return drop(event, hint, seen, DropReason.BEFORE_SEND);
    }
    if (sampling.hasSampler()) {
      describe(current);
    }
    if (!sampling.keepLate(current, hint)) {
      return drop(current, hint, seen, DropReason.SAMPLE_RATE);
    }
    EventEnvelope envelope = mergeNow
        ? new EventEnvelope(current, hint, seen, writer, callerStack(current), trace)
        : new EventEnvelope(current, hint, seen, writer, callerStack(current), trace, merge, state,
            made ? scope.bytes(state) : -1);
    return dispatcher.offer(envelope) ? current.getEventId() : SentryId.EMPTY;
  }

  /** The caller's hint, or a new one, with the throwable in it. */
  private static Hint hint(Hint given, Throwable hinted) {
    Hint hint = given == null ? new Hint() : given;
    return hinted == null ? hint : hint.set(Hint.THROWABLE, hinted);
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

  /**
   * Gives an event whose throwable is not described yet (a new event, or a callback set another
   * throwable) its exceptions, described with this client's options, before a callback reads it.
   */
  private void describe(SentryEvent event) {
    Throwable throwable = event.getThrowable();
    if (throwable != null && !event.hasDescribedExceptions()) {
      event.setExceptions(describer.describe(throwable, event.getMechanism(), event.getThreadId()));
    }
  }

  /** Runs processors in order; with {@code describe}, the throwable is described before each. */
  private SentryEvent runProcessors(List<EventProcessor> processors, SentryEvent event, Hint hint,
      List<EventProcessor> seen, boolean describe) {
    SentryEvent current = event;
    for (int i = 0; i < processors.size() && current != null; i++) {
      EventProcessor processor = processors.get(i);
      if (describe) {
        describe(current);
      }
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
    if (beforeSend == null) {
      return event;
    }
    describe(event);
    try {
      return beforeSend.execute(event, hint);
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
}
