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
        Slot child = new Slot(null); // the child thread does not run yet: its slot is looked up
        CoreHub hub = parent == null ? null : parent.hub;
        child.hub = hub != null && client.inheritParentHub() ? (CoreHub) hub.copy() : null;
        return child;
      } catch (RuntimeException e) {
        return null;
      }
    }
  };
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
