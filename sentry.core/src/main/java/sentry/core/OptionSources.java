package sentry.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the sources of options, in the order they apply: {@code sentry.properties}, {@code
 * SENTRY_*} environment variables, {@code sentry.*} system properties.
 *
 * <p>The properties file is the one named by {@code SENTRY_PROPERTIES_FILE} (or the system
 * property {@code sentry.properties.file}), relative to the working directory; else {@code
 * sentry.properties} in the working directory; else {@code sentry.properties} at the root of the
 * class path (the context class loader's: in a jar, or in {@code src/main/resources}). Only the
 * first found is read. It is read as UTF-8.
 */
final class OptionSources {
  private final Map<String, String> environment;
  private final Properties systemProperties;
  private final Path workingDirectory;
  private final ClassLoader classLoader;

  OptionSources(Map<String, String> environment, Properties systemProperties, Path workingDirectory,
      ClassLoader classLoader) {
    this.environment = environment;
    this.systemProperties = systemProperties;
    this.workingDirectory = workingDirectory;
    this.classLoader = classLoader;
  }

  /**
   * Reads every source.
   *
   * @return the sources, the first to apply first
   * @throws IllegalArgumentException when a named properties file cannot be read
   */
  List<OptionSource> all() {
    List<OptionSource> all = new ArrayList<>(3);
    OptionSource file = propertiesFile();
    if (file != null) {
      all.add(file);
    }
    all.add(environmentSource());
    all.add(systemPropertySource());
    return all;
  }

  private OptionSource propertiesFile() {
    boolean fromEnvironment = environment.containsKey("SENTRY_PROPERTIES_FILE");
    String named = fromEnvironment ? environment.get("SENTRY_PROPERTIES_FILE")
        : systemProperties.getProperty("sentry.properties.file");
    if (named != null && !named.isBlank()) {
      Path path = workingDirectory.resolve(named.strip());
      if (!Files.isReadable(path)) {
        String setting = fromEnvironment ? "SENTRY_PROPERTIES_FILE" : "-Dsentry.properties.file";
        throw new IllegalArgumentException(setting + "=" + named.strip() + ": \"" + path
            + "\" is not a readable file: expected the path of a sentry.properties file");
      }
      return read(path);
    }
    Path local = workingDirectory.resolve("sentry.properties");
    if (Files.isReadable(local)) {
      return read(local);
    }
    URL resource = classLoader == null ? null : classLoader.getResource("sentry.properties");
    if (resource == null) {
      return null;
    }
    String location = "sentry.properties (" + resource + ")";
    Properties properties = new Properties();
    try (InputStream in = resource.openStream()) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(location + " cannot be read: " + e, e);
    }
    return fileSource(location, properties);
  }

  private static OptionSource read(Path path) {
    String location = path.getFileName() + " (" + path.toAbsolutePath().normalize().toUri() + ")";
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException(location + " cannot be read: " + e, e);
    }
    return fileSource(location, properties);
  }

  private static OptionSource fileSource(String location, Properties properties) {
    List<OptionSource.Setting> settings = new ArrayList<>();
    for (String name : new TreeSet<>(properties.stringPropertyNames())) {
      settings.add(new OptionSource.Setting(name, name, properties.getProperty(name)));
    }
    return new OptionSource(OptionSource.Kind.FILE, location, settings);
  }

  private OptionSource environmentSource() {
    List<OptionSource.Setting> settings = new ArrayList<>();
    for (Map.Entry<String, String> entry : new TreeMap<>(environment).entrySet()) {
      String name = entry.getKey();
      if (!name.startsWith("SENTRY_") || name.equals("SENTRY_PROPERTIES_FILE")) {
        continue;
      }
      String rest = name.substring(7);
      String key;
      if (rest.startsWith("TAGS_")) {
        key = "tags." + rest.substring(5).toLowerCase(Locale.ROOT);
      } else if (rest.startsWith("PROXY_")) {
        key = "proxy." + rest.substring(6).toLowerCase(Locale.ROOT);
      } else {
        key = rest.toLowerCase(Locale.ROOT).replace('_', '-');
      }
      settings.add(new OptionSource.Setting(key, name, entry.getValue()));
    }
    return new OptionSource(OptionSource.Kind.ENVIRONMENT, "environment", settings);
  }

  private OptionSource systemPropertySource() {
    List<OptionSource.Setting> settings = new ArrayList<>();
    for (String name : new TreeSet<>(systemProperties.stringPropertyNames())) {
      if (name.startsWith("sentry.") && !name.equals("sentry.properties.file")) {
        settings.add(new OptionSource.Setting(name.substring(7), name, systemProperties.getProperty(name)));
      }
    }
    return new OptionSource(OptionSource.Kind.SYSTEM_PROPERTIES, "system properties", settings);
  }
}
