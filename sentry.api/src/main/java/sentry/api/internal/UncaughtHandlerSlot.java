package sentry.api.internal;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where an integration keeps its default uncaught-exception handler: at most one installed per
 * slot (an integration holds its slot in a static field, so one per class loader), chained to the
 * default handler it found. Thread-safe. Not API.
 *
 * @param <H> the integration's handler
 */
public final class UncaughtHandlerSlot<H extends ChainedUncaughtHandler> {
  private H installed; // guarded by this

  /** Makes an empty slot. */
  public UncaughtHandlerSlot() {}

  /**
   * Sets a new handler as the default one, chained to the current default, unless this slot
   * already installed one.
   *
   * @param handler makes the handler from the current default handler (null when there is none)
   */
  public synchronized void install(Function<Thread.UncaughtExceptionHandler, H> handler) {
    if (installed != null) {
      return;
    }
    H made = handler.apply(Thread.getDefaultUncaughtExceptionHandler());
    Thread.setDefaultUncaughtExceptionHandler(made);
    installed = made;
  }

  /**
   * Takes the installed handler out and retires it. If it is still the default handler, the
   * previous one is put back; if another handler was set on top of it, it stays in that chain and
   * only passes exceptions on.
   *
   * @return true when it was on top and the previous one is back; false when none was installed
   *     or another handler is on top of it
   */
  public synchronized boolean uninstall() {
    H handler = installed;
    if (handler == null) {
      return false;
    }
    handler.retire();
    installed = null;
    if (Thread.getDefaultUncaughtExceptionHandler() != handler) {
      return false;
    }
    Thread.setDefaultUncaughtExceptionHandler(handler.previous());
    return true;
  }

  /**
   * Returns the installed handler.
   *
   * @return the handler, or empty when none is installed
   */
  public synchronized Optional<H> installed() {
    return Optional.ofNullable(installed);
  }
}
