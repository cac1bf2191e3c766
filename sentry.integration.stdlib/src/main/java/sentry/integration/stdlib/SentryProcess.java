package sentry.integration.stdlib;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import sentry.api.Breadcrumb;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;

/**
 * Starts subprocesses with a breadcrumb and the caller's trace: {@code ProcessBuilder} is final and the JDK has no start
 * hook, so the application starts processes through this class.
 *
 * <pre>{@code
 * Process process = SentryProcess.start(new ProcessBuilder("git", "fetch"));
 * }</pre>
 */
public final class SentryProcess {
  private SentryProcess() {}

  /**
   * Starts a process as {@link ProcessBuilder#start()} does, and adds a breadcrumb of type and
   * category {@code subprocess}: the command line as its message, with the values of
   * secret-looking arguments ({@code --password=…}, {@code --token …}, {@code key=…}, passwords in
   * URLs) replaced by {@code [Filtered]} unless {@code sendDefaultPii} is on, and {@code
   * subprocess.cwd} in its data when the builder has a working directory. The hint holds the
   * process under {@link StdlibIntegration#POPEN_INSTANCE}.
   *
   * <p>The child's environment gets the calling thread's trace, as Python's SDK passes it: {@code
   * SUBPROCESS_SENTRY_TRACE} (the {@code sentry-trace} value) and {@code SUBPROCESS_BAGGAGE} (the
   * {@code baggage} value, when there is one), so that a child JVM whose SDK sees them at {@code
   * init} continues the trace; an environment the application emptied gets only these two. The
   * builder is otherwise used as it is (redirects, directory, the rest of the environment), and is
   * left as it was once the child has started; this process's own environment never changes.
   * When the start fails with an {@link IOException} (no such program, say), the
   * breadcrumb has level error and the exception in its hint, and that same exception is thrown.
   * When the current client does not have the {@code stdlib} integration, this is {@code
   * builder.start()}.
   *
   * @param builder the builder
   * @return the started process, the one {@code builder.start()} returned
   * @throws IOException what {@code builder.start()} threw, unchanged
   * @throws NullPointerException if {@code builder} is null
   */
  public static Process start(ProcessBuilder builder) throws IOException {
    Objects.requireNonNull(builder, "SentryProcess.start(builder): builder is null");
    Hub hub = Recording.activeHub();
    if (hub == null) {
      return builder.start();
    }
    // Read before starting: what started is what the breadcrumb shows.
    List<String> command = new ArrayList<>(builder.command());
    File directory = builder.directory();
    Map<String, String> replaced = passTrace(builder, hub);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      record(hub, command, directory, null, e);
      throw e;
    } finally {
      restore(builder, replaced);
    }
    record(hub, command, directory, process, null);
    return process;
  }

  /**
   * Puts the trace into the child's environment; returns what those variables were in the
   * builder (null values for absent ones), to put back once the child has started.
   */
  private static Map<String, String> passTrace(ProcessBuilder builder, Hub hub) {
    Map<String, String> replaced = new HashMap<>(4);
    try {
      Map<String, String> environment = builder.environment();
      TracePropagation.environment(hub).forEach((name, value) -> replaced.put(name, environment.put(name, value)));
    } catch (RuntimeException e) {
      // A security manager that keeps the environment, say: the child starts without the trace.
    }
    return replaced;
  }

  /** Puts the builder's environment back as the application left it. */
  private static void restore(ProcessBuilder builder, Map<String, String> replaced) {
    try {
      Map<String, String> environment = builder.environment();
      replaced.forEach((name, value) -> {
        if (value == null) {
          environment.remove(name);
        } else {
          environment.put(name, value);
        }
      });
    } catch (RuntimeException e) {
      // As above: nothing was changed then.
    }
  }

  private static void record(Hub hub, List<String> command, File directory, Process process, IOException error) {
    try {
      List<String> shown = Recording.sendDefaultPii(hub) ? command : Secrets.FILTER.apply(command);
      Breadcrumb crumb = new Breadcrumb(String.join(" ", shown)).setType("subprocess").setCategory("subprocess");
      if (directory != null) {
        crumb.setData("subprocess.cwd", directory.getPath());
      }
      Hint hint = new Hint().set(StdlibIntegration.POPEN_INSTANCE, process);
      if (error != null) {
        crumb.setLevel(Level.ERROR);
        hint.set(Hint.THROWABLE, error);
      }
      Recording.add(hub, crumb, hint);
    } catch (RuntimeException e) {
      // Never let recording change the start's outcome.
    }
  }
}
