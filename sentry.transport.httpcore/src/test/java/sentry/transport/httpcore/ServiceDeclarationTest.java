package sentry.transport.httpcore;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import sentry.api.transport.TransportProvider;
import sentry.testing.ServiceDeclarations;

/**
 * The module's {@code provides} and its {@code META-INF/services} file name the same provider, and
 * the module reads sentry.api and HttpCore, never sentry.core.
 */
class ServiceDeclarationTest {
  @Test
  void moduleInfoAndServiceFileAgree() {
    ModuleDescriptor descriptor =
        ServiceDeclarations.assertProvidesOnly(TransportProvider.class, HttpCoreTransportProvider.class);

    assertThat(descriptor.name()).isEqualTo("sentry.transport.httpcore");
    assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "jdk.net", "org.apache.httpcomponents.core5.httpcore5", "sentry.api");
  }

  @Test
  void theServiceLoaderFindsTheProviderAboveJdkAndBelowTheUsersOwn() {
    assertThat(ServiceLoader.load(TransportProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(HttpCoreTransportProvider.class);
    HttpCoreTransportProvider provider = new HttpCoreTransportProvider();
    assertThat(provider.name()).isEqualTo("httpcore");
    assertThat(provider.priority()).isEqualTo(10).isLessThan(TransportProvider.SDK_PRIORITY_CEILING);
  }
}
