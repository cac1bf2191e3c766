package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import sentry.api.Integration;
import sentry.api.IntegrationContext;
import sentry.core.json.SdkInfo;

class SdkPackagesTest {
  /** An integration of the application's own: not an SDK artifact. */
  static final class OwnIntegration implements Integration {
    @Override
    public String identifier() {
      return "own";
    }

    @Override
    public void register(IntegrationContext context) {}
  }

  @Test
  void apiAndCoreAreAlwaysListedAndTheApplicationsOwnIntegrationsNever() {
    List<String> names = SdkPackages.inUse(List.of(new OwnIntegration()), "9.9.9").stream()
        .map(SdkInfo.SdkPackage::name).toList();
    assertThat(names).contains("maven:dev.sentrysdk:sentry-api", "maven:dev.sentrysdk:sentry-core")
        .allMatch(name -> name.startsWith("maven:dev.sentrysdk:sentry-"))
        .doesNotHaveDuplicates();
    assertThat(SdkPackages.inUse(List.of(), "9.9.9")).isNotEmpty().allMatch(p -> !p.version().isBlank());
  }
}
