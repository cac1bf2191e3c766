package sentry.core;

import java.util.Objects;
import java.util.function.Consumer;
import sentry.api.Breadcrumb;
import sentry.api.CheckIn;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.Mechanism;
import sentry.api.Message;
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
  /**
   * The slot of the thread this hub was made current on (its automatic hub, or a scope it pushed),
   * so that its {@code withScope} need not look the slot up; null when it may be bound anywhere.
   */
  private final CoreBinding.Slot home;
  /** Null until this hub queues an event: not set in the constructor, where a volatile store costs a fence. */
  private volatile SentryId lastEventId;

  CoreHub(CoreBinding binding, CoreScope scope, int generation, boolean automatic) {
    this(binding, scope, generation, automatic, null);
  }

  private CoreHub(CoreBinding binding, CoreScope scope, int generation, boolean automatic, CoreBinding.Slot home) {
    this.binding = binding;
    this.scope = scope;
    this.generation = generation;
    this.automatic = automatic;
    this.home = home;
  }

  /** Tells whether this hub was made automatically from a main hub that has since been replaced. */
  boolean isStale(int currentGeneration) {
    return automatic && generation != currentGeneration;
  }

  /** A copy of this hub made current on the thread of {@code slot}. */
  CoreHub automaticCopy(int currentGeneration, CoreBinding.Slot slot) {
    return new CoreHub(binding, scope.copy(), currentGeneration, true, slot);
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
    CapturePath path = binding.client().sending();
    return path == null ? SentryId.EMPTY : captured(path.capture(event, hint, null, false, scope), event);
  }

  /**
   * Made here, not by {@link Hub}'s default: one check that the client sends, then the event is
   * made; without a DSN a capture costs next to nothing.
   */
  @Override
  public SentryId captureException(Throwable throwable, Hint hint) {
    CapturePath path = binding.client().sending();
    if (path == null) {
      return SentryId.EMPTY;
    }
    SentryEvent event = null;
    if (throwable != null) {
      event = new SentryEvent();
      event.setThrowable(throwable, Mechanism.GENERIC);
      event.setLevel(Level.ERROR);
    }
    return captured(path.capture(event, hint, throwable, true, scope), event);
  }

  @Override
  public SentryId captureMessage(String message, Level level) {
    CapturePath path = binding.client().sending();
    if (path == null) {
      return SentryId.EMPTY;
    }
    SentryEvent event = null;
    if (message != null) {
      event = new SentryEvent();
      event.setMessage(Message.of(message));
      event.setLevel(level == null ? Level.INFO : level);
    }
    return captured(path.capture(event, null, null, true, scope), event);
  }

  /** Notes a queued event's id, and tells the request's session of an event that carries an exception. */
  private SentryId captured(SentryId id, SentryEvent event) {
    if (!id.isEmpty()) {
      lastEventId = id;
      RequestSessionState session = scope.session();
      if (session != null && event != null) {
        session.observe(event);
      }
    }
    return id;
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
    // Bound as bind() would, but on the thread's slot directly: no binding object. A hub made on
    // this thread knows the slot; the owner check keeps another thread's slot untouched.
    CoreBinding.Slot slot = home != null && home.isCurrentThreads() ? home : binding.slot();
    CoreHub scoped = new CoreHub(binding, scope.copy(), generation, false, slot);
    CoreHub previous = slot.hub;
    slot.hub = scoped;
    try {
      callback.accept(scoped.scope);
    } finally {
      slot.hub = previous;
    }
    SentryId scopedId = scoped.lastEventId;
    if (scopedId != null) {
      lastEventId = scopedId;
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
    SentryId id = lastEventId;
    return id == null ? SentryId.EMPTY : id;
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
