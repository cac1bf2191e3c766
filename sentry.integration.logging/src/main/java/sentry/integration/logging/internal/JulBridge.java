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

  private JulBridge() {}

  /**
   * Says that SLF4J's provider now has a Sentry appender attached; called by the Logback
   * integration once it found Logback Classic as SLF4J's provider.
   */
  public static void slf4jProviderReports() {
    slf4jReported = true;
  }

  /**
   * Tells whether a JUL record on its way to the root handlers also reaches a Sentry appender
   * through {@code jul-to-slf4j}, so that the JUL handler must not report it.
   *
   * @return true when SLF4J's provider reports and the SLF4J bridge handler is on the JUL root
   */
  public static boolean reportedThroughSlf4j() {
    if (!slf4jReported) {
      return false;
    }
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
