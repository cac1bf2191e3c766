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
 * A scope kept as an immutable {@link State}, replaced whole on every change, and its breadcrumbs
 * as an immutable {@link Breadcrumbs} in a field of their own beside it, so that the hottest change,
 * {@code addBreadcrumb}, is one small node and one compare-and-set. A copy shares both, and a
 * capture takes a consistent pair of them ({@link #state()}): copy-on-write, never a deep copy. A
 * null key, fingerprint or processor throws at once; a null breadcrumb is ignored (the API's rule).
 * Breadcrumbs, extras and contexts are cut to {@code maxValueLength} as they are added ({@link
 * CaptureCuts}; a breadcrumb with nothing to cut is kept as it is), as tags are cut to Sentry's
 * limits. The trace ({@link PropagationContext}) is kept beside the state the same way: a copy
 * shares it until one of them continues another trace.
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
  private static final VarHandle CRUMBS;
  private static final VarHandle SESSION;
  private static final VarHandle PROPAGATION;
  /**
   * How often a snapshot reads the breadcrumbs again when the state changed meanwhile; past that
   * (the state changed that often during two field reads) it takes the last pair it read.
   */
  private static final int SNAPSHOT_TRIES = 64;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(CoreScope.class, "state", State.class);
      CRUMBS = lookup.findVarHandle(CoreScope.class, "breadcrumbs", Breadcrumbs.class);
      SESSION = lookup.findVarHandle(CoreScope.class, "session", RequestSessionState.class);
      PROPAGATION = lookup.findVarHandle(CoreScope.class, "propagation", PropagationContext.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int maxBreadcrumbs;
  /** The {@code maxValueLength} option: breadcrumbs, extras and contexts are cut to it when added. */
  private final int maxValueLength;
  /**
   * Everything but the breadcrumbs; its own {@code breadcrumbs} component is only those of the last
   * snapshot, kept so that a capture of an unchanged scope makes nothing ({@link #state()}).
   */
  private volatile State state;
  /** The breadcrumbs: the one field an {@code addBreadcrumb} changes. */
  private volatile Breadcrumbs breadcrumbs;
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
    this(maxBreadcrumbs, maxValueLength, state, propagation, null);
  }

  private CoreScope(int maxBreadcrumbs, int maxValueLength, State state, PropagationContext propagation,
      RequestSessionState session) {
    this.maxBreadcrumbs = maxBreadcrumbs;
    this.maxValueLength = maxValueLength;
    // Plain stores: a volatile store costs a full fence, four of them on every withScope. A scope
    // reaches another thread only through its hub's final field (or the caller's own hand-off),
    // which makes these stores visible there as well.
    STATE.set(this, state);
    CRUMBS.set(this, state.breadcrumbs());
    PROPAGATION.set(this, propagation);
    SESSION.set(this, session);
  }

  /**
   * Returns what the scope holds now, breadcrumbs included: a pair of the state and the breadcrumbs
   * that were both current at one moment, read again when an add came in between, so an event never
   * has a later change without an earlier one of the same thread (unless the state changed {@value
   * #SNAPSHOT_TRIES} times during the reads: then the last pair read). The pair is kept as the state, so
   * the next capture of an unchanged scope reads it with one read and makes nothing.
   */
  State state() {
    State s = state;
    Breadcrumbs crumbs = breadcrumbs;
    for (int tries = 1; tries < SNAPSHOT_TRIES; tries++) {
      State again = state;
      if (again == s) {
        break;
      }
      // The state changed while the breadcrumbs were read: read the breadcrumbs after it again.
      s = again;
      crumbs = breadcrumbs;
    }
    if (s.breadcrumbs() == crumbs) {
      return s;
    }
    State pair = new State(s.tags(), s.extra(), s.contexts(), s.user(), s.level(), s.fingerprint(),
        s.transaction(), crumbs, s.processors());
    STATE.compareAndSet(this, s, pair); // only a cache: a change in between keeps the changed state
    return pair;
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
    return new CoreScope(maxBreadcrumbs, maxValueLength, state(), propagation, session);
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
      ScopeMap<String> tags = s.tags().with(k, v);
      if (tags == s.tags()) {
        return; // the same value already: nothing to change
      }
      next = new State(tags, s.extra(), s.contexts(), s.user(), s.level(),
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
    Breadcrumb kept = fits(breadcrumb) ? breadcrumb : CaptureCuts.breadcrumb(breadcrumb, maxValueLength);
    // The hottest scope change: one node and one compare-and-set of the breadcrumbs alone.
    Breadcrumbs crumbs;
    do {
      crumbs = breadcrumbs;
    } while (!CRUMBS.compareAndSet(this, crumbs, crumbs.add(kept, maxBreadcrumbs)));
  }

  /**
   * Tells whether a breadcrumb can be kept as it is: without data (the application's map, which
   * the scope copies) and with no string over {@code maxValueLength}. Lone surrogates need no copy:
   * the writer replaces them on the SDK's thread, as it would in a cut copy.
   */
  private boolean fits(Breadcrumb crumb) {
    return !crumb.hasData() && fits(crumb.getMessage()) && fits(crumb.getType()) && fits(crumb.getCategory());
  }

  private boolean fits(String text) {
    return text == null || text.length() <= maxValueLength;
  }

  @Override
  public void clearBreadcrumbs() {
    breadcrumbs = Breadcrumbs.EMPTY;
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
    breadcrumbs = Breadcrumbs.EMPTY;
    // A state of its own, not the shared EMPTY: a snapshot that read EMPTY before the clear must
    // see that the state changed, and read the breadcrumbs again.
    State empty = State.EMPTY;
    update(s -> new State(empty.tags(), empty.extra(), empty.contexts(), empty.user(), empty.level(),
        empty.fingerprint(), empty.transaction(), Breadcrumbs.EMPTY, empty.processors()));
  }

  private static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
