package sentry.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Function;
import sentry.api.SentryOptions;

/**
 * Loads options in order, each source overriding the one before: defaults, {@code
 * sentry.properties}, {@code SENTRY_*} environment variables, {@code sentry.*} system properties.
 * Keys are the official Java SDK's ({@code dsn}, {@code sample-rate}, {@code proxy.host}, {@code
 * tags.<name>} …); the environment spells them upper case with {@code _} ({@code
 * SENTRY_SAMPLE_RATE}).
 *
 * <p>The properties file is the one named by {@code SENTRY_PROPERTIES_FILE} (or the system
 * property {@code sentry.properties.file}); else {@code sentry.properties} in the working
 * directory; else {@code sentry.properties} on the class path.
 */
final class OptionsLoader {
  private static final Map<String, BiConsumer<SentryOptions, String>> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("dsn", SentryOptions::setDsn);
    KEYS.put("enabled", (o, v) -> o.setEnabled(bool(v)));
    KEYS.put("debug", (o, v) -> o.setDebug(bool(v)));
    KEYS.put("release", SentryOptions::setRelease);
    KEYS.put("environment", SentryOptions::setEnvironment);
    KEYS.put("dist", SentryOptions::setDist);
    KEYS.put("servername", SentryOptions::setServerName);
    KEYS.put("sample-rate", (o, v) -> o.setSampleRate(number(v, Double::parseDouble)));
    KEYS.put("max-breadcrumbs", (o, v) -> o.setMaxBreadcrumbs(number(v, Integer::parseInt)));
    KEYS.put("max-value-length", (o, v) -> o.setMaxValueLength(number(v, Integer::parseInt)));
    KEYS.put("send-default-pii", (o, v) -> o.setSendDefaultPii(bool(v)));
    KEYS.put("auto-session-tracking", (o, v) -> o.setAutoSessionTracking(bool(v)));
    KEYS.put("in-app-includes", (o, v) -> list(v).forEach(o::addInAppInclude));
    KEYS.put("in-app-excludes", (o, v) -> list(v).forEach(o::addInAppExclude));
    KEYS.put("ignored-exceptions-for-type",
        (o, v) -> list(v).forEach(name -> o.addIgnoredExceptionForType(name)));
    KEYS.put("shutdown-timeout-millis",
        (o, v) -> o.setShutdownTimeoutMillis(number(v, Long::parseLong)));
    KEYS.put("flush-timeout-millis", (o, v) -> o.setFlushTimeoutMillis(number(v, Long::parseLong)));
    KEYS.put("max-queue-size", (o, v) -> o.setMaxQueueSize(number(v, Integer::parseInt)));
    KEYS.put("max-queue-bytes", (o, v) -> o.setMaxQueueBytes(number(v, Long::parseLong)));
    KEYS.put("connection-timeout-millis",
        (o, v) -> o.setConnectionTimeoutMillis(number(v, Integer::parseInt)));
    KEYS.put("read-timeout-millis", (o, v) -> o.setReadTimeoutMillis(number(v, Integer::parseInt)));
    KEYS.put("response-timeout-millis", (o, v) -> o.setResponseTimeoutMillis(number(v, Long::parseLong)));
    KEYS.put("max-response-body-bytes", (o, v) -> o.setMaxResponseBodyBytes(number(v, Integer::parseInt)));
    KEYS.put("max-requests-in-flight",
        (o, v) -> o.setMaxRequestsInFlight(number(v, Integer::parseInt)));
    KEYS.put("send-client-reports", (o, v) -> o.setSendClientReports(bool(v)));
    // The official SDK's key, and the shorter SENTRY_CACHE_DIR / sentry.cache-dir spelling.
    KEYS.put("cache-dir-path", SentryOptions::setCacheDirPath);
    KEYS.put("cache-dir", SentryOptions::setCacheDirPath);
    KEYS.put("max-cache-items", (o, v) -> o.setMaxCacheItems(number(v, Integer::parseInt)));
    KEYS.put("max-cache-size-bytes", (o, v) -> o.setMaxCacheSizeBytes(number(v, Long::parseLong)));
    KEYS.put("default-integrations", (o, v) -> o.setDefaultIntegrations(bool(v)));
    KEYS.put("disabled-integrations", (o, v) -> list(v).forEach(o::addDisabledIntegration));
    KEYS.put("attach-stacktrace", (o, v) -> o.setAttachStacktrace(bool(v)));
    // The event scrubber's denylist: replaced whole, or added to (the two keys do not interfere).
    KEYS.put("scrub-keys", (o, v) -> o.setScrubKeys(list(v)));
    KEYS.put("additional-scrub-keys", (o, v) -> list(v).forEach(o::addScrubKey));
    KEYS.put("enable-logs", (o, v) -> o.setEnableLogs(bool(v)));
    KEYS.put("max-log-queue-size", (o, v) -> o.setMaxLogQueueSize(number(v, Integer::parseInt)));
    // Traces across services: which outgoing requests carry sentry-trace and baggage, and traceparent.
    KEYS.put("trace-propagation-targets", (o, v) -> o.setTracePropagationTargets(list(v)));
    KEYS.put("propagate-traceparent", (o, v) -> o.setPropagateTraceparent(bool(v)));
  }

  private final Map<String, String> environment;
  private final Properties systemProperties;
  private final Path workingDirectory;
  private final ClassLoader classLoader;

  OptionsLoader(Map<String, String> environment, Properties systemProperties, Path workingDirectory,
      ClassLoader classLoader) {
    this.environment = environment;
    this.systemProperties = systemProperties;
    this.workingDirectory = workingDirectory;
    this.classLoader = classLoader;
  }

  static OptionsLoader fromProcess() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return new OptionsLoader(System.getenv(), System.getProperties(), Path.of(""),
        context != null ? context : OptionsLoader.class.getClassLoader());
  }

  /**
   * Loads the options from every source.
   *
   * @return the options
   * @throws IllegalArgumentException naming the source, the key, the value and the rule
   */
  SentryOptions load() {
    SentryOptions options = new SentryOptions();
    Source file = propertiesFile();
    if (file != null) {
      apply(options, file);
    }
    apply(options, environmentSource());
    apply(options, systemPropertySource());
    return options;
  }

  private record Source(String description, Map<String, String> values) {}

  private static void apply(SentryOptions options, Source source) {
    Map<String, String> proxy = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : source.values().entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue().strip();
      try {
        if (key.startsWith("tags.")) {
          options.setTag(key.substring(5), value);
        } else if (key.startsWith("proxy.")) {
          proxy.put(key.substring(6), value);
        } else if (KEYS.containsKey(key)) {
          KEYS.get(key).accept(options, value);
        }
      } catch (IllegalArgumentException e) {
        String shown = key.equals("dsn") ? Dsn.masked(value) : value;
        throw new IllegalArgumentException(
            source.description() + ": " + key + " = \"" + shown + "\" is invalid: " + e.getMessage(), e);
      }
    }
    if (!proxy.isEmpty()) {
      applyProxy(options, source, proxy);
    }
  }

  private static void applyProxy(SentryOptions options, Source source, Map<String, String> proxy) {
    String host = proxy.get("host");
    String port = proxy.getOrDefault("port", "80");
    try {
      options.setProxy(new SentryOptions.Proxy(host, number(port, Integer::parseInt),
          proxy.get("user"), proxy.get("pass")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source.description() + ": proxy.host = \"" + host
          + "\", proxy.port = \"" + port + "\" is invalid: " + e.getMessage(), e);
    }
  }

  private Source propertiesFile() {
    String named = environment.getOrDefault("SENTRY_PROPERTIES_FILE",
        systemProperties.getProperty("sentry.properties.file"));
    if (named != null && !named.isBlank()) {
      Path path = workingDirectory.resolve(named.strip());
      if (!Files.isReadable(path)) {
        throw new IllegalArgumentException("SENTRY_PROPERTIES_FILE names \"" + path
            + "\", which is not a readable file: expected the path of a sentry.properties file");
      }
      return read(path);
    }
    Path local = workingDirectory.resolve("sentry.properties");
    if (Files.isReadable(local)) {
      return read(local);
    }
    if (classLoader != null) {
      try (InputStream in = classLoader.getResourceAsStream("sentry.properties")) {
        if (in != null) {
          Properties properties = new Properties();
          properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
          return new Source("sentry.properties on the class path", toMap(properties, ""));
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("sentry.properties on the class path cannot be read: " + e, e);
      }
    }
    return null;
  }

  private static Source read(Path path) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("properties file \"" + path + "\" cannot be read: " + e, e);
    }
    return new Source("properties file \"" + path + "\"", toMap(properties, ""));
  }

  private Source environmentSource() {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : environment.entrySet()) {
      String name = entry.getKey();
      if (!name.startsWith("SENTRY_") || name.equals("SENTRY_PROPERTIES_FILE")) {
        continue;
      }
      String rest = name.substring(7);
      if (rest.startsWith("TAGS_")) {
        values.put("tags." + rest.substring(5).toLowerCase(Locale.ROOT), entry.getValue());
      } else if (rest.startsWith("PROXY_")) {
        values.put("proxy." + rest.substring(6).toLowerCase(Locale.ROOT), entry.getValue());
      } else {
        values.put(rest.toLowerCase(Locale.ROOT).replace('_', '-'), entry.getValue());
      }
    }
    return new Source("environment", values);
  }

  private Source systemPropertySource() {
    return new Source("system properties", toMap(systemProperties, "sentry."));
  }

  private static Map<String, String> toMap(Properties properties, String prefix) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(prefix) && !name.equals("sentry.properties.file")) {
        values.put(name.substring(prefix.length()), properties.getProperty(name));
      }
    }
    return values;
  }

  private static boolean bool(String value) {
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException("expected true or false");
  }

  private static <T> T number(String value, Function<String, T> parser) {
    try {
      return parser.apply(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number");
    }
  }

  private static java.util.List<String> list(String value) {
    return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
