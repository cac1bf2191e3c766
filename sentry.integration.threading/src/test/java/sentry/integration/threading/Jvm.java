package sentry.integration.threading;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles a small application module and launches it in a new JVM on a real module path: this
 * module's classes, the jars Maven listed (sentry-api, sentry-core and its dependencies) and the
 * application. Skips the test when not run by Maven.
 */
final class Jvm {
  /** This module's compiled classes, an exploded module. */
  static final Path CLASSES = Path.of("target", "classes").toAbsolutePath();

  private Jvm() {}

  /** What a launched JVM did. */
  record Result(int exitCode, String stdout, String stderr, long exitNanos) {}

  /** The jars Maven resolved for the launched JVMs, from {@code target/module-path.txt}. */
  static List<Path> dependencies() throws IOException {
    String file = System.getProperty("sentry.test.modulePathFile");
    assumeTrue(file != null && Files.isRegularFile(Path.of(file)), "run by Maven, which lists the jars");
    String text = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    return Arrays.stream(text.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of)
        .collect(Collectors.toList());
  }

  /**
   * Compiles an application module.
   *
   * @param into the directory for the sources and the classes
   * @param sources relative path to source text, including {@code module-info.java}
   * @param modulePath what the application compiles against
   * @return the directory of the compiled module
   */
  static Path compile(Path into, Map<String, String> sources, List<Path> modulePath) throws IOException {
    Path src = into.resolve("src");
    Path out = into.resolve("classes");
    List<String> arguments = new ArrayList<>(List.of("-d", out.toString(), "--release", "17",
        "-Xlint:all", "-Werror", "--module-path", join(modulePath)));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
      arguments.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, arguments.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("javac failed with status " + status + " for " + sources.keySet());
    }
    return out;
  }

  /**
   * Runs {@code java [options] --module-path <path> -m <main> [args]} and waits for it to exit.
   *
   * @param work where stdout and stderr go
   */
  static Result run(Path work, List<Path> modulePath, List<String> options, String main,
      Duration timeout, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("sentry.test.java",
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(options);
    command.addAll(List.of("--module-path", join(modulePath), "-m", main));
    command.addAll(List.of(args));
    Path stdout = work.resolve("stdout.txt");
    Path stderr = work.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    // The launched SDK must read only what the test gives it.
    builder.environment().keySet().removeIf(name -> name.startsWith("SENTRY_"));
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the JVM did not exit within " + timeout + ": " + command);
    }
    long exited = System.nanoTime();
    return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8), exited);
  }

  private static String join(List<Path> paths) {
    return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }
}
