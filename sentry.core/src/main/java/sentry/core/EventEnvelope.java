package sentry.core;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import sentry.api.DropReason;
import sentry.api.EventProcessor;
import sentry.api.Hint;
import sentry.api.SentryEvent;
import sentry.core.delivery.OutboundEnvelope;
import sentry.core.json.CallerStack;
import sentry.core.log.SdkLog;

/**
 * An event waiting to be sent. It keeps the processors that let it through, so that they hear
 * of it if it is dropped later (the dedupe integration forgets it then).
 */
final class EventEnvelope implements OutboundEnvelope {
  private static final SdkLog LOG = SdkLog.get("sentry.core.client");

  /** Serializes an event as a whole envelope, on the worker. */
  @FunctionalInterface
  interface Writer {
    /**
     * Writes the envelope.
     *
     * @param event the event
     * @param stack the capturing thread's stack, or null
     * @param trace the trace of the scope it was captured in, for the header's sampling context; or null
     * @param out where to write
     */
    void write(SentryEvent event, CallerStack stack, PropagationContext trace, OutputStream out) throws IOException;
  }

  private final SentryEvent event;
  private final Hint hint;
  private final List<EventProcessor> seen;
  private final Writer writer;
  private final CallerStack stack;
  private final PropagationContext trace;
  private final ScopeMerge merge;
  /** The scope state still to merge into the event before it is written; null once merged. */
  private CoreScope.State scope;
  /** The size estimate of an unmerged event the SDK made, or -1 to estimate the event itself. */
  private final long estimate;

  /** An event whose scope was merged on the capturing thread (a callback read it). */
  EventEnvelope(SentryEvent event, Hint hint, List<EventProcessor> seen, Writer writer, CallerStack stack,
      PropagationContext trace) {
    this(event, hint, seen, writer, stack, trace, null, null, -1);
  }

  /**
   * An event whose scope is merged on the SDK's thread, before it is written.
   *
   * @param scopeEstimate for an event the SDK made, the estimate of it with its scope; -1 to
   *     estimate the event itself
   */
  EventEnvelope(SentryEvent event, Hint hint, List<EventProcessor> seen, Writer writer, CallerStack stack,
      PropagationContext trace, ScopeMerge merge, CoreScope.State scope, long scopeEstimate) {
    this.event = event;
    this.hint = hint;
    this.seen = seen;
    this.writer = writer;
    this.stack = stack;
    this.trace = trace;
    this.merge = merge;
    this.scope = scope;
    this.estimate = scopeEstimate < 0 ? -1 : EventSize.estimateUnmerged(event, scopeEstimate);
  }

  /** The event, with its scope merged. */
  synchronized SentryEvent event() {
    if (scope != null) {
      CoreScope.State pending = scope;
      scope = null;
      merge.apply(event, pending, trace);
    }
    return event;
  }

  @Override
  public String eventId() {
    return event.getEventId().value();
  }

  @Override
  public String category() {
    return "error";
  }

  @Override
  public long sizeEstimate() {
    // For an event the SDK made, counted on the capturing thread from the scope's kept estimate;
    // else the event itself (merged, or the application's own with what it holds), plus its scope.
    if (estimate >= 0) {
      return estimate;
    }
    CoreScope.State pending = scope;
    return EventSize.estimate(event)
        + (pending == null ? 0 : EventSize.scope(pending.tags(), pending.extra(), pending.breadcrumbs()));
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    writer.write(event(), stack, trace, out);
  }

  @Override
  public void dropped(DropReason reason) {
    notifyDropped(event, hint, seen, reason);
  }

  static void notifyDropped(SentryEvent event, Hint hint, List<EventProcessor> seen, DropReason reason) {
    for (EventProcessor processor : seen) {
      try {
        processor.dropped(event, hint, reason);
      } catch (Throwable e) {
        // Whatever it throws, even an Error, as when it processes: this may run on the SDK's own
        // threads, which must not die of it.
        LOG.warn("event processor {} threw when told of a dropped event", processor.getClass().getName(), e);
      }
    }
  }
}
