package sentry.integration.logging;

import java.lang.reflect.Constructor;

/**
 * Reaches the Log4j part of this module ({@code sentry.integration.logging.log4j}) by name, and
 * only when Log4j Core can be loaded, so that the {@code java.util.logging} path never links a
 * Log4j class and an application without Log4j Core needs none.
 */
final class Log4jBridge {
  private static final String CORE = "org.apache.logging.log4j.core.LoggerContext";
  private static final String API = "org.apache.logging.log4j.LogManager";
  private static final String ATTACHMENT_CLASS = "sentry.integration.logging.log4j.Log4jAttachment";

  private Log4jBridge() {}

  /**
   * Attaches the Log4j appender when Log4j Core is the active backend and checks that it still is
   * attached; does nothing without Log4j Core.
   */
  static void attach() {
    Runnable attachment = Holder.ATTACHMENT;
    if (attachment == null) {
      return;
    }
    try {
      attachment.run();
    } catch (RuntimeException | LinkageError e) {
      warn("could not attach the Sentry appender to Log4j: " + e, e);
    }
  }

  private static final class Holder {
    static final Runnable ATTACHMENT = find();

    private static Runnable find() {
      ClassLoader loader = Log4jBridge.class.getClassLoader();
      Class<?> core;
      Class<?> api;
      try {
        core = Class.forName(CORE, false, loader);
        api = Class.forName(API, false, loader);
      } catch (ClassNotFoundException | LinkageError absent) {
        return null;
      }
      try {
        // On the module path Log4j Core is optional ("requires static"): read it when it is there
        // but was resolved without us (as a Log4j provider, through service binding).
        Module ours = Log4jBridge.class.getModule();
        ours.addReads(core.getModule());
        ours.addReads(api.getModule());
        Constructor<?> constructor = Class.forName(ATTACHMENT_CLASS, true, loader).getDeclaredConstructor();
        constructor.setAccessible(true);
        return (Runnable) constructor.newInstance();
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        warn("Log4j Core is present but the Sentry appender cannot be used with it: " + e, e);
        return null;
      }
    }
  }

  private static void warn(String message, Throwable cause) {
    // Under a sentry.* name, which this integration never captures.
    System.getLogger("sentry.integration.logging").log(System.Logger.Level.WARNING, message, cause);
  }
}
