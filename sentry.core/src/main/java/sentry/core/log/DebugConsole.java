package sentry.core.log;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Where the SDK writes the diagnostics that the logging back end would not show (in debug mode)
 * or could no longer show (once the JVM is shutting down): the process's stderr, one line per
 * message prefixed {@code [sentry]} (Python's debug format), the cause's stack trace after it.
 * Written as one string, so that lines of threads do not mix.
 */
final class DebugConsole {
  private DebugConsole() {}

  /**
   * Writes a message to stderr.
   *
   * @param level its level, shown after the prefix
   * @param text the formatted message
   * @param thrown the cause, or null
   */
  static void print(System.Logger.Level level, String text, Throwable thrown) {
    StringWriter out = new StringWriter();
    PrintWriter writer = new PrintWriter(out);
    writer.print("[sentry] ");
    writer.print(level.getName());
    writer.print(": ");
    writer.println(text);
    if (thrown != null) {
      thrown.printStackTrace(writer);
    }
    writer.flush();
    System.err.print(out);
    System.err.flush();
  }
}
