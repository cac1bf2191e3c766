package sentry.integration.modules;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Lists the application's modules and libraries with their versions: the named modules of a
 * layer that are not part of the JDK, the jars of a class path (with the jars their manifests'
 * {@code Class-Path} adds), and the JDK itself. Computed once per process on a daemon thread.
 */
final class ModuleInventory {
  /** The key of the JDK's own entry. */
  static final String JDK_KEY = "java";
  /** The value of a module or jar that gives no version. */
  static final String UNKNOWN = "unknown";
  /** Enough for any real class path, manifests included; stops a runaway chain of manifests. */
  static final int MAX_JARS = 10_000;

  private ModuleInventory() {}

  /**
   * Returns this process's list, computing it on first call on a daemon thread named {@code
   * sentry-modules} (or on the calling thread if no thread can be started).
   *
   * @return a future of an unmodifiable map; it never completes exceptionally
   */
  static Future<Map<String, String>> shared() {
    return Shared.RESULT;
  }

  /**
   * Lists this JVM's modules and libraries: the boot layer, {@code java.class.path} and the
   * running JDK's version.
   *
   * @return an unmodifiable map in order: named modules by name, then class-path jars in class-path
   *     order, then {@value #JDK_KEY}
   */
  static Map<String, String> current() {
    return scan(ModuleLayer.boot(), System.getProperty("java.class.path", ""), Runtime.version().toString());
  }

  /**
   * Lists a layer's named modules and a class path's jars.
   *
   * <p>A named module is listed by its name unless it comes from the JDK's run-time image ({@code
   * jrt:}) and is a JDK module: its name starts with {@code java.} or {@code jdk.}, or it carries
   * the same version as {@code java.base} (so the application's own modules linked into a custom
   * image by {@code jlink} are listed). Its version is the descriptor's, else what its jar says.
   * A class-path jar is listed as {@link JarMetadata} finds it; directories, missing files and
   * unreadable jars are skipped. Where two entries get the same key the first one stays, as the
   * class loader would use the first too. A version that cannot be found is {@value #UNKNOWN}.
   *
   * @param layer the layer whose modules to list (not its parents)
   * @param classPath the class path, entries separated by {@link File#pathSeparator}
   * @param jdkVersion the value of the {@value #JDK_KEY} entry
   * @return an unmodifiable map in order: modules by name, jars in class-path order, the JDK
   */
  static Map<String, String> scan(ModuleLayer layer, String classPath, String jdkVersion) {
    Map<String, String> found = new LinkedHashMap<>();
    String jdkModuleVersion = ModuleLayer.boot().findModule("java.base")
        .flatMap(base -> base.getDescriptor().rawVersion()).orElse(null);
    layer.configuration().modules().stream()
        .sorted(Comparator.comparing(ResolvedModule::name))
        .map(ResolvedModule::reference)
        .filter(reference -> !isJdk(reference, jdkModuleVersion))
        .forEach(reference -> found.putIfAbsent(reference.descriptor().name(), moduleVersion(reference)));
    addJars(found, classPath);
    found.put(JDK_KEY, jdkVersion);
    return Collections.unmodifiableMap(found);
  }

  static boolean isJdk(ModuleReference reference, String jdkModuleVersion) {
    boolean inImage = reference.location().map(uri -> "jrt".equalsIgnoreCase(uri.getScheme())).orElse(false);
    if (!inImage) {
      return false;
    }
    String name = reference.descriptor().name();
    return name.startsWith("java.") || name.startsWith("jdk.")
        || (jdkModuleVersion != null && reference.descriptor().rawVersion().orElse("").equals(jdkModuleVersion));
  }

  private static String moduleVersion(ModuleReference reference) {
    Optional<String> version = reference.descriptor().rawVersion();
    if (version.isPresent()) {
      return version.get();
    }
    Optional<Path> jar = reference.location().flatMap(ModuleInventory::regularFile);
    if (jar.isPresent()) {
      try {
        String fromJar = JarMetadata.read(jar.get()).version();
        return fromJar == null ? UNKNOWN : fromJar;
      } catch (IOException | RuntimeException e) {
        // An exploded module or a jar we cannot read: the version stays unknown.
      }
    }
    return UNKNOWN;
  }

  private static void addJars(Map<String, String> found, String classPath) {
    Deque<Path> pending = new ArrayDeque<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        try {
          pending.addLast(Path.of(entry));
        } catch (InvalidPathException e) {
          // The JVM skips such entries too.
        }
      }
    }
    Set<Path> visited = new HashSet<>();
    while (!pending.isEmpty() && visited.size() < MAX_JARS) {
      Path path = pending.removeFirst().toAbsolutePath().normalize();
      if (!visited.add(path) || !Files.isRegularFile(path)) {
        continue;
      }
      try {
        JarMetadata jar = JarMetadata.read(path);
        found.putIfAbsent(jar.name(), jar.version() == null ? UNKNOWN : jar.version());
        // A fat jar: the libraries it bundles, each with the version of its own pom.properties.
        jar.bundled().forEach(found::putIfAbsent);
        // A manifest's Class-Path comes right after its jar, as the class loader searches it.
        List<Path> referenced = jar.classPath();
        for (int i = referenced.size() - 1; i >= 0; i--) {
          pending.addFirst(referenced.get(i));
        }
      } catch (IOException | RuntimeException e) {
        // Not a jar, or unreadable: the class loader cannot use it either.
      }
    }
  }

  private static Optional<Path> regularFile(URI location) {
    try {
      Path path = Path.of(location);
      return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException | SecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * The process's list, started when first asked for. A {@link FutureTask}, not a {@code
   * CompletableFuture}, whose class initialisation sets up the fork-join pool: this runs in
   * {@code init}.
   */
  private static final class Shared {
    static final FutureTask<Map<String, String>> RESULT = start();

    private static FutureTask<Map<String, String>> start() {
      FutureTask<Map<String, String>> result = new FutureTask<>(Shared::scan);
      try {
        Thread thread = new Thread(result, "sentry-modules");
        thread.setDaemon(true);
        thread.start();
      } catch (RuntimeException | OutOfMemoryError e) {
        result.run();
      }
      return result;
    }

    private static Map<String, String> scan() {
      try {
        return current();
      } catch (RuntimeException | LinkageError e) {
        // Never leave events waiting on a failed scan: they get the JDK's entry at least.
        return Map.of(JDK_KEY, Runtime.version().toString());
      }
    }
  }
}
