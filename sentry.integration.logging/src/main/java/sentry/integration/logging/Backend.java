package sentry.integration.logging;

import java.lang.reflect.Constructor;
import java.util.function.BooleanSupplier;

/**
 * An optional logging backend this module attaches to (Log4j Core, Logback Classic): its part of
 * this module ({@code sentry.integration.logging.log4j}, {@code .logback}) is reached by name, and
 * only when the backend's classes can be loaded, so that the {@code java.util.logging} path never
 * links one of its classes and an application without it needs none. Thread-safe.
 */
final class Backend {
  /** Log4j 2 with Log4j Core. */
  static final Backend LOG4J = new Backend("Log4j",
      "sentry.integration.logging.log4j.Log4jAttachment",
      "org.apache.logging.log4j.core.LoggerContext", "org.apache.logging.log4j.LogManager");

  /** SLF4J 2 with Logback Classic. */
  static final Backend LOGBACK = new Backend("Logback",
      "sentry.integration.logging.logback.LogbackAttachment",
      "ch.qos.logback.classic.LoggerContext", "ch.qos.logback.core.Appender", "org.slf4j.LoggerFactory");

  private final String name;
  private final String attachmentClass;
  private final String[] required;
  private volatile Runnable attachment;
  private volatile boolean looked;

  private Backend(String name, String attachmentClass, String... required) {
    this.name = name;
    this.attachmentClass = attachmentClass;
    this.required = required;
  }

  /**
   * Attaches the appender when the backend is the active one and checks that it still is
   * attached; does nothing without the backend.
   */
  void attach() {
    Runnable found = find();
    if (found == null) {
      return;
    }
    try {
      found.run();
    } catch (RuntimeException | LinkageError e) {
      warn("could not attach the Sentry appender to " + name + ": " + e, e);
    }
  }

  /**
   * Tells whether the backend's appender is attached (for Logback: whether Logback Classic is
   * SLF4J's provider, and so sees what {@code jul-to-slf4j} bridges).
   *
   * @return true when the attachment says it is active
   */
  boolean isActive() {
    Runnable found = find();
    return found instanceof BooleanSupplier active && active.getAsBoolean();
  }

  private Runnable find() {
    if (looked) {
      return attachment;
    }
    synchronized (this) {
      if (!looked) {
        attachment = load();
        looked = true;
      }
      return attachment;
    }
  }

  private Runnable load() {
    ClassLoader loader = Backend.class.getClassLoader();
    Class<?>[] classes = new Class<?>[required.length];
    try {
      for (int i = 0; i < required.length; i++) {
        classes[i] = Class.forName(required[i], false, loader);
      }
    } catch (ClassNotFoundException | LinkageError absent) {
      return null;
    }
    try {
      // On the module path the backend is optional ("requires static"): read it when it is there
      // but was resolved without us (as a provider, through service binding).
      Module ours = Backend.class.getModule();
      for (Class<?> type : classes) {
        ours.addReads(type.getModule());
      }
      Constructor<?> constructor = Class.forName(attachmentClass, true, loader).getDeclaredConstructor();
      constructor.setAccessible(true);
      return (Runnable) constructor.newInstance();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      warn(name + " is present but the Sentry appender cannot be used with it: " + e, e);
      return null;
    }
  }

  private static void warn(String message, Throwable cause) {
    // Under a sentry.* name, which this integration never captures.
    System.getLogger("sentry.integration.logging").log(System.Logger.Level.WARNING, message, cause);
  }
}
