package sentry.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM launched on this suite's class path with one of its main classes, whose stdout is read line
 * by line as it comes, so that a test can act (kill it, for one) on what it says.
 */
final class Child implements AutoCloseable {
  private static final String END = "\u0000end";

  private final Process process;
  private final Path stderr;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  private Child(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    Thread reader = new Thread(this::read, "child-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code java [jvmOptions] -cp <this class path> mainClass args}, without the parent's
   * SENTRY_* variables and Java option variables.
   */
  static Child start(Path workDir, List<String> jvmOptions, Class<?> mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    // The transport the suite runs with (-Dsentry.faults.transport=jdk), else the SDK's choice.
    String transport = System.getProperty("sentry.transport");
    if (transport != null && !transport.isBlank()) {
      command.add("-Dsentry.transport=" + transport);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    try {
      Files.createDirectories(workDir);
      Path stderr = Files.createTempFile(workDir, "stderr-", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
          .redirectError(stderr.toFile());
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(key -> key.startsWith("SENTRY_") || key.equals("JAVA_TOOL_OPTIONS")
          || key.equals("JDK_JAVA_OPTIONS") || key.equals("_JAVA_OPTIONS"));
      Process process = builder.start();
      process.getOutputStream().close();
      return new Child(process, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch " + command, e);
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the process died
    } finally {
      lines.add(END);
    }
  }

  /**
   * Returns the next line it prints, waiting up to a timeout.
   *
   * @throws AssertionError when it prints none in time, or exits
   */
  String nextLine(Duration timeout) throws InterruptedException {
    String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null || line.equals(END)) {
      if (line != null) {
        lines.add(END);
      }
      throw new AssertionError((line == null ? "no line from the child within " + timeout : "the child ended")
          + "; it printed: " + seen + "\nstderr: " + stderr());
    }
    seen.add(line);
    return line;
  }

  /** Reads lines until one starts with a prefix; returns every line read, that one last. */
  List<String> linesUntil(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> read = new ArrayList<>();
    while (true) {
      String line = nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      read.add(line);
      if (line.startsWith(prefix)) {
        return read;
      }
    }
  }

  /** Kills it with SIGKILL (on Unix) and waits for it; returns its exit code. */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the child did not die within 30 s of SIGKILL");
    }
    return process.exitValue();
  }

  /** Waits for it to exit; returns its exit code. */
  int await(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the child did not exit within " + timeout + "; it printed: " + seen + "\nstderr: "
          + stderr());
    }
    return process.exitValue();
  }

  String stderr() {
    try {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
