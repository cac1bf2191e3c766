package sentry.integration.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.ServiceLoader;
import jakarta.servlet.ServletContainerInitializer;
import org.junit.jupiter.api.Test;
import sentry.api.Integration;
import sentry.testing.ServiceDeclarations;

/** The module path ({@code provides}) and the class path (META-INF/services) offer the same. */
class ServicesTest {
  @Test
  void moduleInfoAndServicesFileAgree() {
    ModuleDescriptor descriptor =
        ServiceDeclarations.assertProvidesMatchServicesFiles(ServiceDeclarations.location(ServletIntegration.class));

    assertThat(descriptor.name()).isEqualTo("sentry.integration.servlet");
    assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("sentry.integration.servlet");
    assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "sentry.api", "jakarta.servlet");
    assertThat(descriptor.provides()).extracting(p -> p.service() + " with " + p.providers()).containsExactlyInAnyOrder(
        "jakarta.servlet.ServletContainerInitializer with [" + SentryServletContainerInitializer.class.getName() + "]",
        "sentry.api.Integration with [" + ServletIntegration.class.getName() + "]");
  }

  @Test
  void theServiceLoaderFindsTheIntegration() {
    assertThat(ServiceLoader.load(Integration.class).stream().map(ServiceLoader.Provider::type))
        .contains(ServletIntegration.class);
    assertThat(ServiceLoader.load(ServletContainerInitializer.class).stream().map(ServiceLoader.Provider::type))
        .contains(SentryServletContainerInitializer.class);
    assertThat(new ServletIntegration().identifier()).isEqualTo("servlet");
  }
}
