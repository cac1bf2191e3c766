package sentry.integration.threading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import sentry.api.Integration;

/** The module path ({@code provides}) and the class path (META-INF/services) offer the same. */
class ServicesTest {
  private static final Path CLASSES = Path.of("target", "classes");

  @Test
  void moduleInfoAndServicesFileAgree() throws IOException {
    ModuleDescriptor descriptor = ModuleFinder.of(CLASSES).find("sentry.integration.threading")
        .orElseThrow().descriptor();
    List<String> services = Files.readAllLines(
        CLASSES.resolve("META-INF/services/sentry.api.Integration"), StandardCharsets.UTF_8);

    assertThat(descriptor.provides()).singleElement().satisfies(provides -> {
      assertThat(provides.service()).isEqualTo(Integration.class.getName());
      assertThat(provides.providers()).containsExactlyElementsOf(services);
    });
    assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("sentry.integration.threading");
    assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "sentry.api");
  }

  @Test
  void theServiceLoaderFindsTheIntegration() {
    assertThat(ServiceLoader.load(Integration.class).stream().map(ServiceLoader.Provider::type))
        .contains(ThreadingIntegration.class);
    assertThat(new ThreadingIntegration().identifier()).isEqualTo("threading");
  }
}
