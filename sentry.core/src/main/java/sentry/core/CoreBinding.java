package sentry.core;

import java.lang.ref.WeakReference;
import java.util.function.Consumer;
import sentry.api.Hub;
import sentry.api.SentryOptions;
import sentry.api.spi.SentryBinding;
import sentry.core.log.SdkGuard;
import sentry.core.log.SdkLog;

/**
 * The implementation behind {@code sentry.api}: the current client, the main hub and each
 * thread's hub. A thread that never bound a hub gets its own copy of the main hub when it first
 * uses the SDK; with hub inheritance on (the threading integration's {@code propagateHub}), a new
 * thread starts with a copy of its creator's hub instead. Copies share their original's trace; each
 * {@code init} starts the main hub on a new one, or on the trace that a parent process passed in
 * {@code SUBPROCESS_SENTRY_TRACE} and {@code SUBPROCESS_BAGGAGE}.
 */
public final class CoreBinding implements SentryBinding {
  private static final SdkLog LOG = SdkLog.get("sentry.core");

  /**
   * A thread's current hub, in a holder of the thread's own: binding a hub or pushing a scope
   * ({@code withScope}) sets a field of it, instead of looking the thread's map up again.
   */
  static final class Slot {
    /**
     * The thread whose slot this is, weakly: a hub the application keeps remembers its slot, and
     * must not keep a finished thread (and its context class loader) reachable. Null for a slot
     * made before its thread ran (inherited).
     */
    final WeakReference<Thread> owner;
    CoreHub hub;

    Slot(Thread owner) {
      this.owner = owner == null ? null : new WeakReference<>(owner);
    }

    /** Tells whether this is the calling thread's slot, so that it may be changed. */
    boolean isCurrentThreads() {
      return owner != null && owner.get() == Thread.currentThread();
    }
  }

  private final ThreadLocal<Slot> current = new InheritableThreadLocal<>() {
    @Override
    protected Slot childValue(Slot parent) {
      // Runs inside the Thread constructor of the parent thread: it must never throw.
      try {
        CoreHub hub = parent == null ? null : parent.hub;
        if (hub == null || !client.inheritParentHub() || madeByAPool()) {
          // Nothing to inherit: the new thread starts from the main hub on first use.
          return null;
        }
        Slot child = new Slot(null); // the child thread does not run yet: its slot is looked up
        child.hub = (CoreHub) hub.copy();
        return child;
      } catch (RuntimeException | LinkageError e) {
        return null;
      }
    }
  };
  /**
   * The JDK's pools that make their own threads. A thread one of them makes serves many tasks, of
   * many requests, for as long as the pool lives: it must not keep the scope of the task that
   * happened to make it (a pool makes its threads lazily, inside whichever task submits first).
   * Such a thread starts from the main hub; a task gets its submitter's scope by wrapping the pool
   * ({@code SentryExecutors.wrap}). Pools that make a thread per task (virtual threads) are not
   * listed: their thread is the task's own.
   */
  private static final java.util.Set<String> POOLS = java.util.Set.of(
      "java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ThreadPoolExecutor$Worker",
      "java.util.concurrent.ForkJoinPool");
  /** How many frames above the new thread's constructor a pool's frame may be (its factory's). */
  private static final int POOL_FRAMES = 24;

  /** Tells whether the thread being made is made by one of {@link #POOLS}. */
  private static boolean madeByAPool() {
    return StackWalker.getInstance().walk(frames ->
        frames.limit(POOL_FRAMES).anyMatch(frame -> POOLS.contains(frame.getClassName())));
  }

  private volatile CoreClient client = CoreClient.disabled();
  private volatile CoreHub main = new CoreHub(this, new CoreScope(100, CoreScope.State.EMPTY), 0, true);
  private volatile int generation;

  /** Made by the service loader. */
  public CoreBinding() {}

  CoreClient client() {
    return client;
  }

  @Override
  public Hub currentHub() {
    Slot slot = slot();
    CoreHub hub = slot.hub;
    if (hub == null || hub.isStale(generation)) {
      hub = main.automaticCopy(generation, slot);
      slot.hub = hub;
    }
    return hub;
  }

  /** The calling thread's slot. */
  Slot slot() {
    Slot slot = current.get();
    if (slot == null || slot.owner == null) {
      // The thread's first use, or the slot inherited from its parent: from now on its own.
      Slot own = new Slot(Thread.currentThread());
      own.hub = slot == null ? null : slot.hub;
      current.set(own);
      slot = own;
    }
    return slot;
  }

  @Override
  public Hub mainHub() {
    return main;
  }

  Hub.Binding bind(CoreHub hub) {
    Slot slot = slot();
    CoreHub previous = slot.hub;
    slot.hub = hub;
    return () -> {
      // Closed on another thread (against the contract), it leaves the binding thread's slot
      // alone: a plain write there could swap the hub of whatever request that thread serves now.
      if (slot.isCurrentThreads()) {
        slot.hub = previous;
      } else {
        LOG.debug("a hub binding was closed on another thread than the one that bound it; ignored");
      }
    };
  }

  @Override
  public void init(Consumer<SentryOptions> configuration) {
    java.util.Objects.requireNonNull(configuration, "configuration must not be null");
    OptionsLoader.Loaded loaded = OptionsLoader.fromProcess().read();
    SentryOptions configured = loaded.options();
    configuration.accept(configured);
    // The pipeline and the integrations read an immutable copy: a later change to the object the
    // callback was given changes nothing.
    SentryOptions options = configured.frozenCopy();
    boolean debugBefore = SdkLog.isDebug();
    SdkLog.setDebug(options.isDebug());
    // After the debug switch, so that with debug on they show whatever the logging back end.
    OptionsLoader.warnOnce(loaded.warnings());
    CoreClient next;
    try {
      next = ClientFactory.create(options);
    } catch (RuntimeException | LinkageError e) {
      // A failed init leaves the running client as it was, diagnostics included.
      SdkLog.setDebug(debugBefore);
      throw e;
    }
    // A fresh trace, or the one a parent process passed down (SentryProcess.start).
    PropagationContext trace = PropagationContext.fromEnvironment(System.getenv());
    CoreClient previous;
    synchronized (this) {
      previous = client;
      CoreScope scope =
          new CoreScope(options.getMaxBreadcrumbs(), options.getMaxValueLength(), CoreScope.State.EMPTY, trace);
      main = new CoreHub(this, scope, generation + 1, true);
      client = next;
      generation++;
    }
    LOG.debug("Sentry initialised: {}", next);
    previous.close();
  }

  @Override
  public void close() {
    CoreClient previous;
    synchronized (this) {
      previous = client;
      client = CoreClient.disabled();
      generation++;
    }
    previous.close();
  }

  @Override
  public boolean isInsideSdk() {
    return SdkGuard.inside();
  }
}
