package sentry.integration.argv;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import sentry.api.Integration;
import sentry.testing.ServiceDeclarations;

/** The module's {@code provides} and its {@code META-INF/services} file name the same provider. */
class ServiceDeclarationTest {
  @Test
  void moduleInfoAndServiceFileAgree() {
    ModuleDescriptor descriptor = ServiceDeclarations.assertProvidesOnly(Integration.class, ArgvIntegration.class);

    assertThat(descriptor.name()).isEqualTo("sentry.integration.argv");
    assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "sentry.api");
  }

  @Test
  void theServiceLoaderFindsTheIntegration() {
    assertThat(ServiceLoader.load(Integration.class).stream().map(ServiceLoader.Provider::type))
        .contains(ArgvIntegration.class);
    assertThat(new ArgvIntegration().identifier()).isEqualTo("argv");
  }
}
