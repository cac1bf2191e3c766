package sentry.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import sentry.api.transport.TransportProvider;
import sentry.testing.ServiceDeclarations;

/** The module's {@code provides} and its {@code META-INF/services} file name the same provider. */
class ServiceDeclarationTest {
  @Test
  void moduleInfoAndServiceFileAgree() {
    ModuleDescriptor descriptor =
        ServiceDeclarations.assertProvidesOnly(TransportProvider.class, JdkTransportProvider.class);

    assertThat(descriptor.name()).isEqualTo("sentry.transport.jdk");
    assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "java.net.http", "sentry.api");
  }

  @Test
  void theServiceLoaderFindsTheProviderBelowTheUsersOwn() {
    assertThat(ServiceLoader.load(TransportProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(JdkTransportProvider.class);
    JdkTransportProvider provider = new JdkTransportProvider();
    assertThat(provider.name()).isEqualTo("jdk");
    assertThat(provider.priority()).isLessThan(TransportProvider.SDK_PRIORITY_CEILING);
  }
}
