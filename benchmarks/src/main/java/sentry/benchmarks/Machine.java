package sentry.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the suite ran on: CPU, memory, OS, JDK, load, and the commit measured. */
final class Machine {
  private Machine() {}

  static Map<String, String> describe() {
    Map<String, String> machine = new LinkedHashMap<>();
    machine.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
    machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal");
    machine.put("memory", memory.endsWith("kB")
        ? Math.round(Long.parseLong(memory.replace("kB", "").trim()) / 1024.0 / 1024.0) + " GiB" : memory);
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vm.vendor") + ")");
    machine.put("loadBefore", loadAverage());
    machine.put("commit", command(List.of("git", "log", "-1", "--format=%h %s")));
    return machine;
  }

  /** Returns the 1, 5 and 15 minute load averages, or "unknown". */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " / " + fields[1] + " / " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String firstValue(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: say so below.
    }
    return "unknown";
  }

  private static String command(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : "unknown";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
