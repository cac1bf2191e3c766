package sentry.integration.excepthook;

import java.util.List;
import java.util.Optional;

/**
 * Tells whether this JVM runs JShell snippets: its main class is JShell's remote execution agent
 * (the default engine of the {@code jshell} tool and of the {@code jdk.jshell} API) or the
 * {@code jshell} tool itself (its local engine). The main class is read from the {@code
 * sun.java.command} system property (set by HotSpot and OpenJ9), else from the process's
 * arguments. The {@code jdk.jshell} module in the boot layer is not used as a sign: every
 * class-path application resolves it.
 */
final class JShellSession {
  /** The main class of the JVM in which the default (JDI) engine runs snippets. */
  static final String REMOTE_AGENT = "jdk.jshell.execution.RemoteExecutionControl";
  /** The main class of the {@code jshell} tool, which runs snippets itself when local. */
  static final String TOOL = "jdk.internal.jshell.tool.JShellToolProvider";

  private JShellSession() {}

  /**
   * Looks at this JVM.
   *
   * @return true in a JShell session
   */
  static boolean detect() {
    try {
      String command = System.getProperty("sun.java.command");
      if (command != null) {
        return isJShellCommand(command);
      }
      Optional<String[]> arguments = ProcessHandle.current().info().arguments();
      return arguments.isPresent() && isJShellArguments(List.of(arguments.get()));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Reads {@code sun.java.command}: the main class (or {@code module/class}, or the jar) followed
   * by the program's arguments.
   */
  static boolean isJShellCommand(String command) {
    String trimmed = command.strip();
    int space = trimmed.indexOf(' ');
    return isJShellMainClass(space < 0 ? trimmed : trimmed.substring(0, space));
  }

  /**
   * Reads the JVM's arguments: true when one of them is one of the two main classes, alone or as
   * {@code module/class}.
   */
  static boolean isJShellArguments(List<String> arguments) {
    return arguments.stream().anyMatch(JShellSession::isJShellMainClass);
  }

  private static boolean isJShellMainClass(String name) {
    String className = name.substring(name.indexOf('/') + 1);
    return className.equals(REMOTE_AGENT) || className.equals(TOOL);
  }
}
