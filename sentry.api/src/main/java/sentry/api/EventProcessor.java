package sentry.api;

import org.jspecify.annotations.Nullable;

/**
 * Changes or drops an event on its way to Sentry. Processors run on the thread that captured the
 * event, integrations' first, then the scope's, then the options'.
 */
@FunctionalInterface
public interface EventProcessor {
  /**
   * Processes an event.
   *
   * @param event the event, which may be changed in place
   * @param hint the hint of the capture, never null
   * @return the event to go on with (usually {@code event}), or null to drop it; a processor
   *     that throws is logged and skipped
   */
  @Nullable SentryEvent process(SentryEvent event, Hint hint);

  /**
   * Tells the processor that an event it let through was dropped later on, so it can forget it
   * (the dedupe integration resets on this). The default does nothing.
   *
   * @param event the event that was dropped
   * @param hint the hint of the capture
   * @param reason why it was dropped
   */
  default void dropped(SentryEvent event, Hint hint, DropReason reason) {}
}
