package sentry.tests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Launches a scenario of sentry.tests.app in a JVM of its own, with the built jars on the module
 * path or on the class path, and captures its exit code, stdout, stderr and when it started and
 * exited. The path holds the scenario jar and the SDK's runtime jars, and of the default
 * integrations exactly those the test names.
 *
 * <p>The child's environment is this one less every {@code SENTRY_*} variable and the JVM option
 * variables ({@code JAVA_TOOL_OPTIONS} and the like make the JVM print a line of its own), plus
 * what the test adds. A child that has not exited within the timeout is killed and the test fails.
 */
final class Jvm {
  /** How long a scenario may run: init, a few captures, a flush on loopback and close. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static final AtomicInteger RUNS = new AtomicInteger();

  private final List<String> jvmOptions = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<String> programArguments = new ArrayList<>();
  private final boolean modulePath;
  private final List<Path> path;

  private Jvm(boolean modulePath, List<Path> path) {
    this.modulePath = modulePath;
    this.path = new ArrayList<>(path);
    // Start quickly on two cores; none of these print anything.
    jvmOptions.add("-XX:TieredStopAtLevel=1");
    jvmOptions.add("-XX:+UseSerialGC");
  }

  /** Returns a launcher with the scenario jar and the SDK's runtime jars on the module path. */
  static Jvm onModulePath() {
    return new Jvm(true, withApp(BuildPaths.runtimeDependencies()));
  }

  /** Returns a launcher with the scenario jar and the SDK's runtime jars on the class path. */
  static Jvm onClassPath() {
    return new Jvm(false, withApp(BuildPaths.runtimeDependencies()));
  }

  private static List<Path> withApp(List<Path> dependencies) {
    List<Path> all = new ArrayList<>();
    all.add(BuildPaths.appJar());
    all.addAll(dependencies);
    return all;
  }

  /** Returns a launcher for another program: the given jars, then the SDK's runtime jars. */
  static Jvm onModulePath(List<Path> programJars) {
    List<Path> all = new ArrayList<>(programJars);
    all.addAll(BuildPaths.runtimeDependencies());
    return new Jvm(true, all);
  }

  /**
   * Adds the jars of some default integrations to the path, after the SDK's runtime jars (which
   * have none): exactly these are then on the module path or the class path.
   *
   * @param identifiers integration identifiers, such as {@code "excepthook"}
   */
  Jvm integrations(String... identifiers) {
    for (String identifier : identifiers) {
      path.add(BuildPaths.integrationJar(identifier));
    }
    return this;
  }

  /** Adds the jars of every default integration to the path. */
  Jvm allIntegrations() {
    return integrations(BuildPaths.INTEGRATIONS.toArray(String[]::new));
  }

  /** Adds a jar or folder at the end of the path, such as one holding a {@code sentry.properties}. */
  Jvm pathEntry(Path entry) {
    path.add(entry);
    return this;
  }

  /** Passes arguments to the program's {@code main}. */
  Jvm args(String... arguments) {
    programArguments.addAll(List.of(arguments));
    return this;
  }

  /** Resolves more modules than the main module requires, {@code --add-modules}. */
  Jvm addModules(String modules) {
    jvmOptions.add("--add-modules");
    jvmOptions.add(modules);
    return this;
  }

  /** Adds a JVM option, such as {@code -Xmx64m}. */
  Jvm option(String option) {
    jvmOptions.add(option);
    return this;
  }

  /** Adds a system property, {@code -Dname=value}. */
  Jvm property(String name, String value) {
    jvmOptions.add("-D" + name + "=" + value);
    return this;
  }

  /** Adds an environment variable. */
  Jvm env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /**
   * Runs the scenario to its end.
   *
   * @param scenario the simple name of a class in sentry.tests.app
   * @return what it did
   */
  Run run(String scenario) {
    return run("sentry.tests.app", "sentry.tests.app." + scenario, scenario);
  }

  /**
   * Runs a program's main class to its end.
   *
   * @param module the main class's module (used on the module path)
   * @param mainClass the fully qualified main class
   * @param label names the output files of this run
   * @return what it did
   */
  Run run(String module, String mainClass, String label) {
    try (Started started = start(module, mainClass, label, false)) {
      return started.await();
    }
  }

  /**
   * Starts a scenario with a pipe to its stdin and returns at once: the test can write to it while
   * the scenario runs, then waits for its end. Close the result (try-with-resources) so that a
   * scenario left waiting when the test fails is killed.
   *
   * @param scenario the simple name of a class in sentry.tests.app
   * @return the running scenario
   */
  Started start(String scenario) {
    return start("sentry.tests.app", "sentry.tests.app." + scenario, scenario, true);
  }

  private Started start(String module, String mainClass, String label, boolean pipeStdin) {
    List<String> command = new ArrayList<>();
    command.add(BuildPaths.java().toString());
    command.addAll(jvmOptions);
    String joined = path.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    if (modulePath) {
      command.add("--module-path");
      command.add(joined);
      command.add("--module");
      command.add(module + "/" + mainClass);
    } else {
      command.add("-cp");
      command.add(joined);
      command.add(mainClass);
    }
    command.addAll(programArguments);
    Path dir = BuildPaths.workDir();
    String name = label + "-" + (modulePath ? "mp" : "cp") + "-" + RUNS.incrementAndGet();
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(pipeStdin
            ? ProcessBuilder.Redirect.PIPE
            : ProcessBuilder.Redirect.from(new File(nullDevice())));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("SENTRY_")
        || key.equals("JAVA_TOOL_OPTIONS")
        || key.equals("JDK_JAVA_OPTIONS")
        || key.equals("_JAVA_OPTIONS"));
    env.putAll(environment);
    try {
      long startNanos = System.nanoTime();
      Process process = builder.start();
      return new Started(label, command, Map.copyOf(environment), process, out, err, startNanos);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch " + command, e);
    }
  }

  /** A launched scenario, still running or not. */
  static final class Started implements AutoCloseable {
    private final String label;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Process process;
    private final Path out;
    private final Path err;
    private final long startNanos;

    private Started(String label, List<String> command, Map<String, String> environment, Process process,
        Path out, Path err, long startNanos) {
      this.label = label;
      this.command = command;
      this.environment = environment;
      this.process = process;
      this.out = out;
      this.err = err;
      this.startNanos = startNanos;
    }

    /**
     * Writes a line to the scenario's stdin and closes it.
     *
     * @return {@link System#nanoTime()} just after the line went out
     */
    long writeLine(String line) {
      try (var stdin = process.getOutputStream()) {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        return System.nanoTime();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write to the stdin of " + label + ": " + describeSoFar(), e);
      }
    }

    /** Returns the command line and what the scenario printed so far, for a failure message. */
    String describeSoFar() {
      return "command: " + String.join(" ", command) + "\nstdout so far:\n" + read(out)
          + "\nstderr so far:\n" + read(err);
    }

    /** Waits for the scenario's end, at most {@link #TIMEOUT}, and returns what it did. */
    Run await() {
      try {
        boolean exited = process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long exitNanos = System.nanoTime();
        if (!exited) {
          kill();
          throw new AssertionError("scenario " + label + " did not exit within " + TIMEOUT
              + "\ncommand: " + String.join(" ", command)
              + "\nstdout:\n" + read(out) + "\nstderr:\n" + read(err));
        }
        Run run = new Run(command, environment, process.exitValue(), read(out), read(err), startNanos,
            exitNanos);
        // The run carries the output now; only a timed-out run leaves its files behind.
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return run;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + label, e);
      }
    }

    private void kill() throws InterruptedException {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Kills the scenario if it is still running. */
    @Override
    public void close() {
      if (process.isAlive()) {
        try {
          kill();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static String nullDevice() {
    return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What a launched scenario did.
   *
   * @param command its command line
   * @param environment the variables the test added
   * @param exitCode its exit code
   * @param stdout what it printed on stdout
   * @param stderr what it printed on stderr
   * @param startNanos {@link System#nanoTime()} just before it was started
   * @param exitNanos {@link System#nanoTime()} just after its exit was seen
   */
  record Run(List<String> command, Map<String, String> environment, int exitCode, String stdout,
      String stderr, long startNanos, long exitNanos) {
    /** Returns how long the process ran, start to exit, as this JVM saw it. */
    Duration lifetime() {
      return Duration.ofNanos(exitNanos - startNanos);
    }

    /** Returns the time from an instant of {@link System#nanoTime()} to the process's exit. */
    Duration exitAfter(long nanos) {
      return Duration.ofNanos(exitNanos - nanos);
    }

    /** Describes the run for an assertion message. */
    String describe() {
      return "command: " + String.join(" ", command)
          + (environment.isEmpty() ? "" : "\nenvironment added: " + environment.keySet())
          + "\nexit code: " + exitCode + " after " + lifetime().toMillis() + " ms"
          + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }
}
