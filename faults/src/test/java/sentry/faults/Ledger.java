package sentry.faults;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import sentry.api.DropReason;
import sentry.api.EventProcessor;
import sentry.api.Hint;
import sentry.api.SentryEvent;

/**
 * An event processor that keeps the SDK's side of the books one event at a time: which events got
 * as far as the processors, and which of those the SDK dropped later, and why. Added last, so it
 * sees every event the other processors let through.
 */
final class Ledger implements EventProcessor {
  private final Set<String> passed = ConcurrentHashMap.newKeySet();
  private final Map<String, String> told = new ConcurrentHashMap<>();
  private final List<String> droppedTwice = new CopyOnWriteArrayList<>();

  @Override
  public SentryEvent process(SentryEvent event, Hint hint) {
    passed.add(event.getEventId().value());
    return event;
  }

  @Override
  public void dropped(SentryEvent event, Hint hint, DropReason reason) {
    String previous = told.put(event.getEventId().value(), reason.protocolName());
    if (previous != null) {
      // Kept for the books, not thrown: this runs on the SDK's threads, where it would prove nothing.
      droppedTwice.add(event.getEventId() + ": " + previous + ", then " + reason.protocolName());
    }
  }

  /** Events the SDK said it dropped more than once: there must be none. */
  List<String> droppedTwice() {
    return List.copyOf(droppedTwice);
  }

  boolean passed(String eventId) {
    return passed.contains(eventId);
  }

  /** The reason the event was dropped for, or null when the processor was not told of a drop. */
  String droppedFor(String eventId) {
    return told.get(eventId);
  }
}
