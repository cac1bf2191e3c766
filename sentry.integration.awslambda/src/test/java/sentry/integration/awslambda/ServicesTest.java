package sentry.integration.awslambda;

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
        ServiceDeclarations.assertProvidesOnly(Integration.class, AwsLambdaIntegration.class);

    assertThat(descriptor.name()).isEqualTo("sentry.integration.awslambda");
    assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("sentry.integration.awslambda");
    assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "sentry.api", "aws.lambda.java.core");
  }

  @Test
  void theServiceLoaderFindsTheIntegration() {
    assertThat(ServiceLoader.load(Integration.class).stream().map(ServiceLoader.Provider::type))
        .contains(AwsLambdaIntegration.class);
    assertThat(new AwsLambdaIntegration().identifier()).isEqualTo("aws_lambda");
    assertThat(new AwsLambdaIntegration().isTimeoutWarning()).isFalse();
  }
}
