package sentry.tests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The paths the build hands to the tests as system properties (see tests/pom.xml): the runtime
 * dependencies of the scenarios, the scenario jar, the jar of each default integration, the java
 * launcher and a work folder.
 */
final class BuildPaths {
  /** The identifiers of the default integrations, each the last part of its module's name. */
  static final List<String> INTEGRATIONS =
      List.of("atexit", "excepthook", "dedupe", "modules", "argv", "logging", "stdlib", "threading");

  /**
   * The identifiers of the logging backends' integrations (not defaults: each requires its
   * library), each the last part of its module's name.
   */
  static final List<String> BACKENDS = List.of("log4j", "logback");

  private BuildPaths() {}

  /**
   * Returns the scenarios' runtime dependencies: sentry-api, sentry-core and theirs, in the order
   * Maven resolved them. Each is a jar, or a classes folder when only compiled so far.
   */
  static List<Path> runtimeDependencies() {
    Path file = Path.of(required("sentry.tests.runtimePathFile"));
    try {
      String text = Files.readString(file).strip();
      List<Path> paths = new ArrayList<>();
      for (String entry : text.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          paths.add(Path.of(entry));
        }
      }
      if (paths.isEmpty()) {
        throw new IllegalStateException(file + " lists no dependency");
      }
      return List.copyOf(paths);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the runtime path file " + file, e);
    }
  }

  /**
   * Returns the jar of one default or backend integration, module {@code sentry.integration.<identifier>}. The
   * runtime dependencies leave the integrations out; a test adds the ones it wants.
   */
  static Path integrationJar(String identifier) {
    if (!INTEGRATIONS.contains(identifier) && !BACKENDS.contains(identifier)) {
      throw new IllegalArgumentException("no integration " + identifier + "; known: " + INTEGRATIONS + ", " + BACKENDS);
    }
    Path jar = Path.of(required("sentry.tests.integration." + identifier));
    if (!Files.exists(jar)) {
      throw new IllegalStateException("integration " + identifier + " is missing at " + jar);
    }
    return jar;
  }

  /** Returns the jars of every default integration, in the order of {@link #INTEGRATIONS}. */
  static List<Path> integrationJars() {
    return INTEGRATIONS.stream().map(BuildPaths::integrationJar).toList();
  }

  /** Returns the jar of the scenario module, sentry.tests.app. */
  static Path appJar() {
    Path jar = Path.of(required("sentry.tests.appJar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("scenario jar " + jar + " is missing: run the ITs with mvn verify");
    }
    return jar;
  }

  /** Returns the java launcher of the JDK that runs the build. */
  static Path java() {
    return Path.of(required("sentry.tests.java"));
  }

  /** Returns a folder for the launched JVMs' output, made if needed. */
  static Path workDir() {
    Path dir = Path.of(System.getProperty("sentry.tests.workDir", "target/it-work"));
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the shared folder (schemas, reference envelopes), as the build names it. */
  static Path sharedDir() {
    return Path.of(required("sentry.shared.dir")).normalize();
  }

  /**
   * Returns the module name of a jar or classes folder, or empty when it has no module descriptor
   * (an automatic module or a plain jar).
   */
  static Optional<String> explicitModuleName(Path path) {
    return descriptor(path).filter(d -> !d.isAutomatic()).map(ModuleDescriptor::name);
  }

  /** Returns the module descriptor of a jar or classes folder, automatic ones included. */
  static Optional<ModuleDescriptor> descriptor(Path path) {
    return ModuleFinder.of(path).findAll().stream().findFirst().map(ModuleReference::descriptor);
  }

  /**
   * Returns the SDK's own artifacts: every explicit module named {@code sentry.*} among the
   * runtime dependencies (sentry.api, sentry.core), then the jar of each default integration and
   * of each logging backend's integration; not the scenario module.
   */
  static List<Path> sdkArtifacts() {
    List<Path> artifacts = new ArrayList<>(runtimeDependencies().stream()
        .filter(p -> explicitModuleName(p).filter(n -> n.startsWith("sentry.")).isPresent())
        .toList());
    artifacts.addAll(integrationJars());
    BACKENDS.forEach(id -> artifacts.add(integrationJar(id)));
    return List.copyOf(artifacts);
  }

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + name + " is not set: run through Maven (tests/pom.xml sets it); set: "
              + Arrays.toString(System.getProperties().stringPropertyNames().stream()
                  .filter(n -> n.startsWith("sentry.")).sorted().toArray()));
    }
    return value;
  }
}
