package sentry.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contexts that describe this machine and JVM ({@code os}, {@code runtime}, {@code device})
 * and its host name. Computed once, on the SDK's worker thread: a host-name lookup may be DNS.
 */
final class HostInfo {
  private HostInfo() {}

  static Map<String, Map<String, Object>> contexts() {
    Map<String, Map<String, Object>> contexts = new LinkedHashMap<>();
    Map<String, Object> os = new LinkedHashMap<>();
    os.put("name", System.getProperty("os.name"));
    os.put("version", System.getProperty("os.version"));
    contexts.put("os", os);

    Map<String, Object> runtime = new LinkedHashMap<>();
    runtime.put("name", System.getProperty("java.vendor"));
    runtime.put("version", System.getProperty("java.version"));
    runtime.put("raw_description",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    contexts.put("runtime", runtime);

    Map<String, Object> device = new LinkedHashMap<>();
    device.put("arch", System.getProperty("os.arch"));
    device.put("processor_count", Runtime.getRuntime().availableProcessors());
    Long memory = physicalMemory();
    if (memory != null) {
      device.put("memory_size", memory);
    }
    contexts.put("device", device);
    return contexts;
  }

  /** Reads the machine's memory where the OS tells it without extra JDK modules (Linux). */
  private static Long physicalMemory() {
    try {
      for (String line : readLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          String[] parts = line.trim().split("\\s+");
          return Long.parseLong(parts[1]) * 1024L;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or not readable: the context goes without it.
    }
    return null;
  }

  static String hostName() {
    try {
      List<String> lines = readLines(Path.of("/proc/sys/kernel/hostname"));
      if (!lines.isEmpty() && !lines.get(0).isBlank()) {
        return lines.get(0).strip();
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: ask the environment, then the resolver.
    }
    for (String variable : List.of("HOSTNAME", "COMPUTERNAME")) {
      String value = System.getenv(variable);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static List<String> readLines(Path path) throws IOException {
    return Files.isReadable(path) ? Files.readAllLines(path) : List.of();
  }
}
