package sentry.integration.modules;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.InvalidModuleDescriptorException;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * What a jar says about itself: its name and version, the libraries it bundles (a fat jar made by
 * maven-shade or Gradle Shadow keeps each one's {@code pom.properties}), and the jars its
 * manifest's {@code Class-Path} adds.
 *
 * @param name the Maven artifactId from the jar's {@code pom.properties}, else the file name
 *     without version and extension
 * @param version the version, or null when the jar gives none
 * @param classPath the jars named by the manifest's {@code Class-Path}, resolved against the jar's
 *     directory
 * @param bundled the artifactId and version of every other {@code pom.properties} in the jar, in
 *     entry order; empty for a plain jar
 */
record JarMetadata(String name, String version, List<Path> classPath, Map<String, String> bundled) {
  /** The version in a file name, as the JDK finds it for automatic modules: {@code -1.2…}. */
  private static final Pattern FILE_VERSION = Pattern.compile("-(\\d+(\\.|$))");
  private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");

  /**
   * Reads a jar. The version is the first of: the module descriptor's version, the manifest's
   * {@code Implementation-Version}, its {@code Bundle-Version}, the {@code pom.properties}
   * version, the version in the file name.
   *
   * @param path the jar
   * @return what it says
   * @throws IOException if it cannot be read as a jar
   */
  static JarMetadata read(Path path) throws IOException {
    String[] fileName = splitFileName(path.getFileName().toString());
    // Signatures are not checked (cheaper, and irrelevant here); versioned entries as at run time.
    try (JarFile jar = new JarFile(path.toFile(), false, ZipFile.OPEN_READ, Runtime.version())) {
      Manifest manifest = jar.getManifest();
      Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
      List<Properties> poms = pomProperties(jar);
      Optional<Properties> pom = own(poms, fileName[0]);
      String name = pom.map(p -> p.getProperty("artifactId")).filter(s -> !s.isBlank()).orElse(fileName[0]);
      String version = firstNonBlank(
          descriptorVersion(jar),
          main.getValue(Attributes.Name.IMPLEMENTATION_VERSION),
          main.getValue("Bundle-Version"),
          pom.map(p -> p.getProperty("version")).orElse(null),
          fileName[1]);
      Map<String, String> bundled = new LinkedHashMap<>();
      for (Properties other : poms) {
        String artifactId = other.getProperty("artifactId", "").strip();
        String otherVersion = other.getProperty("version", "").strip();
        if (pom.orElse(null) != other && !artifactId.isEmpty() && !otherVersion.isEmpty()) {
          bundled.putIfAbsent(artifactId, otherVersion);
        }
      }
      return new JarMetadata(name, version, manifestClassPath(path, main.getValue(Attributes.Name.CLASS_PATH)),
          Collections.unmodifiableMap(bundled));
    }
  }

  /**
   * Splits a jar's file name into name and version the way the JDK derives automatic module
   * names: the version starts at the first {@code -} followed by a digit and a dot (or the end).
   *
   * @param fileName such as {@code junit-jupiter-api-5.14.1.jar}
   * @return the name ({@code junit-jupiter-api}) and the version ({@code 5.14.1}, or null)
   */
  static String[] splitFileName(String fileName) {
    String base = fileName;
    int dot = base.lastIndexOf('.');
    if (dot > 0 && (base.regionMatches(true, dot, ".jar", 0, 4) || base.regionMatches(true, dot, ".zip", 0, 4))) {
      base = base.substring(0, dot);
    }
    Matcher matcher = FILE_VERSION.matcher(base);
    if (matcher.find() && matcher.start() > 0) {
      return new String[] {base.substring(0, matcher.start()), base.substring(matcher.start() + 1)};
    }
    return new String[] {base, null};
  }

  private static String descriptorVersion(JarFile jar) throws IOException {
    JarEntry entry = jar.getJarEntry("module-info.class");
    if (entry == null) {
      return null;
    }
    try (InputStream in = jar.getInputStream(entry)) {
      return ModuleDescriptor.read(in).rawVersion().orElse(null);
    } catch (InvalidModuleDescriptorException e) {
      return null;
    }
  }

  /** Every readable {@code pom.properties} of the jar, in entry order. */
  private static List<Properties> pomProperties(JarFile jar) throws IOException {
    List<JarEntry> entries = jar.stream().filter(e -> POM_PROPERTIES.matcher(e.getName()).matches()).toList();
    List<Properties> all = new ArrayList<>(entries.size());
    for (JarEntry entry : entries) {
      Properties properties = new Properties();
      try (InputStream in = jar.getInputStream(entry)) {
        properties.load(in);
      } catch (IllegalArgumentException malformed) {
        continue;
      }
      all.add(properties);
    }
    return all;
  }

  /**
   * The jar's own {@code pom.properties}: the only one, or, in a jar that bundles others (a shaded
   * jar), the one whose artifactId the file name starts with (the longest such).
   */
  private static Optional<Properties> own(List<Properties> poms, String fileName) {
    Properties chosen = null;
    for (Properties properties : poms) {
      String artifactId = properties.getProperty("artifactId", "");
      if (poms.size() == 1 || (!artifactId.isEmpty() && fileName.startsWith(artifactId))) {
        if (chosen == null || artifactId.length() > chosen.getProperty("artifactId", "").length()) {
          chosen = properties;
        }
      }
    }
    return Optional.ofNullable(chosen);
  }

  /** Resolves the space-separated relative URLs of a {@code Class-Path} against the jar's directory. */
  private static List<Path> manifestClassPath(Path jar, String classPath) {
    if (classPath == null || classPath.isBlank()) {
      return List.of();
    }
    Path directory = jar.toAbsolutePath().getParent();
    List<Path> paths = new ArrayList<>();
    for (String entry : classPath.trim().split("\\s+")) {
      try {
        URI uri = directory.toUri().resolve(entry);
        if ("file".equalsIgnoreCase(uri.getScheme())) {
          paths.add(Path.of(uri));
        }
      } catch (IllegalArgumentException e) {
        // Not a URL (raw spaces, say) or not a path: the JDK ignores such entries too.
      }
    }
    return paths;
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }
}
