package sentry.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of the suite's main classes in a fresh JVM and reads the {@code key=value} lines it prints. */
final class Child {
  private Child() {}

  /**
   * Runs a main class of this jar in a new JVM with the same class path.
   *
   * @param jvmArgs options for the JVM
   * @param mainClass the class
   * @param args its arguments
   * @param timeout how long it may take
   * @return what it printed as {@code key=value}
   * @throws IOException if it cannot be started, fails or times out
   */
  static Map<String, String> run(List<String> jvmArgs, Class<?> mainClass, List<String> args, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    Path errors = Files.createTempFile("bench-child", ".err");
    Path printed = Files.createTempFile("bench-child", ".out");
    try {
      Process process = new ProcessBuilder(command).redirectError(errors.toFile())
          .redirectOutput(printed.toFile()).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " took longer than " + timeout);
      }
      if (process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
            + Files.readString(errors));
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (String line : Files.readAllLines(printed, StandardCharsets.UTF_8)) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          values.put(line.substring(0, equals), line.substring(equals + 1).trim());
        }
      }
      return values;
    } finally {
      Files.deleteIfExists(errors);
      Files.deleteIfExists(printed);
    }
  }
}
