package sentry.core.log;

import java.util.ServiceLoader;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.spi.Provider;

/**
 * The SDK's own diagnostics, under loggers named {@code sentry.*}. Nothing is logged when nothing
 * is wrong; warnings and errors always go out; {@link #setDebug(boolean) debug} adds detail.
 *
 * <p>Where they go: to Log4j's API when a Log4j provider is installed (Log4j Core, or
 * log4j-to-slf4j for SLF4J back ends); otherwise to the JDK's {@link System.Logger}, that is
 * {@code java.util.logging} unless the application set another. Log4j's API is not touched until a
 * provider is known to exist, so an application without one sees no "could not find a logging
 * provider" line because of us. Messages use Log4j's {@code {}} placeholders. Everything logged
 * here runs inside {@link SdkGuard}, so logging integrations leave it alone.
 *
 * <p>In debug mode, a message that the back end's levels would not show (Log4j Core at its usual
 * INFO, a {@code java.util.logging} root at WARNING) is written to stderr instead, prefixed {@code
 * [sentry]}; one the back end shows goes only there, so no line is printed twice.
 *
 * <p>Once the JVM is shutting down, every message (warnings and errors, and detail in debug mode)
 * goes to stderr in that form, whatever the back end: {@code java.util.logging} removes and closes
 * its handlers in a shutdown hook, Log4j Core stops its appenders in one, and what the SDK logs
 * while it flushes at exit, on its own threads or in the hook, would be lost there.
 */
public final class SdkLog {
  private static volatile boolean debug;

  private final String name;
  private volatile Object delegate;

  private SdkLog(String name) {
    this.name = name;
  }

  /**
   * Returns a logger.
   *
   * @param name its name, starting with {@code sentry.}
   * @return the logger
   */
  public static SdkLog get(String name) {
    if (!name.startsWith("sentry.")) {
      throw new IllegalArgumentException("SDK logger \"" + name + "\" must start with \"sentry.\"");
    }
    return new SdkLog(name);
  }

  /**
   * Turns detail on or off for every SDK logger ({@code SentryOptions.setDebug}).
   *
   * @param on true for detail
   */
  public static void setDebug(boolean on) {
    debug = on;
  }

  /**
   * Tells whether detail is on.
   *
   * @return true in debug mode
   */
  public static boolean isDebug() {
    return debug;
  }

  /**
   * Logs detail, only in debug mode.
   *
   * @param pattern the message with {@code {}} placeholders
   * @param args the values
   */
  public void debug(String pattern, Object... args) {
    if (debug) {
      log(System.Logger.Level.DEBUG, pattern, args, null);
    }
  }

  /**
   * Logs a warning.
   *
   * @param pattern the message with {@code {}} placeholders
   * @param args the values; a last throwable is logged as the cause
   */
  public void warn(String pattern, Object... args) {
    log(System.Logger.Level.WARNING, pattern, args, null);
  }

  /**
   * Logs an error with its cause.
   *
   * @param message the message
   * @param cause the cause, or null
   */
  public void error(String message, Throwable cause) {
    log(System.Logger.Level.ERROR, message, new Object[0], cause);
  }

  private void log(System.Logger.Level level, String pattern, Object[] args, Throwable cause) {
    SdkGuard.enter();
    try {
      Throwable thrown = cause;
      if (thrown == null && args.length > 0 && args[args.length - 1] instanceof Throwable last) {
        thrown = last;
      }
      String text = ParameterizedMessage.format(pattern, args);
      if (JvmExit.inProgress()) {
        // The back end's own shutdown hook may have closed its outputs already (hooks run in no
        // set order), and it must not be started now: stderr still works.
        DebugConsole.print(level, text, thrown);
        return;
      }
      Object target = target();
      // java.util.logging shows INFO and above by default: in debug mode detail goes out at INFO.
      System.Logger.Level shown = level == System.Logger.Level.DEBUG ? System.Logger.Level.INFO : level;
      if (debug && !enabled(target, level, shown)) {
        // Debug mode is asked for on purpose: what the back end's levels would hide goes to
        // stderr instead (never both, so no line shows twice).
        DebugConsole.print(level, text, thrown);
      } else if (target instanceof Logger log4j) {
        log4j.log(toLog4j(level), text, thrown);
      } else {
        ((System.Logger) target).log(shown, text, thrown);
      }
    } catch (Throwable broken) {
      // Diagnostics must never throw into the SDK, let alone the application: an argument's
      // toString() is the application's code, and may throw even an Error.
    } finally {
      SdkGuard.exit();
    }
  }

  private static boolean enabled(Object target, System.Logger.Level level, System.Logger.Level shown) {
    return target instanceof Logger log4j
        ? log4j.isEnabled(toLog4j(level))
        : ((System.Logger) target).isLoggable(shown);
  }

  private Object target() {
    Object target = delegate;
    if (target == null) {
      target = Backend.LOG4J_PRESENT ? LogManager.getLogger(name) : System.getLogger(name);
      delegate = target;
    }
    return target;
  }

  private static org.apache.logging.log4j.Level toLog4j(System.Logger.Level level) {
    switch (level) {
      case ERROR:
        return org.apache.logging.log4j.Level.ERROR;
      case WARNING:
        return org.apache.logging.log4j.Level.WARN;
      case INFO:
        return org.apache.logging.log4j.Level.INFO;
      default:
        return org.apache.logging.log4j.Level.DEBUG;
    }
  }

  /** Finds out once whether Log4j's API has a provider, without asking Log4j itself. */
  private static final class Backend {
    static final boolean LOG4J_PRESENT = hasProvider();

    private static boolean hasProvider() {
      try {
        ClassLoader loader = SdkLog.class.getClassLoader();
        if (ServiceLoader.load(Provider.class, loader).stream().findAny().isPresent()) {
          return true;
        }
        // Log4j 2 still honours the older provider descriptor file.
        return loader != null && loader.getResource("META-INF/log4j-provider.properties") != null;
      } catch (RuntimeException | LinkageError e) {
        return false;
      }
    }
  }
}
