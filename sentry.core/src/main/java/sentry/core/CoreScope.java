package sentry.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import sentry.api.Breadcrumb;
import sentry.api.EventProcessor;
import sentry.api.Level;
import sentry.api.Scope;
import sentry.api.User;
import sentry.core.json.CaptureCuts;

/**
 * A scope kept as an immutable {@link State}, replaced whole on every change. A copy shares the
 * state, and a capture takes the state with one read: copy-on-write, never a deep copy. A null
 * key, fingerprint or processor throws at once; a null breadcrumb is ignored (the API's rule).
 * Breadcrumbs, extras and contexts are cut to {@code maxValueLength} as they are added ({@link
 * CaptureCuts}), as tags are cut to Sentry's limits. The trace ({@link PropagationContext}) is kept
 * beside the state the same way: a copy shares it until one of them continues another trace.
 */
final class CoreScope implements Scope {
  private static final int MAX_TAG_KEY = 32;
  private static final int MAX_TAG_VALUE = 199;

  /** Everything a scope holds. Maps and lists are unmodifiable and never changed in place. */
  record State(
      ScopeMap<String> tags,
      ScopeMap<Object> extra,
      ScopeMap<Map<String, Object>> contexts,
      User user,
      Level level,
      List<String> fingerprint,
      String transaction,
      Breadcrumbs breadcrumbs,
      List<EventProcessor> processors) {
    static final State EMPTY =
        new State(ScopeMap.empty(), ScopeMap.empty(), ScopeMap.empty(), null, null, List.of(), null,
            Breadcrumbs.EMPTY, List.of());
  }

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(CoreScope.class, "state", State.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int maxBreadcrumbs;
  /** The {@code maxValueLength} option: breadcrumbs, extras and contexts are cut to it when added. */
  private final int maxValueLength;
  private volatile State state;
  /** The request's release-health session, shared with copies; null outside a request. */
  private volatile RequestSessionState session;
  private volatile PropagationContext propagation;

  CoreScope(int maxBreadcrumbs, State state) {
    this(maxBreadcrumbs, CaptureCuts.DEFAULT_MAX_VALUE_LENGTH, state);
  }

  CoreScope(int maxBreadcrumbs, int maxValueLength, State state) {
    this(maxBreadcrumbs, maxValueLength, state, PropagationContext.newTrace());
  }

  CoreScope(int maxBreadcrumbs, int maxValueLength, State state, PropagationContext propagation) {
    this.maxBreadcrumbs = maxBreadcrumbs;
    this.maxValueLength = maxValueLength;
    this.state = state;
    this.propagation = propagation;
  }

  State state() {
    return state;
  }

  /** The estimate of one state's size, kept for the next capture of the same state. */
  private record Sized(State state, long bytes) {}

  private volatile Sized sized;

  /**
   * What a state of this scope holds in memory, roughly ({@link EventSize#scope}), for the send
   * queue's byte bound: counted once per state, not once per capture.
   */
  long bytes(State of) {
    Sized memo = sized;
    if (memo != null && memo.state() == of) {
      return memo.bytes();
    }
    long bytes = EventSize.scope(of.tags(), of.extra(), of.breadcrumbs());
    sized = new Sized(of, bytes);
    return bytes;
  }

  /** The trace this scope's events and outgoing requests belong to. */
  PropagationContext propagation() {
    return propagation;
  }

  int maxBreadcrumbs() {
    return maxBreadcrumbs;
  }

  CoreScope copy() {
    CoreScope copy = new CoreScope(maxBreadcrumbs, maxValueLength, state, propagation);
    copy.session = session;
    return copy;
  }

  RequestSessionState session() {
    return session;
  }

  void session(RequestSessionState session) {
    this.session = session;
  }

  /**
   * Replaces the state with one compare-and-set, retried only when another thread changed the
   * scope in between: no lock, and a capture reads the state with one volatile read.
   */
  private void update(UnaryOperator<State> change) {
    State current;
    do {
      current = state;
    } while (!STATE.compareAndSet(this, current, change.apply(current)));
  }

  @Override
  public void setTag(String key, String value) {
    Objects.requireNonNull(key, "key must not be null");
    if (value == null) {
      removeTag(key);
      return;
    }
    String k = cut(key, MAX_TAG_KEY);
    String v = cut(value, MAX_TAG_VALUE);
    // A hot scope change (withScope + setTag): one compare-and-set, without the lambda of update().
    State s;
    State next;
    do {
      s = state;
      next = new State(s.tags().with(k, v), s.extra(), s.contexts(), s.user(), s.level(),
          s.fingerprint(), s.transaction(), s.breadcrumbs(), s.processors());
    } while (!STATE.compareAndSet(this, s, next));
  }

  @Override
  public void removeTag(String key) {
    Objects.requireNonNull(key, "key must not be null");
    update(s -> new State(s.tags().without(cut(key, MAX_TAG_KEY)), s.extra(), s.contexts(), s.user(),
        s.level(), s.fingerprint(), s.transaction(), s.breadcrumbs(), s.processors()));
  }

  @Override
  public Map<String, String> getTags() {
    return state.tags();
  }

  @Override
  public void setExtra(String key, Object value) {
    Objects.requireNonNull(key, "key must not be null");
    if (value == null) {
      removeExtra(key);
      return;
    }
    // Cut now, on the caller's thread: a scope never holds an unbounded string.
    Object kept = CaptureCuts.value(value, maxValueLength);
    String k = CaptureCuts.text(key, maxValueLength);
    update(s -> new State(s.tags(), s.extra().with(k, kept), s.contexts(), s.user(), s.level(),
        s.fingerprint(), s.transaction(), s.breadcrumbs(), s.processors()));
  }

  @Override
  public void removeExtra(String key) {
    Objects.requireNonNull(key, "key must not be null");
    String k = CaptureCuts.text(key, maxValueLength);
    update(s -> new State(s.tags(), s.extra().without(k), s.contexts(), s.user(), s.level(),
        s.fingerprint(), s.transaction(), s.breadcrumbs(), s.processors()));
  }

  @Override
  public void setContext(String key, Map<String, Object> values) {
    Objects.requireNonNull(key, "key must not be null");
    Map<String, Object> copy =
        values == null ? null : Collections.unmodifiableMap(CaptureCuts.map(values, maxValueLength));
    String k = CaptureCuts.text(key, maxValueLength);
    update(s -> new State(s.tags(), s.extra(),
        copy == null ? s.contexts().without(k) : s.contexts().with(k, copy), s.user(), s.level(),
        s.fingerprint(), s.transaction(), s.breadcrumbs(), s.processors()));
  }

  @Override
  public void setUser(User user) {
    update(s -> new State(s.tags(), s.extra(), s.contexts(), user, s.level(), s.fingerprint(),
        s.transaction(), s.breadcrumbs(), s.processors()));
  }

  @Override
  public User getUser() {
    return state.user();
  }

  @Override
  public void setLevel(Level level) {
    update(s -> new State(s.tags(), s.extra(), s.contexts(), s.user(), level, s.fingerprint(),
        s.transaction(), s.breadcrumbs(), s.processors()));
  }

  @Override
  public void setFingerprint(List<String> fingerprint) {
    Objects.requireNonNull(fingerprint, "fingerprint must not be null");
    for (String part : fingerprint) {
      Objects.requireNonNull(part, "fingerprint must not hold null");
    }
    List<String> copy = List.copyOf(fingerprint);
    update(s -> new State(s.tags(), s.extra(), s.contexts(), s.user(), s.level(), copy,
        s.transaction(), s.breadcrumbs(), s.processors()));
  }

  @Override
  public void setTransaction(String transaction) {
    update(s -> new State(s.tags(), s.extra(), s.contexts(), s.user(), s.level(), s.fingerprint(),
        transaction, s.breadcrumbs(), s.processors()));
  }

  @Override
  public void addBreadcrumb(Breadcrumb breadcrumb) {
    if (breadcrumb == null) {
      return; // like every capture call: a null adds nothing, and never throws
    }
    Breadcrumb kept = CaptureCuts.breadcrumb(breadcrumb, maxValueLength);
    // The hottest scope change: one compare-and-set, without the lambda of update().
    State s;
    State next;
    do {
      s = state;
      next = new State(s.tags(), s.extra(), s.contexts(), s.user(), s.level(), s.fingerprint(),
          s.transaction(), s.breadcrumbs().add(kept, maxBreadcrumbs), s.processors());
    } while (!STATE.compareAndSet(this, s, next));
  }

  @Override
  public void clearBreadcrumbs() {
    update(s -> new State(s.tags(), s.extra(), s.contexts(), s.user(), s.level(), s.fingerprint(),
        s.transaction(), Breadcrumbs.EMPTY, s.processors()));
  }

  @Override
  public void addEventProcessor(EventProcessor processor) {
    Objects.requireNonNull(processor, "processor must not be null");
    update(s -> {
      List<EventProcessor> processors = new ArrayList<>(s.processors());
      processors.add(processor);
      return new State(s.tags(), s.extra(), s.contexts(), s.user(), s.level(), s.fingerprint(),
          s.transaction(), s.breadcrumbs(), List.copyOf(processors));
    });
  }

  @Override
  public void continueTrace(String sentryTrace, String baggage) {
    propagation = PropagationContext.continueFrom(sentryTrace, baggage);
  }

  @Override
  public void clear() {
    update(s -> State.EMPTY);
  }

  private static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
