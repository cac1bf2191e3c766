package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import sentry.testing.ServiceDeclarations;

/**
 * For each of our artifacts (sentry-api, sentry-core, the two transports and every
 * sentry-integration-* jar),
 * the {@code provides} clauses of its module descriptor and its {@code META-INF/services} files
 * name the same providers, so that the class path finds what the module path finds.
 */
class ServicesTest {
  @Test
  void findsOurArtifacts() {
    List<String> names = BuildPaths.sdkArtifacts().stream()
        .map(p -> BuildPaths.explicitModuleName(p).orElseThrow())
        .toList();
    assertThat(names).as("our modules among %s and the integration jars", BuildPaths.runtimeDependencies())
        .contains("sentry.api", "sentry.core", "sentry.transport.jdk", "sentry.transport.httpcore")
        .containsAll(BuildPaths.INTEGRATIONS.stream().map(id -> "sentry.integration." + id).toList());
  }

  @TestFactory
  Stream<DynamicTest> providesMatchesMetaInfServices() {
    return BuildPaths.sdkArtifacts().stream().map(path -> DynamicTest.dynamicTest(
        BuildPaths.explicitModuleName(path).orElseThrow(),
        () -> ServiceDeclarations.assertProvidesMatchServicesFiles(path)));
  }
}
