package sentry.integration.logging.internal;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The guard that reports a bridged {@code java.util.logging} record once: with {@code
 * jul-to-slf4j}'s handler on the JUL root logger, a JUL record also reaches the SLF4J provider;
 * when that provider has a Sentry appender (Logback with {@code sentry.integration.logback}), the
 * JUL handler leaves the record to it. In a package this module exports only to the backend
 * modules. Thread-safe.
 */
public final class JulBridge {
  private static final String SLF4J_BRIDGE = "org.slf4j.bridge.SLF4JBridgeHandler";

  private static volatile boolean slf4jReported;
  private static volatile Runnable pending;

  private JulBridge() {}

  /**
   * Says that SLF4J's provider now has a Sentry appender attached; called by the Logback
   * integration once it found Logback Classic as SLF4J's provider.
   */
  public static void slf4jProviderReports() {
    slf4jReported = true;
  }

  /**
   * Says that SLF4J's provider may get a Sentry appender when it starts (Logback Classic is there
   * but has not started yet, and {@code init} does not start it). The first JUL record that meets
   * {@code jul-to-slf4j}'s handler on the JUL root runs the check, which starts SLF4J (the bridge
   * handler would start it with that record anyway) and calls {@link #slf4jProviderReports()} if
   * the appender is there.
   *
   * @param check attaches to SLF4J's provider; what it throws is ignored
   */
  public static void slf4jProviderPending(Runnable check) {
    pending = check;
  }

  /**
   * Tells whether a JUL record on its way to the root handlers also reaches a Sentry appender
   * through {@code jul-to-slf4j}, so that the JUL handler must not report it.
   *
   * @return true when SLF4J's provider reports and the SLF4J bridge handler is on the JUL root
   */
  public static boolean reportedThroughSlf4j() {
    if (!slf4jReported && pending == null) {
      return false;
    }
    if (!bridgeOnRoot()) {
      return false;
    }
    Runnable check = pending;
    if (!slf4jReported && check != null) {
      pending = null;
      try {
        check.run();
      } catch (RuntimeException | LinkageError e) {
        // SLF4J or its provider failed to start: the record is this handler's to report.
      }
    }
    return slf4jReported;
  }

  private static boolean bridgeOnRoot() {
    Logger root = LogManager.getLogManager().getLogger("");
    for (Handler handler : root == null ? new Handler[0] : root.getHandlers()) {
      for (Class<?> type = handler.getClass(); type != null; type = type.getSuperclass()) {
        if (type.getName().equals(SLF4J_BRIDGE)) {
          return true;
        }
      }
    }
    return false;
  }
}
