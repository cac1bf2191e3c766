package sentry.integration.httpserver;

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
    ModuleDescriptor descriptor =
        ServiceDeclarations.assertProvidesOnly(Integration.class, HttpServerIntegration.class);

    assertThat(descriptor.name()).isEqualTo("sentry.integration.httpserver");
    assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("sentry.integration.httpserver");
    assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "sentry.api", "jdk.httpserver");
  }

  @Test
  void theServiceLoaderFindsTheIntegration() {
    assertThat(ServiceLoader.load(Integration.class).stream().map(ServiceLoader.Provider::type))
        .contains(HttpServerIntegration.class);
    assertThat(new HttpServerIntegration().identifier()).isEqualTo("httpserver");
  }
}
