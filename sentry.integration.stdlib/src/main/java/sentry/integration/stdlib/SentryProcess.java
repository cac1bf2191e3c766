package sentry.integration.stdlib;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import sentry.api.Breadcrumb;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;

/**
 * Starts subprocesses with a breadcrumb: {@code ProcessBuilder} is final and the JDK has no start
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
   * <p>The builder is used as it is: the child's environment, redirects and directory are what the
   * application set. When the start fails with an {@link IOException} (no such program, say), the
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
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      record(hub, command, directory, null, e);
      throw e;
    }
    record(hub, command, directory, process, null);
    return process;
  }

  private static void record(Hub hub, List<String> command, File directory, Process process, IOException error) {
    try {
      List<String> shown = Recording.sendDefaultPii(hub) ? command : Secrets.filterArguments(command);
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
