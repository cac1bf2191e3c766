package sentry.integration.serverless;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;
import sentry.testing.ServiceDeclarations;

/** The module provides no service, on the module path or the class path, and exports its API. */
class ServicesTest {
  @Test
  void theModuleProvidesNothingAndRequiresOnlyTheApi() {
    ModuleDescriptor descriptor = ServiceDeclarations.assertProvidesMatchServicesFiles(
        ServiceDeclarations.location(SentryServerless.class));

    assertThat(descriptor.name()).isEqualTo("sentry.integration.serverless");
    assertThat(descriptor.provides()).isEmpty();
    assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("sentry.integration.serverless");
    assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "sentry.api");
  }
}
