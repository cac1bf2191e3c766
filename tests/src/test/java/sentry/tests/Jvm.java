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
 * path or on the class path, and captures its exit code, stdout and stderr.
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
  private final boolean modulePath;
  private final List<Path> path;

  private Jvm(boolean modulePath, List<Path> path) {
    this.modulePath = modulePath;
    this.path = path;
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

  /** Resolves more modules than the main module requires, {@code --add-modules}. */
  Jvm addModules(String modules) {
    jvmOptions.add("--add-modules");
    jvmOptions.add(modules);
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
    String scenario = label;
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
    Path dir = BuildPaths.workDir();
    String name = scenario + "-" + (modulePath ? "mp" : "cp") + "-" + RUNS.incrementAndGet();
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("SENTRY_")
        || key.equals("JAVA_TOOL_OPTIONS")
        || key.equals("JDK_JAVA_OPTIONS")
        || key.equals("_JAVA_OPTIONS"));
    env.putAll(environment);
    try {
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("scenario " + scenario + " did not exit within " + TIMEOUT
            + "\ncommand: " + String.join(" ", command)
            + "\nstdout:\n" + read(out) + "\nstderr:\n" + read(err));
      }
      Run run = new Run(command, environment, process.exitValue(), read(out), read(err));
      // The run carries the output now; only a timed-out run leaves its files behind.
      Files.delete(out);
      Files.delete(err);
      return run;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + scenario, e);
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
   */
  record Run(List<String> command, Map<String, String> environment, int exitCode, String stdout,
      String stderr) {
    /** Describes the run for an assertion message. */
    String describe() {
      return "command: " + String.join(" ", command)
          + (environment.isEmpty() ? "" : "\nenvironment added: " + environment.keySet())
          + "\nexit code: " + exitCode
          + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }
}
