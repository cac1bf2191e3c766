package sentry.tests;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC;
import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The module descriptors of our artifacts, rendered as {@code jar --describe-module} renders them
 * (without the location line and the {@code contains} lines: the packages a module keeps to itself
 * are its own business), match the files committed under {@code src/test/resources/modules/}. A
 * change to a module's exports, requires, uses, provides or opens is deliberate, so it needs the
 * expected file changed with it; the failure shows the difference and the new text.
 */
class ModuleDescriptorTest {
  /**
   * What an integration requires besides {@code java.base} and {@code sentry.api} (transitive): the
   * library it instruments, {@code static} so that an application without that library still
   * starts, and the JDK modules whose types show in its API, {@code transitive}. The logging
   * backends' integrations are not defaults and require their library for real (an application
   * adds them only with that library), and the logging module whose record handling they share.
   */
  private static final Map<String, Map<String, Set<Requires.Modifier>>> EXTRA_REQUIRES = Map.of(
      "logging", Map.of(
          "java.logging", Set.of(TRANSITIVE)),
      "log4j", Map.of(
          "org.apache.logging.log4j", Set.of(TRANSITIVE),
          "org.apache.logging.log4j.core", Set.of(TRANSITIVE),
          "java.desktop", Set.of(),
          "sentry.integration.logging", Set.of()),
      "logback", Map.of(
          "ch.qos.logback.classic", Set.of(TRANSITIVE),
          "ch.qos.logback.core", Set.of(TRANSITIVE),
          "org.slf4j", Set.of(TRANSITIVE),
          "sentry.integration.logging", Set.of()),
      "stdlib", Map.of(
          "org.apache.httpcomponents.client5.httpclient5", Set.of(STATIC),
          "org.apache.httpcomponents.core5.httpcore5", Set.of(STATIC),
          "java.net.http", Set.of(TRANSITIVE)));

  /** The packages an integration exports only to named modules: the logging module's shared part. */
  private static final Map<String, List<String>> QUALIFIED_EXPORTS = Map.of("logging",
      List.of("sentry.integration.logging.internal to sentry.integration.log4j sentry.integration.logback"));

  /** The packages an integration opens, each only to the library that reflects on it. */
  private static final Map<String, List<String>> QUALIFIED_OPENS =
      Map.of("log4j", List.of("sentry.integration.log4j to org.apache.logging.log4j.core"));

  /** The library services an integration provides besides its integration, each a hook the library calls. */
  private static final Map<String, List<String>> LIBRARY_SERVICES =
      Map.of("logback", List.of("ch.qos.logback.classic.spi.Configurator"));

  @TestFactory
  Stream<DynamicTest> descriptorsMatchTheExpectedFiles() {
    return BuildPaths.sdkArtifacts().stream().map(path -> {
      ModuleDescriptor descriptor = BuildPaths.descriptor(path).orElseThrow();
      return DynamicTest.dynamicTest(descriptor.name(), () -> compare(descriptor, path));
    });
  }

  @Test
  void apiExportsItsPackageTheSpiOnlyToCoreItsInternalsOnlyToTheirUsersAndRequiresOnlyJavaBase() {
    ModuleDescriptor api = descriptor("sentry.api");
    assertThat(api.isOpen()).as("open module").isFalse();
    assertThat(api.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source))
        .as("unqualified exports: the API, and the transport SPI a user may implement")
        .containsExactlyInAnyOrder("sentry.api", "sentry.api.transport");
    Map<String, Set<String>> qualified = new TreeMap<>();
    api.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
        .forEach(e -> qualified.put(e.source(), e.targets()));
    assertThat(qualified).as("qualified exports").isEqualTo(Map.of(
        "sentry.api.spi", Set.of("sentry.core"),
        "sentry.api.transport.internal", Set.of("sentry.transport.httpcore", "sentry.transport.jdk"),
        "sentry.api.internal", Set.of("sentry.integration.argv", "sentry.integration.atexit",
            "sentry.integration.awslambda", "sentry.integration.excepthook",
            "sentry.integration.httpserver", "sentry.integration.servlet",
            "sentry.integration.stdlib", "sentry.integration.threading")));
    assertThat(api.requires())
        .as("requires: java.base, and annotation modules only as requires static")
        .allSatisfy(r -> assertThat(r.name().equals("java.base")
            || r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
            .as("requires %s", r).isTrue());
    assertThat(api.opens()).as("opens").isEmpty();
  }

  @Test
  void coreExportsNothingUnqualified() {
    ModuleDescriptor core = descriptor("sentry.core");
    assertThat(core.isOpen()).as("open module").isFalse();
    assertThat(core.exports()).as("exports").allSatisfy(e -> assertThat(e.isQualified()).as("%s", e).isTrue());
    assertThat(core.opens()).as("opens").allSatisfy(o -> assertThat(o.isQualified()).as("%s", o).isTrue());
  }

  @Test
  void eachIntegrationExportsItsPackageRequiresTransitiveApiAndProvidesAnIntegration() {
    for (String id : concat(BuildPaths.INTEGRATIONS, BuildPaths.BACKENDS)) {
      String name = "sentry.integration." + id;
      ModuleDescriptor module = descriptor(name);
      assertThat(module.isOpen()).as("%s is an open module", name).isFalse();
      assertThat(module.exports()).as("unqualified exports of %s", name)
          .filteredOn(e -> !e.isQualified())
          .extracting(ModuleDescriptor.Exports::source)
          .containsExactly(name);
      assertThat(module.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
          .map(e -> e.source() + " to " + sorted(e.targets())))
          .as("qualified exports of %s", name)
          .containsExactlyInAnyOrderElementsOf(QUALIFIED_EXPORTS.getOrDefault(id, List.of()));
      Map<String, Set<Requires.Modifier>> requires = new TreeMap<>(Map.of("sentry.api", Set.of(TRANSITIVE)));
      requires.putAll(EXTRA_REQUIRES.getOrDefault(id, Map.of()));
      Map<String, Set<Requires.Modifier>> actual = new TreeMap<>();
      module.requires().stream().filter(r -> !r.name().equals("java.base"))
          .forEach(r -> actual.put(r.name(), r.modifiers()));
      assertThat(actual).as("requires of %s besides java.base, with their modifiers", name).isEqualTo(requires);
      assertThat(module.provides()).extracting(ModuleDescriptor.Provides::service).as("services %s provides", name)
          .containsExactlyInAnyOrderElementsOf(
              concat(List.of("sentry.api.Integration"), LIBRARY_SERVICES.getOrDefault(id, List.of())));
      assertThat(module.provides()).as("provides of %s", name)
          .filteredOn(p -> p.service().equals("sentry.api.Integration")).singleElement().satisfies(p -> {
        assertThat(p.service()).isEqualTo("sentry.api.Integration");
        assertThat(p.providers()).hasSize(1);
        assertThat(p.providers().get(0)).startsWith(name + ".");
      });
      assertThat(module.opens().stream().map(o -> o.source() + " to " + sorted(o.targets())))
          .as("opens of %s (qualified only)", name)
          .containsExactlyInAnyOrderElementsOf(QUALIFIED_OPENS.getOrDefault(id, List.of()));
    }
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }

  private static ModuleDescriptor descriptor(String name) {
    return BuildPaths.sdkArtifacts().stream()
        .map(p -> BuildPaths.descriptor(p).orElseThrow())
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no module " + name + " in " + BuildPaths.runtimeDependencies()));
  }

  private static void compare(ModuleDescriptor descriptor, Path path) {
    List<String> actual = describe(descriptor);
    String resource = "/modules/" + descriptor.name() + ".expected.txt";
    List<String> expected = expected(resource);
    if (expected == null) {
      throw new AssertionError("no expected file src/test/resources" + resource + " for " + path
          + "; if this descriptor is right, commit it as that file:\n" + String.join("\n", actual));
    }
    if (!expected.equals(actual)) {
      throw new AssertionError("module descriptor of " + path + " differs from src/test/resources" + resource
          + " (- expected only, + actual only):\n" + diff(expected, actual)
          + "\n\nactual descriptor, to commit if the change is deliberate:\n" + String.join("\n", actual));
    }
  }

  /** Renders a descriptor line by line as {@code jar --describe-module} does, less location and contains. */
  static List<String> describe(ModuleDescriptor d) {
    List<String> lines = new ArrayList<>();
    lines.add((d.isOpen() ? "open module " : "module ") + d.name());
    d.exports().stream().sorted().filter(e -> !e.isQualified())
        .forEach(e -> lines.add("exports " + e.source() + modifiers(e.modifiers())));
    d.requires().stream().sorted()
        .forEach(r -> lines.add("requires " + r.name() + modifiers(r.modifiers())));
    d.uses().stream().sorted().forEach(u -> lines.add("uses " + u));
    d.provides().stream().sorted()
        .forEach(p -> lines.add("provides " + p.service() + " with " + String.join(" ", p.providers())));
    d.opens().stream().sorted().filter(o -> !o.isQualified())
        .forEach(o -> lines.add("opens " + o.source() + modifiers(o.modifiers())));
    d.exports().stream().sorted().filter(ModuleDescriptor.Exports::isQualified)
        .forEach(e -> lines.add("qualified exports " + e.source() + " to " + sorted(e.targets())));
    d.opens().stream().sorted().filter(ModuleDescriptor.Opens::isQualified)
        .forEach(o -> lines.add("qualified opens " + o.source() + " to " + sorted(o.targets())));
    d.mainClass().ifPresent(c -> lines.add("main-class " + c));
    return lines;
  }

  private static String modifiers(Set<? extends Enum<?>> modifiers) {
    return modifiers.stream().map(m -> " " + m.name().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining());
  }

  private static String sorted(Set<String> names) {
    return names.stream().sorted().collect(Collectors.joining(" "));
  }

  private static List<String> expected(String resource) {
    try (InputStream in = ModuleDescriptorTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A line diff: lines only in the expected file with -, lines only in the actual one with +. */
  static String diff(List<String> expected, List<String> actual) {
    StringBuilder out = new StringBuilder();
    expected.stream().filter(line -> !actual.contains(line)).forEach(line -> out.append("- ").append(line).append('\n'));
    actual.stream().filter(line -> !expected.contains(line)).forEach(line -> out.append("+ ").append(line).append('\n'));
    if (out.length() == 0) {
      out.append("(same lines, different order)\n");
    }
    return out.toString().stripTrailing();
  }
}
