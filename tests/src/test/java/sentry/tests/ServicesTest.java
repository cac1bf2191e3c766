package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * For each of our artifacts (sentry-api, sentry-core and every sentry-integration-* jar),
 * the {@code provides} clauses of its module descriptor and its {@code META-INF/services} files
 * name the same providers, so that the class path finds what the module path finds.
 */
class ServicesTest {
  private static final String SERVICES = "META-INF/services/";

  @Test
  void findsOurArtifacts() {
    List<String> names = BuildPaths.sdkArtifacts().stream()
        .map(p -> BuildPaths.explicitModuleName(p).orElseThrow())
        .toList();
    assertThat(names).as("our modules among %s and the integration jars", BuildPaths.runtimeDependencies())
        .contains("sentry.api", "sentry.core")
        .containsAll(BuildPaths.INTEGRATIONS.stream().map(id -> "sentry.integration." + id).toList());
  }

  @TestFactory
  Stream<DynamicTest> providesMatchesMetaInfServices() {
    return BuildPaths.sdkArtifacts().stream().map(path -> DynamicTest.dynamicTest(
        BuildPaths.explicitModuleName(path).orElseThrow(), () -> {
          ModuleDescriptor descriptor = BuildPaths.descriptor(path).orElseThrow();
          Map<String, List<String>> provides = new TreeMap<>();
          descriptor.provides().forEach(p -> provides.put(p.service(), p.providers()));
          assertThat(servicesFiles(path))
              .as("META-INF/services of %s against the provides clauses of its module-info", path)
              .isEqualTo(provides);
        }));
  }

  /** Reads every META-INF/services file: service name to provider names, comments and blanks left out. */
  static Map<String, List<String>> servicesFiles(Path artifact) {
    Map<String, List<String>> services = new TreeMap<>();
    try {
      if (Files.isDirectory(artifact)) {
        Path dir = artifact.resolve(SERVICES);
        if (Files.isDirectory(dir)) {
          try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
              services.put(file.getFileName().toString(), providers(Files.readString(file)));
            }
          }
        }
      } else {
        try (JarFile jar = new JarFile(artifact.toFile())) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (!entry.isDirectory() && name.startsWith(SERVICES) && name.indexOf('/', SERVICES.length()) < 0) {
              String text = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
              services.put(name.substring(SERVICES.length()), providers(text));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + artifact, e);
    }
    return services;
  }

  private static List<String> providers(String text) {
    List<String> providers = new ArrayList<>();
    for (String line : text.split("\n")) {
      int comment = line.indexOf('#');
      String name = (comment < 0 ? line : line.substring(0, comment)).strip();
      if (!name.isEmpty()) {
        providers.add(name);
      }
    }
    return providers;
  }
}
