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
 * dependencies of the scenarios, the scenario jar, the java launcher and a work folder.
 */
final class BuildPaths {
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
   * Returns the SDK's own artifacts among the runtime dependencies: every explicit module named
   * {@code sentry.*} (sentry.api, sentry.core and integrations), not the scenario module.
   */
  static List<Path> sdkArtifacts() {
    return runtimeDependencies().stream()
        .filter(p -> explicitModuleName(p).filter(n -> n.startsWith("sentry.")).isPresent())
        .toList();
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
