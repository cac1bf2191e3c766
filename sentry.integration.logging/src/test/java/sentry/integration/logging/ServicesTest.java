package sentry.integration.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import sentry.api.Integration;
import sentry.testing.ServiceDeclarations;

/** The module path ({@code provides}) and the class path (META-INF/services) offer the same. */
class ServicesTest {
  private static final Path CLASSES = Path.of("target", "classes");

  @Test
  void moduleInfoAndServicesFileAgree() {
    ModuleDescriptor descriptor = ServiceDeclarations.assertProvidesOnly(Integration.class, LoggingIntegration.class);

    assertThat(descriptor.name()).isEqualTo("sentry.integration.logging");
    assertThat(descriptor.requires()).filteredOn(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
        .extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("org.apache.logging.log4j", "org.apache.logging.log4j.core", "java.desktop",
            "ch.qos.logback.classic", "ch.qos.logback.core", "org.slf4j");
  }

  @Test
  void theServiceLoaderFindsTheIntegration() {
    assertThat(ServiceLoader.load(Integration.class).stream().map(ServiceLoader.Provider::type))
        .contains(LoggingIntegration.class);
    assertThat(new LoggingIntegration().identifier()).isEqualTo("logging");
  }

  @Test
  void theLog4jPluginIndexListsTheSentryAppender() throws IOException {
    Path index = CLASSES.resolve("META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat");
    assertThat(new String(Files.readAllBytes(index), StandardCharsets.ISO_8859_1))
        .contains("sentry.integration.logging.log4j.SentryAppender");
  }
}
