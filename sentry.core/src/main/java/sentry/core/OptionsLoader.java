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
import java.util.function.BiConsumer;
import java.util.function.Function;
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

  private static final List<String> PROXY_KEYS = List.of("host", "port", "user", "pass");
  /** Read by {@code sentry.core.transport.Transports} from the system property or the environment. */
  private static final String TRANSPORT_KEY = "transport";
  private static final Pattern SETTER_PREFIX = Pattern.compile("^option \\w+ (is [^:]*: |\"[^\"]*\" )");
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
  private static final SdkLog LOG = SdkLog.get("sentry.core.options");

  private final OptionSources sources;

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
    Set<String> keys = new TreeSet<>(KEYS.keySet());
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
      } else if (KEYS.containsKey(key)) {
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
      KEYS.get(setting.key()).accept(options, value);
    } catch (IllegalArgumentException e) {
      String shown = setting.key().equals("dsn") ? Dsn.masked(value) : value;
      throw new IllegalArgumentException(source.invalid(setting.written(), shown, rule(e)), e);
    }
  }

  private static void unknown(OptionSource source, OptionSource.Setting setting, List<String> warnings) {
    List<String> known = new ArrayList<>(KEYS.keySet());
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
      options.setProxy(new SentryOptions.Proxy(host, number(port, Integer::parseInt),
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

  private static <T> T number(String value, Function<String, T> parser) {
    try {
      return parser.apply(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number");
    }
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
