package sentry.integration.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import sentry.api.Integration;

/** The module's {@code provides} and its {@code META-INF/services} file name the same provider. */
class ServiceDeclarationTest {
  @Test
  void moduleInfoAndServiceFileAgree() throws Exception {
    Path classes = Path.of(ModulesIntegration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    List<String> declared = Files.readAllLines(classes.resolve("META-INF/services/" + Integration.class.getName()))
        .stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .collect(Collectors.toList());

    assertThat(descriptor.name()).isEqualTo("sentry.integration.modules");
    assertThat(descriptor.provides()).singleElement().satisfies(provides -> {
      assertThat(provides.service()).isEqualTo(Integration.class.getName());
      assertThat(provides.providers()).containsExactlyElementsOf(declared);
    });
    assertThat(declared).containsExactly(ModulesIntegration.class.getName());
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
