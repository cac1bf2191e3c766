package sentry.integration.modules;

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
    ModuleDescriptor descriptor = ServiceDeclarations.assertProvidesOnly(Integration.class, ModulesIntegration.class);

    assertThat(descriptor.name()).isEqualTo("sentry.integration.modules");
    assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "sentry.api");
  }

  @Test
  void theServiceLoaderFindsTheIntegration() {
    assertThat(ServiceLoader.load(Integration.class).stream().map(ServiceLoader.Provider::type))
        .contains(ModulesIntegration.class);
    assertThat(new ModulesIntegration().identifier()).isEqualTo("modules");
  }
}
