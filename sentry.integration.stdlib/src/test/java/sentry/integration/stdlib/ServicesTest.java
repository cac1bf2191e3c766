package sentry.integration.stdlib;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import sentry.api.Integration;

/** The module path ({@code provides}) and the class path (META-INF/services) offer the same. */
class ServicesTest {
  private static final Path CLASSES = Path.of("target", "classes");

  @Test
  void moduleInfoAndServicesFileAgree() throws IOException {
    ModuleDescriptor descriptor = ModuleFinder.of(CLASSES).find("sentry.integration.stdlib").orElseThrow().descriptor();
    List<String> services = Files.readAllLines(
        CLASSES.resolve("META-INF/services/sentry.api.Integration"), StandardCharsets.UTF_8);

    assertThat(descriptor.provides()).singleElement().satisfies(provides -> {
      assertThat(provides.service()).isEqualTo(Integration.class.getName());
      assertThat(provides.providers()).containsExactlyElementsOf(services);
    });
    assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("sentry.integration.stdlib");
  }

  @Test
  void httpClient5IsOptional() {
    ModuleDescriptor descriptor = ModuleFinder.of(CLASSES).find("sentry.integration.stdlib").orElseThrow().descriptor();
    Map<String, Set<Requires.Modifier>> requires = descriptor.requires().stream()
        .collect(Collectors.toMap(Requires::name, Requires::modifiers));

    assertThat(requires).containsOnlyKeys("java.base", "java.net.http", "sentry.api",
        "org.apache.httpcomponents.client5.httpclient5", "org.apache.httpcomponents.core5.httpcore5");
    assertThat(requires.get("org.apache.httpcomponents.client5.httpclient5")).contains(Requires.Modifier.STATIC);
    assertThat(requires.get("org.apache.httpcomponents.core5.httpcore5")).contains(Requires.Modifier.STATIC);
    assertThat(requires.get("java.net.http")).doesNotContain(Requires.Modifier.STATIC);
    assertThat(requires.get("sentry.api")).doesNotContain(Requires.Modifier.STATIC);
  }

  @Test
  void theServiceLoaderFindsTheIntegration() {
    assertThat(ServiceLoader.load(Integration.class).stream().map(ServiceLoader.Provider::type))
        .contains(StdlibIntegration.class);
    assertThat(new StdlibIntegration().identifier()).isEqualTo("stdlib");
  }
}
