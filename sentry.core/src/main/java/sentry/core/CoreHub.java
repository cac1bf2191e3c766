package sentry.core;

import java.util.Objects;
import java.util.function.Consumer;
import sentry.api.Breadcrumb;
import sentry.api.CheckIn;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.SentryClient;
import sentry.api.SentryEvent;
import sentry.api.Scope;
import sentry.api.SentryId;
import sentry.api.SentryLog;

/**
 * A hub: a scope, and the binding's current client. Hubs do not hold a client of their own, so a
 * second {@code init} reaches every thread at once.
 */
final class CoreHub implements Hub {
  private final CoreBinding binding;
  private final CoreScope scope;
  /** The init generation this hub was copied from the main hub in, for hubs made automatically. */
  private final int generation;
  private final boolean automatic;
  private volatile SentryId lastEventId = SentryId.EMPTY;

  CoreHub(CoreBinding binding, CoreScope scope, int generation, boolean automatic) {
    this.binding = binding;
    this.scope = scope;
    this.generation = generation;
    this.automatic = automatic;
  }

  /** Tells whether this hub was made automatically from a main hub that has since been replaced. */
  boolean isStale(int currentGeneration) {
    return automatic && generation != currentGeneration;
  }

  CoreHub automaticCopy(int currentGeneration) {
    return new CoreHub(binding, scope.copy(), currentGeneration, true);
  }

  CoreScope scope() {
    return scope;
  }

  @Override
  public SentryClient client() {
    return binding.client();
  }

  @Override
  public SentryId captureEvent(SentryEvent event, Hint hint) {
    SentryId id = binding.client().capture(event, hint, scope.state(), scope.propagation());
    if (!id.isEmpty()) {
      lastEventId = id;
      RequestSessionState session = scope.session();
      if (session != null) {
        session.observe(event);
      }
    }
    return id;
  }

  @Override
  public SentryId captureException(Throwable throwable, Hint hint) {
    // Checked before the event is built, so that a capture without a DSN costs next to nothing.
    if (!binding.client().isEnabled()) {
      return SentryId.EMPTY;
    }
    // Hub's default: a null throwable becomes a null event, dropped and counted by the client.
    return Hub.super.captureException(throwable, hint);
  }

  @Override
  public SentryId captureMessage(String message, Level level) {
    return binding.client().isEnabled() ? Hub.super.captureMessage(message, level) : SentryId.EMPTY;
  }

  @Override
  public SentryId captureCheckIn(CheckIn checkIn) {
    return binding.client().captureCheckIn(checkIn, scope.state(), scope.propagation());
  }

  @Override
  public void addBreadcrumb(Breadcrumb breadcrumb, Hint hint) {
    Breadcrumb kept = binding.client().beforeBreadcrumb(breadcrumb, hint);
    if (kept != null) {
      scope.addBreadcrumb(kept);
    }
  }

  @Override
  public void configureScope(Consumer<Scope> callback) {
    Objects.requireNonNull(callback, "callback must not be null");
    callback.accept(scope);
  }

  @Override
  public void withScope(Consumer<Scope> callback) {
    Objects.requireNonNull(callback, "callback must not be null");
    CoreHub scoped = new CoreHub(binding, scope.copy(), generation, false);
    Binding bound = scoped.bind();
    try {
      callback.accept(scoped.scope);
    } finally {
      bound.close();
    }
    if (!scoped.lastEventId.isEmpty()) {
      lastEventId = scoped.lastEventId;
    }
  }

  @Override
  public RequestSession startRequestSession() {
    SessionAggregator sessions = binding.client().sessions();
    if (sessions == null) {
      return () -> {};
    }
    RequestSessionState session = sessions.start();
    scope.session(session);
    return session;
  }

  @Override
  public void captureLog(SentryLog log) {
    // The log is in this hub's trace, as its events are.
    binding.client().captureLog(log, scope.propagation().traceId());
  }

  @Override
  public String getTraceparent() {
    return scope.propagation().sentryTrace();
  }

  @Override
  public String getBaggage() {
    return scope.propagation().baggage(binding.client().traceHead());
  }

  @Override
  public SentryId lastEventId() {
    return lastEventId;
  }

  @Override
  public Hub copy() {
    return new CoreHub(binding, scope.copy(), generation, false);
  }

  @Override
  public Binding bind() {
    return binding.bind(this);
  }

  @Override
  public String toString() {
    return "Hub[" + (automatic ? "automatic, " : "") + "tags " + scope.getTags().keySet() + "]";
  }
}
