package sentry.integration.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.Configurator;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import sentry.api.Integration;
import sentry.testing.ServiceDeclarations;

/** The module path ({@code provides}) and the class path (META-INF/services) offer the same. */
class ServicesTest {
  @Test
  void moduleInfoAndServicesFileAgree() {
    ModuleDescriptor descriptor =
        ServiceDeclarations.assertProvidesMatchServicesFiles(ServiceDeclarations.location(LogbackIntegration.class));

    assertThat(descriptor.provides()).extracting(p -> p.service() + " with " + p.providers())
        .as("the integration, and Logback's configurator service that attaches the appender as Logback starts")
        .containsExactlyInAnyOrder(Integration.class.getName() + " with [" + LogbackIntegration.class.getName() + "]",
            Configurator.class.getName() + " with [" + SentryConfigurator.class.getName() + "]");
    assertThat(descriptor.name()).isEqualTo("sentry.integration.logback");
    assertThat(descriptor.requires()).as("the library is required for real, not optionally")
        .noneMatch(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
        .extracting(ModuleDescriptor.Requires::name).contains("sentry.api", "sentry.integration.logging")
        .doesNotContain("sentry.core");
  }

  @Test
  void theServiceLoaderFindsTheIntegrationAndLogbackFindsTheConfigurator() {
    assertThat(ServiceLoader.load(Integration.class).stream().map(ServiceLoader.Provider::type))
        .contains(LogbackIntegration.class);
    assertThat(SentryConfigurator.visibleToLogback()).isTrue();
    assertThat(new LogbackIntegration().identifier()).isEqualTo("logback");
  }

  @Test
  void theJarShipsNoFileAnotherLibraryShipsToo() throws Exception {
    try (var files = Files.walk(Path.of("target", "classes", "META-INF"))) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.toString().replace('\\', '/')))
          .as("a Log4j plugin index (Log4j2Plugins.dat) would clobber log4j-core's in a fat jar")
          .allMatch(p -> p.endsWith("META-INF/services/sentry.api.Integration")
              || p.endsWith("META-INF/services/" + Configurator.class.getName()));
    }
  }
}
