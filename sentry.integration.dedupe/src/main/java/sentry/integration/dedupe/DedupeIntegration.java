package sentry.integration.dedupe;

import java.util.List;
import sentry.api.DropReason;
import sentry.api.EventProcessor;
import sentry.api.Hint;
import sentry.api.Integration;
import sentry.api.IntegrationContext;
import sentry.api.SentryEvent;
import sentry.api.SentryId;

/**
 * Sends one event when the same throwable object is captured more than once. Throwables are
 * compared by identity, never by {@code equals}: two exceptions with the same type and message
 * are two errors, but one exception logged by a framework and captured again by the application
 * (or caught, wrapped and rethrown, then captured as the cause or a suppressed exception of the
 * new one) is one error.
 *
 * <p>For every event with a throwable (the event's own, and the hint's {@link Hint#THROWABLE}),
 * the integration's event processor collects the throwable and everything reachable through its
 * causes and suppressed exceptions. If any of them was sent before, the event is dropped (the SDK
 * counts the drop as {@code event_processor}); otherwise all of them are remembered. A capture that
 * is dropped after this processor let it through ({@code beforeSend}, another processor, the
 * queue, the network) is forgotten again, so a later capture of the same throwable is sent.
 * Events without a throwable pass untouched.
 *
 * <p>Throwables are remembered through weak references: one the application no longer holds is
 * forgotten when the garbage collector takes it, so memory does not grow with the number of
 * errors. Each client (each {@code Sentry.init}) starts with an empty memory. Thread-safe.
 *
 * <p>Installed by default when the module is present; it has no options. Construct it yourself
 * only to install it with default integrations turned off:
 *
 * <pre>{@code
 * Sentry.init(options -> {
 *   options.setDefaultIntegrations(false);
 *   options.addIntegration(new DedupeIntegration());
 * });
 * }</pre>
 */
public final class DedupeIntegration implements Integration {
  /** The identifier, {@value}, for {@code SentryOptions.addDisabledIntegration}. */
  public static final String IDENTIFIER = "dedupe";

  /** Makes the integration; the service loader uses this constructor too. */
  public DedupeIntegration() {}

  /**
   * Returns {@value #IDENTIFIER}.
   *
   * @return the identifier
   */
  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  /**
   * Adds the deduplicating event processor, with a memory of its own, to the client.
   *
   * @param context the client's registration context
   */
  @Override
  public void register(IntegrationContext context) {
    context.addEventProcessor(new Processor(new SeenThrowables()));
  }

  @Override
  public String toString() {
    return "DedupeIntegration";
  }

  /**
   * What one capture marked as seen, kept in its hint so that a later drop can unmark it. The
   * table knows the capture by its {@code token} alone: the capture holds its throwables strongly,
   * and a table entry holding the capture would keep its own throwable alive for good.
   */
  private record Capture(SentryId eventId, List<Throwable> members, Object token) {}

  /** Drops events whose throwables were sent before; remembers the ones it lets through. */
  static final class Processor implements EventProcessor {
    private static final Hint.Key<Capture> CAPTURE = new Hint.Key<>("sentry.dedupe.capture", Capture.class);

    private final SeenThrowables seen;

    Processor(SeenThrowables seen) {
      this.seen = seen;
    }

    @Override
    public SentryEvent process(SentryEvent event, Hint hint) {
      Throwable own = event.getThrowable();
      Throwable hinted = hint.get(Hint.THROWABLE).orElse(null);
      if (own == null && hinted == null) {
        return event;
      }
      List<Throwable> members = ThrowableGraph.members(own, hinted);
      Capture capture = new Capture(event.getEventId(), members, new Object());
      if (!seen.markAllUnlessAnySeen(members, capture.token())) {
        return null;
      }
      hint.set(CAPTURE, capture);
      return event;
    }

    @Override
    public void dropped(SentryEvent event, Hint hint, DropReason reason) {
      // The id check keeps a hint reused for a second, deduplicated capture from unmarking the
      // first capture, which is still on its way.
      hint.get(CAPTURE)
          .filter(capture -> capture.eventId().equals(event.getEventId()))
          .ifPresent(capture -> seen.unmark(capture.members(), capture.token()));
    }

    SeenThrowables seen() {
      return seen;
    }
  }
}
