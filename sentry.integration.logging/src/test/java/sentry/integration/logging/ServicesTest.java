package sentry.integration.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import sentry.api.Integration;
import sentry.testing.ServiceDeclarations;

/** The module path ({@code provides}) and the class path (META-INF/services) offer the same. */
class ServicesTest {
  @Test
  void moduleInfoAndServicesFileAgree() {
    ModuleDescriptor descriptor = ServiceDeclarations.assertProvidesOnly(Integration.class, LoggingIntegration.class);

    assertThat(descriptor.name()).isEqualTo("sentry.integration.logging");
    assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
        .as("the JDK and the API only: no logging library, not even optionally")
        .containsExactlyInAnyOrder("java.base", "java.logging", "sentry.api");
    assertThat(descriptor.exports()).filteredOn(ModuleDescriptor.Exports::isQualified)
        .singleElement().satisfies(e -> {
          assertThat(e.source()).isEqualTo("sentry.integration.logging.internal");
          assertThat(e.targets()).containsExactlyInAnyOrder("sentry.integration.log4j", "sentry.integration.logback");
        });
  }

  @Test
  void theServiceLoaderFindsTheIntegration() {
    assertThat(ServiceLoader.load(Integration.class).stream().map(ServiceLoader.Provider::type))
        .contains(LoggingIntegration.class);
    assertThat(new LoggingIntegration().identifier()).isEqualTo("logging");
  }
}
