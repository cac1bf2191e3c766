package sentry.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import sentry.api.SentryOptions;
import sentry.core.log.SdkLog;

/**
 * Loads options in order, each source overriding the one before: defaults, {@code
 * sentry.properties}, {@code SENTRY_*} environment variables, {@code sentry.*} system properties.
 * Keys are the official Java SDK's ({@code dsn}, {@code sample-rate}, {@code proxy.host}, {@code
 * tags.<name>} …), one spelling each; the environment spells them upper case with {@code _}
 * ({@code SENTRY_SAMPLE_RATE}). Where the file is read from: see {@link OptionSources}.
 *
 * <p>A bad value throws at {@code init}, naming the source as the user wrote it ({@code
 * SENTRY_SAMPLE_RATE=2: expected a number from 0.0 to 1.0}). An unknown key is a warning, with
 * the nearest known key ({@code did you mean 'sample-rate'?}); other spellings of a key ({@code
 * sampleRate}, {@code sample_rate}) are suggested, not accepted. Not warned about, because other
 * tools share the namespaces: dotted names other than {@code tags.*} and {@code proxy.*} (sentry-cli's
 * {@code defaults.org} in the same file, {@code -Dsentry.something.else}), and {@code SENTRY_*}
 * variables that are not within reach of a known key ({@code SENTRY_AUTH_TOKEN}, {@code SENTRY_ORG}).
 */
final class OptionsLoader {
  /** The known keys but {@code proxy.*} and {@code tags.*}; {@link #set} applies each. */
  private static final List<String> KEYS = List.of(
      "dsn", "enabled", "debug", "release", "environment", "dist", "servername", "sample-rate",
      "max-breadcrumbs", "max-value-length", "send-default-pii", "auto-session-tracking",
      "in-app-includes", "in-app-excludes", "ignored-exceptions-for-type", "shutdown-timeout-millis",
      "flush-timeout-millis", "max-queue-size", "max-queue-bytes", "connection-timeout-millis",
      "read-timeout-millis", "response-timeout-millis", "max-response-body-bytes",
      "max-requests-in-flight", "send-client-reports", "cache-dir-path", "cache-dir",
      "max-cache-items", "max-cache-size-bytes", "default-integrations", "disabled-integrations",
      "attach-stacktrace", "scrub-keys", "additional-scrub-keys", "enable-logs", "max-log-queue-size",
      "trace-propagation-targets", "propagate-traceparent");

  private static final List<String> PROXY_KEYS = List.of("host", "port", "user", "pass");
  /** Read by {@code sentry.core.transport.Transports} from the system property or the environment. */
  private static final String TRANSPORT_KEY = "transport";
  private static final Pattern SETTER_PREFIX = Pattern.compile("^option \\w+ (is [^:]*: |\"[^\"]*\" )");
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
  private static final SdkLog LOG = SdkLog.get("sentry.core.options");

  private final OptionSources sources;

  /**
   * Applies the value of a known key. A switch rather than a table of lambdas: {@code init} reads
   * the options in every process, and each lambda is one more class to spin at start.
   */
  private static void set(SentryOptions options, String key, String value) {
    switch (key) {
      case "dsn" -> options.setDsn(value);
      case "enabled" -> options.setEnabled(bool(value));
      case "debug" -> options.setDebug(bool(value));
      case "release" -> options.setRelease(value);
      case "environment" -> options.setEnvironment(value);
      case "dist" -> options.setDist(value);
      case "servername" -> options.setServerName(value);
      case "sample-rate" -> options.setSampleRate(doubleValue(value));
      case "max-breadcrumbs" -> options.setMaxBreadcrumbs(intValue(value));
      case "max-value-length" -> options.setMaxValueLength(intValue(value));
      case "send-default-pii" -> options.setSendDefaultPii(bool(value));
      case "auto-session-tracking" -> options.setAutoSessionTracking(bool(value));
      case "in-app-includes" -> list(value).forEach(options::addInAppInclude);
      case "in-app-excludes" -> list(value).forEach(options::addInAppExclude);
      case "ignored-exceptions-for-type" ->
          list(value).forEach(name -> options.addIgnoredExceptionForType(name));
      case "shutdown-timeout-millis" -> options.setShutdownTimeoutMillis(longValue(value));
      case "flush-timeout-millis" -> options.setFlushTimeoutMillis(longValue(value));
      case "max-queue-size" -> options.setMaxQueueSize(intValue(value));
      case "max-queue-bytes" -> options.setMaxQueueBytes(longValue(value));
      case "connection-timeout-millis" -> options.setConnectionTimeoutMillis(intValue(value));
      case "read-timeout-millis" -> options.setReadTimeoutMillis(intValue(value));
      case "response-timeout-millis" -> options.setResponseTimeoutMillis(longValue(value));
      case "max-response-body-bytes" -> options.setMaxResponseBodyBytes(intValue(value));
      case "max-requests-in-flight" -> options.setMaxRequestsInFlight(intValue(value));
      case "send-client-reports" -> options.setSendClientReports(bool(value));
      // The official SDK's key, and the shorter SENTRY_CACHE_DIR / sentry.cache-dir spelling.
      case "cache-dir-path" -> options.setCacheDirPath(value);
      case "cache-dir" -> options.setCacheDirPath(value);
      case "max-cache-items" -> options.setMaxCacheItems(intValue(value));
      case "max-cache-size-bytes" -> options.setMaxCacheSizeBytes(longValue(value));
      case "default-integrations" -> options.setDefaultIntegrations(bool(value));
      case "disabled-integrations" -> list(value).forEach(options::addDisabledIntegration);
      case "attach-stacktrace" -> options.setAttachStacktrace(bool(value));
      // The event scrubber's denylist: replaced whole, or added to (the two keys do not interfere).
      case "scrub-keys" -> options.setScrubKeys(list(value));
      case "additional-scrub-keys" -> list(value).forEach(options::addScrubKey);
      case "enable-logs" -> options.setEnableLogs(bool(value));
      case "max-log-queue-size" -> options.setMaxLogQueueSize(intValue(value));
      // Traces across services: which outgoing requests carry sentry-trace and baggage, and traceparent.
      case "trace-propagation-targets" -> options.setTracePropagationTargets(list(value));
      case "propagate-traceparent" -> options.setPropagateTraceparent(bool(value));
      default -> throw new IllegalStateException("no setter for the known key " + key);
    }
  }

  OptionsLoader(Map<String, String> environment, Properties systemProperties, Path workingDirectory,
      ClassLoader classLoader) {
    this.sources = new OptionSources(environment, systemProperties, workingDirectory, classLoader);
  }

  static OptionsLoader fromProcess() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return new OptionsLoader(System.getenv(), System.getProperties(), Path.of(""),
        context != null ? context : OptionsLoader.class.getClassLoader());
  }

  /**
   * The options from every source, and the warnings about what they held.
   *
   * @param options the options
   * @param warnings one line per unknown key, in the order read
   */
  record Loaded(SentryOptions options, List<String> warnings) {}

  /**
   * Loads the options from every source.
   *
   * @return the options
   * @throws IllegalArgumentException naming the source, the key, the value and the rule
   */
  SentryOptions load() {
    return read().options();
  }

  /**
   * Loads the options from every source, with the warnings about unknown keys.
   *
   * @return the options and the warnings
   * @throws IllegalArgumentException naming the source, the key, the value and the rule
   */
  Loaded read() {
    SentryOptions options = new SentryOptions();
    List<String> warnings = new ArrayList<>();
    for (OptionSource source : sources.all()) {
      apply(options, source, warnings);
    }
    return new Loaded(options, List.copyOf(warnings));
  }

  /**
   * Returns every key the loader accepts, sorted; {@code tags.<name>} stands for any tag.
   *
   * @return the keys
   */
  static Set<String> keys() {
    Set<String> keys = new TreeSet<>(KEYS);
    PROXY_KEYS.forEach(key -> keys.add("proxy." + key));
    keys.add("tags.<name>");
    return keys;
  }

  /** Logs each warning once per process, through the SDK's diagnostics. */
  static void warnOnce(List<String> warnings) {
    for (String warning : warnings) {
      if (WARNED.add(warning)) {
        LOG.warn("{}", warning);
      }
    }
  }

  private static void apply(SentryOptions options, OptionSource source, List<String> warnings) {
    Map<String, OptionSource.Setting> proxy = new LinkedHashMap<>();
    for (OptionSource.Setting setting : source.settings()) {
      String key = setting.key();
      String value = setting.value().strip();
      if (key.startsWith("tags.")) {
        options.setTag(key.substring(5), value);
      } else if (key.startsWith("proxy.") && PROXY_KEYS.contains(key.substring(6))) {
        proxy.put(key.substring(6), setting);
      } else if (KEYS.contains(key)) {
        set(options, source, setting, value);
      } else if (key.equals(TRANSPORT_KEY) && source.kind() != OptionSource.Kind.FILE) {
        // -Dsentry.transport / SENTRY_TRANSPORT: read where the transport is chosen, not an option.
        continue;
      } else if (!key.contains(".") || key.startsWith("proxy.")) {
        unknown(source, setting, warnings);
      }
      // Any other dotted name belongs to another tool sharing the namespace.
    }
    if (!proxy.isEmpty()) {
      applyProxy(options, source, proxy);
    }
  }

  private static void set(SentryOptions options, OptionSource source, OptionSource.Setting setting,
      String value) {
    try {
      if (setting.key().equals("dsn") && !value.isEmpty()) {
        Dsn.parse(value);
      }
      set(options, setting.key(), value);
    } catch (IllegalArgumentException e) {
      String shown = setting.key().equals("dsn") ? Dsn.masked(value) : value;
      throw new IllegalArgumentException(source.invalid(setting.written(), shown, rule(e)), e);
    }
  }

  private static void unknown(OptionSource source, OptionSource.Setting setting, List<String> warnings) {
    List<String> known = new ArrayList<>(KEYS);
    PROXY_KEYS.forEach(key -> known.add("proxy." + key));
    String suggestion = KeySuggestions.nearest(setting.key(), known);
    // SENTRY_* is shared with sentry-cli and other SDKs: only a near miss is ours.
    if (suggestion != null || source.kind() != OptionSource.Kind.ENVIRONMENT) {
      warnings.add(source.unknown(setting, suggestion));
    }
  }

  /** The rule from a setter's message, without the "option x is y: " that the source replaces. */
  private static String rule(IllegalArgumentException e) {
    String message = String.valueOf(e.getMessage());
    return SETTER_PREFIX.matcher(message).replaceFirst("");
  }

  private static void applyProxy(SentryOptions options, OptionSource source,
      Map<String, OptionSource.Setting> proxy) {
    String host = value(proxy.get("host"));
    String port = proxy.containsKey("port") ? value(proxy.get("port")) : "80";
    try {
      options.setProxy(new SentryOptions.Proxy(host, intValue(port),
          value(proxy.get("user")), value(proxy.get("pass"))));
    } catch (IllegalArgumentException e) {
      String written = source.spell("proxy.host") + "=" + host + ", " + source.spell("proxy.port");
      throw new IllegalArgumentException(source.invalid(written, port, rule(e)), e);
    }
  }

  private static String value(OptionSource.Setting setting) {
    return setting == null ? null : setting.value().strip();
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

  private static int intValue(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number");
    }
  }

  private static long longValue(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number");
    }
  }

  private static double doubleValue(String value) {
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number");
    }
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
