package sentry.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Launches a program in a new JVM, the {@code java} of the running JDK, with a module path, a
 * class path or both, and captures its exit code, stdout, stderr and when it started and exited.
 * Also compiles the small application modules such programs are made of, and finds the jars Maven
 * listed for the launched JVMs.
 *
 * <p>The child's environment is this one less every {@code SENTRY_*} variable, so that the SDK in
 * it reads only what the test gives it, and less the JVM option variables ({@code
 * JAVA_TOOL_OPTIONS} and the like make the JVM print a line of its own); plus what the test adds.
 * A child that has not exited within the timeout is killed and the test fails. A launcher is a
 * builder: not thread-safe, and reusable for several runs.
 */
public final class Jvm {
  /** How long a launched program may run unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  /** The system property that names the file listing the launched JVMs' jars (see the poms). */
  public static final String MODULE_PATH_FILE_PROPERTY = "sentry.test.modulePathFile";
  /** The system property that names the java launcher to use (see the poms). */
  public static final String JAVA_PROPERTY = "sentry.test.java";

  private final List<Path> modulePath = new ArrayList<>();
  private final List<Path> classPath = new ArrayList<>();
  private final List<String> options = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Duration timeout = DEFAULT_TIMEOUT;
  private Starter starter = ProcessBuilder::start;

  /** Starts the configured process; {@link ProcessBuilder#start()} unless a test gives another. */
  @FunctionalInterface
  public interface Starter {
    /**
     * Starts the process.
     *
     * @param builder the configured builder
     * @return the started process
     * @throws IOException when it cannot be started
     */
    Process start(ProcessBuilder builder) throws IOException;
  }

  private Jvm() {}

  /**
   * Returns a launcher with no module path and no class path yet.
   *
   * @return a new launcher
   */
  public static Jvm launcher() {
    return new Jvm();
  }

  /**
   * Returns a launcher with this module path.
   *
   * @param path jars and exploded modules
   * @return a new launcher
   */
  public static Jvm onModulePath(List<Path> path) {
    return new Jvm().modulePath(path);
  }

  /**
   * Returns a launcher with this class path.
   *
   * @param path jars and class folders
   * @return a new launcher
   */
  public static Jvm onClassPath(List<Path> path) {
    return new Jvm().classPath(path);
  }

  /**
   * Adds to the module path, {@code --module-path}.
   *
   * @param path jars and exploded modules
   * @return this launcher
   */
  public Jvm modulePath(List<Path> path) {
    modulePath.addAll(path);
    return this;
  }

  /**
   * Adds to the class path, {@code -cp}.
   *
   * @param path jars and class folders
   * @return this launcher
   */
  public Jvm classPath(List<Path> path) {
    classPath.addAll(path);
    return this;
  }

  /**
   * Adds JVM options, before the main class or module.
   *
   * @param jvmOptions such as {@code -Dname=value} or {@code --add-modules}, {@code name}
   * @return this launcher
   */
  public Jvm options(List<String> jvmOptions) {
    options.addAll(jvmOptions);
    return this;
  }

  /**
   * Adds JVM options, before the main class or module.
   *
   * @param jvmOptions such as {@code -Dname=value} or {@code --add-modules}, {@code name}
   * @return this launcher
   */
  public Jvm options(String... jvmOptions) {
    return options(List.of(jvmOptions));
  }

  /**
   * Adds a system property, {@code -Dname=value}.
   *
   * @param name the property
   * @param value its value
   * @return this launcher
   */
  public Jvm property(String name, String value) {
    options.add("-D" + name + "=" + value);
    return this;
  }

  /**
   * Adds an environment variable.
   *
   * @param name the variable
   * @param value its value
   * @return this launcher
   */
  public Jvm env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /**
   * Sets how long a run may take before it is killed and the test fails.
   *
   * @param limit the timeout; {@link #DEFAULT_TIMEOUT} unless set
   * @return this launcher
   */
  public Jvm timeout(Duration limit) {
    timeout = limit;
    return this;
  }

  /**
   * Starts the JVM through something else than {@link ProcessBuilder#start()}, such as the {@code
   * stdlib} integration's {@code SentryProcess::start}, which passes the trace in the environment.
   *
   * @param how starts the configured builder
   * @return this launcher
   */
  public Jvm startedBy(Starter how) {
    starter = how;
    return this;
  }

  /**
   * Runs a program to its end.
   *
   * @param workDir its working directory, where its stdout and stderr are kept while it runs
   * @param main {@code module/class} to run a module's main class ({@code -m}), or a class name
   *     to run a class from the class path
   * @param args the program's arguments
   * @return what it did
   * @throws AssertionError when it does not exit within the timeout
   */
  public Run run(Path workDir, String main, String... args) {
    List<String> arguments = new ArrayList<>(options);
    if (!modulePath.isEmpty()) {
      arguments.add("--module-path");
      arguments.add(join(modulePath));
    }
    if (!classPath.isEmpty()) {
      arguments.add("-cp");
      arguments.add(join(classPath));
    }
    if (main.contains("/")) {
      arguments.add("-m");
    }
    arguments.add(main);
    arguments.addAll(List.of(args));
    return runArguments(workDir, arguments);
  }

  /**
   * Runs {@code java} with exactly these arguments, for tests of what the launcher itself does
   * with them (argument files, empty arguments); the options, paths and properties set on this
   * launcher are not used, its environment and timeout are.
   *
   * @param workDir its working directory, where its stdout and stderr are kept while it runs
   * @param arguments everything after {@code java} on the command line
   * @return what it did
   * @throws AssertionError when it does not exit within the timeout
   */
  public Run runArguments(Path workDir, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(java().toString());
    command.addAll(arguments);
    try {
      Path out = Files.createTempFile(workDir, "stdout-", ".txt");
      Path err = Files.createTempFile(workDir, "stderr-", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(key -> key.startsWith("SENTRY_") || key.equals("JAVA_TOOL_OPTIONS")
          || key.equals("JDK_JAVA_OPTIONS") || key.equals("_JAVA_OPTIONS"));
      env.putAll(environment);
      long startNanos = System.nanoTime();
      Process process = starter.start(builder);
      process.getOutputStream().close(); // nothing on stdin: a read sees its end at once
      boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      long exitNanos = System.nanoTime();
      if (!exited) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("the JVM did not exit within " + timeout + "\ncommand: " + String.join(" ", command)
            + "\nstdout:\n" + read(out) + "\nstderr:\n" + read(err));
      }
      return new Run(command, Map.copyOf(environment), process.exitValue(), read(out), read(err), startNanos,
          exitNanos);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + command, e);
    }
  }

  /**
   * What a launched program did.
   *
   * @param command its command line
   * @param environment the variables the test added
   * @param exitCode its exit code
   * @param stdout what it printed on stdout
   * @param stderr what it printed on stderr
   * @param startNanos {@link System#nanoTime()} just before it was started
   * @param exitNanos {@link System#nanoTime()} just after its exit was seen
   */
  public record Run(List<String> command, Map<String, String> environment, int exitCode, String stdout,
      String stderr, long startNanos, long exitNanos) {
    /**
     * Returns how long the process ran, start to exit, as this JVM saw it.
     *
     * @return the time from start to exit
     */
    public Duration lifetime() {
      return Duration.ofNanos(exitNanos - startNanos);
    }

    /**
     * Returns the time from an instant to the process's exit.
     *
     * @param nanos an instant of {@link System#nanoTime()}
     * @return the time from then to the exit
     */
    public Duration exitAfter(long nanos) {
      return Duration.ofNanos(exitNanos - nanos);
    }

    /**
     * Describes the run for an assertion message.
     *
     * @return the command, the added environment, the exit code and time, stdout and stderr
     */
    public String describe() {
      return "command: " + String.join(" ", command)
          + (environment.isEmpty() ? "" : "\nenvironment added: " + environment.keySet())
          + "\nexit code: " + exitCode + " after " + lifetime().toMillis() + " ms"
          + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  /**
   * Returns the java launcher: the one the build names in {@value #JAVA_PROPERTY}, else the
   * running JDK's.
   *
   * @return the path of {@code java}
   */
  public static Path java() {
    String named = System.getProperty(JAVA_PROPERTY);
    return named != null ? Path.of(named) : Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * Returns the compiled classes of the module under test, {@code target/classes}: an exploded
   * module.
   *
   * @return the absolute path
   */
  public static Path classesUnderTest() {
    return Path.of("target", "classes").toAbsolutePath();
  }

  /**
   * Returns the jars Maven resolved for the launched JVMs, from the file named by {@value
   * #MODULE_PATH_FILE_PROPERTY}. Skips the test (an assumption) when not run by Maven.
   *
   * @return the jars, in Maven's order
   */
  public static List<Path> mavenDependencies() {
    String file = System.getProperty(MODULE_PATH_FILE_PROPERTY);
    assumeTrue(file != null && Files.isRegularFile(Path.of(file)), "run by Maven, which lists the jars");
    return Arrays.stream(read(Path.of(file)).strip().split(File.pathSeparator))
        .filter(entry -> !entry.isBlank()).map(Path::of).toList();
  }

  /**
   * Compiles an application module, release 17, every lint warning an error.
   *
   * @param into the directory for the sources ({@code src}) and the classes ({@code classes})
   * @param sources relative path to source text, including {@code module-info.java}
   * @param modulePath what the application compiles against
   * @return the directory of the compiled module
   * @throws IllegalStateException when javac fails
   */
  public static Path compile(Path into, Map<String, String> sources, List<Path> modulePath) {
    Path src = into.resolve("src");
    Path out = into.resolve("classes");
    List<String> arguments = new ArrayList<>(List.of("-d", out.toString(), "--release", "17",
        "-Xlint:all", "-Werror", "--module-path", join(modulePath)));
    try {
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = src.resolve(source.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
        arguments.add(file.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sources under " + src, e);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, arguments.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("javac failed with status " + status + " for " + sources.keySet());
    }
    return out;
  }

  /**
   * Joins paths with the platform's path separator, as {@code --module-path} and {@code -cp} take
   * them.
   *
   * @param paths the paths
   * @return the joined path list
   */
  public static String join(List<Path> paths) {
    return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
