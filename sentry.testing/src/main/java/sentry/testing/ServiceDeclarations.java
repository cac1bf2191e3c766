package sentry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The {@code provides} clauses of a module and its {@code META-INF/services} files, which must name
 * the same providers so that the class path finds what the module path finds; for a module's
 * compiled classes (an exploded module) or its jar.
 */
public final class ServiceDeclarations {
  private static final String SERVICES = "META-INF/services/";

  private ServiceDeclarations() {}

  /**
   * Checks that the {@code provides} clauses of a module's descriptor and its {@code
   * META-INF/services} files name the same services with the same providers in the same order.
   *
   * @param module a jar or an exploded module, with a {@code module-info.class}
   * @return the module's descriptor, for further checks
   * @throws AssertionError when they differ, or when there is no module descriptor
   */
  public static ModuleDescriptor assertProvidesMatchServicesFiles(Path module) {
    ModuleDescriptor descriptor = descriptor(module);
    Map<String, List<String>> provides = provides(descriptor);
    Map<String, List<String>> files = servicesFiles(module);
    if (!provides.equals(files)) {
      throw new AssertionError("the provides clauses of " + descriptor.name() + " and its META-INF/services"
          + " files differ in " + module + ":\nprovides:          " + provides + "\nMETA-INF/services: " + files);
    }
    return descriptor;
  }

  /**
   * Checks that the module a provider class was loaded from provides exactly one service with
   * exactly that provider, in its descriptor and in its {@code META-INF/services} files alike.
   *
   * @param service the service, such as {@code sentry.api.Integration}
   * @param provider the one provider, loaded from the module's jar or classes folder
   * @return the module's descriptor, for further checks
   * @throws AssertionError when the module provides anything else, or the two declarations differ
   */
  public static ModuleDescriptor assertProvidesOnly(Class<?> service, Class<?> provider) {
    Path module = location(provider);
    ModuleDescriptor descriptor = assertProvidesMatchServicesFiles(module);
    Map<String, List<String>> expected = Map.of(service.getName(), List.of(provider.getName()));
    if (!provides(descriptor).equals(expected)) {
      throw new AssertionError(descriptor.name() + " in " + module + " provides " + provides(descriptor)
          + ": expected exactly " + expected);
    }
    return descriptor;
  }

  /**
   * Returns where a class was loaded from: its jar, or its classes folder.
   *
   * @param type a class
   * @return the jar or folder
   */
  public static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("no location for " + type, e);
    }
  }

  /**
   * Reads the module descriptor of a jar or an exploded module.
   *
   * @param module the jar or folder
   * @return its descriptor
   * @throws AssertionError when it has no {@code module-info.class} (a plain jar or folder)
   */
  public static ModuleDescriptor descriptor(Path module) {
    if (Files.isDirectory(module) && !Files.isRegularFile(module.resolve("module-info.class"))) {
      throw new AssertionError(module + " has no module-info.class");
    }
    ModuleDescriptor descriptor = ModuleFinder.of(module).findAll().stream().findFirst()
        .map(ModuleReference::descriptor)
        .orElseThrow(() -> new AssertionError("no module in " + module));
    if (descriptor.isAutomatic()) {
      throw new AssertionError(module + " has no module-info.class: it is the automatic module " + descriptor.name());
    }
    return descriptor;
  }

  /**
   * Returns the {@code provides} clauses of a descriptor.
   *
   * @param descriptor the descriptor
   * @return service name to provider names, in the order declared
   */
  public static Map<String, List<String>> provides(ModuleDescriptor descriptor) {
    Map<String, List<String>> provides = new TreeMap<>();
    descriptor.provides().forEach(p -> provides.put(p.service(), p.providers()));
    return provides;
  }

  /**
   * Reads every {@code META-INF/services} file of a jar or classes folder.
   *
   * @param artifact the jar or folder
   * @return service name to provider names, comments and blank lines left out
   */
  public static Map<String, List<String>> servicesFiles(Path artifact) {
    Map<String, List<String>> services = new TreeMap<>();
    try {
      if (Files.isDirectory(artifact)) {
        Path dir = artifact.resolve(SERVICES);
        if (Files.isDirectory(dir)) {
          try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
              services.put(file.getFileName().toString(), providers(Files.readString(file)));
            }
          }
        }
      } else {
        try (JarFile jar = new JarFile(artifact.toFile())) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (!entry.isDirectory() && name.startsWith(SERVICES) && name.indexOf('/', SERVICES.length()) < 0) {
              String text = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
              services.put(name.substring(SERVICES.length()), providers(text));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + artifact, e);
    }
    return services;
  }

  private static List<String> providers(String text) {
    List<String> providers = new ArrayList<>();
    for (String line : text.split("\n")) {
      int comment = line.indexOf('#');
      String name = (comment < 0 ? line : line.substring(0, comment)).strip();
      if (!name.isEmpty()) {
        providers.add(name);
      }
    }
    return providers;
  }
}
