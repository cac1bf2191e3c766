package sentry.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The SDK's configuration. {@code Sentry.init} loads it from {@code sentry.properties}, {@code
 * SENTRY_*} environment variables and {@code sentry.*} system properties, then hands it to the
 * application's callback, which sees those values and may override them. Setter names follow the
 * official Sentry Java SDK.
 *
 * <p>Setters check their value at once and throw {@link IllegalArgumentException} naming the
 * option, the value and the rule, so a bad value fails {@code init}. Options are read-only once
 * {@code init} has returned. Not thread-safe.
 */
public final class SentryOptions {
  /** True for the immutable copy {@code init} takes ({@link #frozenCopy()}). */
  private final boolean frozen;
  private String dsn;
  private boolean enabled = true;
  private boolean debug;
  private String release;
  private String environment = "production";
  private String dist;
  private String serverName;
  private final FilterSettings filters;
  private final DeliverySettings delivery;
  private final IntegrationSettings integrations;
  private final TraceSettings trace;
  private boolean autoSessionTracking = true;
  private final LogSettings logs;

  /** Makes options with the defaults: no DSN, environment {@code production}. */
  public SentryOptions() {
    frozen = false;
    filters = new FilterSettings();
    delivery = new DeliverySettings();
    integrations = new IntegrationSettings();
    trace = new TraceSettings();
    logs = new LogSettings();
  }

  private SentryOptions(SentryOptions from) {
    frozen = true;
    dsn = from.dsn;
    enabled = from.enabled;
    debug = from.debug;
    release = from.release;
    environment = from.environment;
    dist = from.dist;
    serverName = from.serverName;
    autoSessionTracking = from.autoSessionTracking;
    filters = from.filters.copy();
    delivery = from.delivery.copy();
    integrations = from.integrations.copy();
    trace = from.trace.copy();
    logs = from.logs.copy();
  }

  /**
   * Returns an immutable copy of these options: what {@code Sentry.init} takes once the
   * configuration callback has returned, and what the SDK and its integrations read from then on
   * ({@link SentryClient#options()}, {@link IntegrationContext#options()}). Changing this object
   * later changes nothing in a running SDK. Every setter of the copy throws {@link
   * IllegalStateException}; its getters answer as this object's did when it was copied.
   *
   * @return the frozen copy; this object when it is frozen already
   */
  public SentryOptions frozenCopy() {
    return frozen ? this : new SentryOptions(this);
  }

  /**
   * Tells whether these options are a frozen copy ({@link #frozenCopy()}), whose setters throw.
   *
   * @return true for the options a running SDK reads
   */
  public boolean isFrozen() {
    return frozen;
  }

  private void checkMutable(String setter) {
    if (frozen) {
      throw new IllegalStateException("options are frozen: " + setter + " was called on the options of a running"
          + " SDK, which never change after init; set options in the Sentry.init callback");
    }
  }

  /**
   * Returns the DSN.
   *
   * @return the DSN, or null when none is set (the SDK then sends nothing)
   */
  public @Nullable String getDsn() {
    return dsn;
  }

  /**
   * Sets the DSN, {@code https://<public key>@<host>/<project id>}. Checked by {@code init}; an
   * empty DSN turns sending off.
   *
   * @param dsn the DSN, or null
   */
  public void setDsn(@Nullable String dsn) {
    checkMutable("setDsn");
    this.dsn = dsn;
  }

  /**
   * Tells whether the SDK is enabled.
   *
   * @return false when turned off
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Turns the SDK on or off; off, every call is a no-op. Default on.
   *
   * @param enabled false to turn it off
   */
  public void setEnabled(boolean enabled) {
    checkMutable("setEnabled");
    this.enabled = enabled;
  }

  /**
   * Tells whether the SDK logs detail about itself.
   *
   * @return true in debug mode
   */
  public boolean isDebug() {
    return debug;
  }

  /**
   * Makes the SDK log detail about itself (through Log4j's API, loggers {@code sentry.*}).
   *
   * @param debug true for detail
   */
  public void setDebug(boolean debug) {
    checkMutable("setDebug");
    this.debug = debug;
  }

  /**
   * Returns the release.
   *
   * @return the release, or null
   */
  public @Nullable String getRelease() {
    return release;
  }

  /**
   * Sets the release, such as {@code my-app@1.2.3}.
   *
   * @param release the release, or null
   */
  public void setRelease(@Nullable String release) {
    checkMutable("setRelease");
    this.release = release;
  }

  /**
   * Returns the environment.
   *
   * @return the environment; {@code production} by default
   */
  public String getEnvironment() {
    return environment;
  }

  /**
   * Sets the environment.
   *
   * @param environment the environment; null means {@code production}
   */
  public void setEnvironment(@Nullable String environment) {
    checkMutable("setEnvironment");
    this.environment = environment == null || environment.isBlank() ? "production" : environment;
  }

  /**
   * Returns the distribution.
   *
   * @return the distribution, or null
   */
  public @Nullable String getDist() {
    return dist;
  }

  /**
   * Sets the distribution (a build of a release).
   *
   * @param dist the distribution, or null
   */
  public void setDist(@Nullable String dist) {
    checkMutable("setDist");
    this.dist = dist;
  }

  /**
   * Returns the server name.
   *
   * @return the server name, or null to use the host name
   */
  public @Nullable String getServerName() {
    return serverName;
  }

  /**
   * Sets the server name; without one the SDK looks the host name up on its own thread.
   *
   * @param serverName the server name, or null
   */
  public void setServerName(@Nullable String serverName) {
    checkMutable("setServerName");
    this.serverName = serverName;
  }

  /**
   * Returns the sample rate.
   *
   * @return the share of events sent, from 0 to 1
   */
  public double getSampleRate() {
    return filters.sampleRate;
  }

  /**
   * Sets the share of error events sent. Default 1.
   *
   * @param sampleRate from 0 (none) to 1 (all)
   */
  public void setSampleRate(double sampleRate) {
    checkMutable("setSampleRate");
    if (!(sampleRate >= 0.0 && sampleRate <= 1.0)) {
      throw new IllegalArgumentException(
          "option sampleRate is " + sampleRate + ": expected a number from 0.0 to 1.0");
    }
    filters.sampleRate = sampleRate;
  }

  /**
   * Returns the error sampler.
   *
   * @return the sampler, or null when {@link #getSampleRate() sampleRate} decides
   */
  public ErrorSampler getErrorSampler() {
    return filters.errorSampler;
  }

  /**
   * Sets a callback that gives each error event its own sample rate (Python's {@code
   * error_sampler}); it wins over {@link #setSampleRate(double) sampleRate}. It runs once per
   * event, on the capturing thread, after {@code beforeSend} (as in Python, it sees the event as
   * it would be sent). A sampled-out event is counted as {@code sample_rate}. Default none.
   *
   * @param errorSampler the sampler, or null to let {@code sampleRate} decide
   */
  public void setErrorSampler(ErrorSampler errorSampler) {
    checkMutable("setErrorSampler");
    filters.errorSampler = errorSampler;
  }

  /**
   * Tells whether message events carry the capturing thread's stack.
   *
   * @return true when they do
   */
  public boolean isAttachStacktrace() {
    return filters.attachStacktrace;
  }

  /**
   * Gives message events ({@code captureMessage}, log records without a throwable) the stack of
   * the thread that captured them, in {@code threads.values[0].stacktrace}, ending at the caller
   * without the SDK's and the logging framework's frames; never exception events. The frames are
   * taken with {@link StackWalker} on the capturing thread and described on the SDK's thread. Default
   * off.
   *
   * @param attachStacktrace true to attach the stack
   */
  public void setAttachStacktrace(boolean attachStacktrace) {
    checkMutable("setAttachStacktrace");
    filters.attachStacktrace = attachStacktrace;
  }

  /**
   * Returns how many breadcrumbs a scope keeps.
   *
   * @return the number of breadcrumbs
   */
  public int getMaxBreadcrumbs() {
    return filters.maxBreadcrumbs;
  }

  /**
   * Sets how many breadcrumbs a scope keeps, the newest. Default 100.
   *
   * @param maxBreadcrumbs from 0 to 1000
   */
  public void setMaxBreadcrumbs(int maxBreadcrumbs) {
    checkMutable("setMaxBreadcrumbs");
    filters.maxBreadcrumbs = FilterSettings.check("maxBreadcrumbs", maxBreadcrumbs, 0, 1000);
  }

  /**
   * Returns the length at which long strings are cut.
   *
   * @return the longest string kept, in UTF-16 units
   */
  public int getMaxValueLength() {
    return filters.maxValueLength;
  }

  /**
   * Sets the length at which long strings are cut: messages, exception values, breadcrumb
   * messages, categories, types and data, extra and context values (keys too). A cut string keeps
   * its first characters and ends in {@code "..."}, within the length. Breadcrumbs, extras and
   * contexts are cut when they are added to a scope, so a scope never holds more; the rest when
   * the event is written. Tags keep Sentry's own limits (32 for keys, 200 for values). Default 8192.
   * Also {@code max-value-length} in {@code sentry.properties}, {@code SENTRY_MAX_VALUE_LENGTH},
   * {@code sentry.max-value-length}.
   *
   * @param maxValueLength at least 1
   * @throws IllegalArgumentException when it is not positive
   */
  public void setMaxValueLength(int maxValueLength) {
    checkMutable("setMaxValueLength");
    filters.maxValueLength = FilterSettings.check("maxValueLength", maxValueLength, 1, Integer.MAX_VALUE);
  }

  /**
   * Returns the {@code beforeSend} callback.
   *
   * @return the callback, or null
   */
  public @Nullable BeforeSendCallback getBeforeSend() {
    return filters.beforeSend;
  }

  /**
   * Sets a callback that sees every error event last, on the capturing thread, and may change or
   * drop it.
   *
   * @param beforeSend the callback, or null
   */
  public void setBeforeSend(@Nullable BeforeSendCallback beforeSend) {
    checkMutable("setBeforeSend");
    filters.beforeSend = beforeSend;
  }

  /**
   * Returns the {@code beforeBreadcrumb} callback.
   *
   * @return the callback, or null
   */
  public @Nullable BeforeBreadcrumbCallback getBeforeBreadcrumb() {
    return filters.beforeBreadcrumb;
  }

  /**
   * Sets a callback that sees every breadcrumb before it is added and may change or drop it.
   *
   * @param beforeBreadcrumb the callback, or null
   */
  public void setBeforeBreadcrumb(@Nullable BeforeBreadcrumbCallback beforeBreadcrumb) {
    checkMutable("setBeforeBreadcrumb");
    filters.beforeBreadcrumb = beforeBreadcrumb;
  }

  /**
   * Ignores exceptions of a type and its subclasses: they are dropped and counted.
   *
   * @param type the exception type
   */
  public void addIgnoredExceptionForType(Class<? extends Throwable> type) {
    checkMutable("addIgnoredExceptionForType");
    filters.ignoredExceptionTypes.add(type.getName());
  }

  /**
   * Ignores exceptions of a class, named in full, and its subclasses.
   *
   * @param className the fully qualified class name
   */
  public void addIgnoredExceptionForType(String className) {
    checkMutable("addIgnoredExceptionForType");
    filters.ignoredExceptionTypes.add(FilterSettings.checkName("ignoredExceptionsForType", className));
  }

  /**
   * Returns the names of the ignored exception types.
   *
   * @return an unmodifiable copy
   */
  public Set<String> getIgnoredExceptionsForType() {
    return Set.copyOf(filters.ignoredExceptionTypes);
  }

  /**
   * Marks frames of classes in a package (and its sub-packages) as the application's.
   *
   * @param packagePrefix a package name, such as {@code com.example}
   */
  public void addInAppInclude(String packagePrefix) {
    checkMutable("addInAppInclude");
    filters.inAppIncludes.add(FilterSettings.checkName("inAppIncludes", packagePrefix));
  }

  /**
   * Returns the in-app package prefixes.
   *
   * @return an unmodifiable copy
   */
  public List<String> getInAppIncludes() {
    return List.copyOf(filters.inAppIncludes);
  }

  /**
   * Marks frames of classes in a package (and its sub-packages) as not the application's.
   *
   * @param packagePrefix a package name, such as {@code com.example.generated}
   */
  public void addInAppExclude(String packagePrefix) {
    checkMutable("addInAppExclude");
    filters.inAppExcludes.add(FilterSettings.checkName("inAppExcludes", packagePrefix));
  }

  /**
   * Returns the package prefixes that are not in-app.
   *
   * @return an unmodifiable copy
   */
  public List<String> getInAppExcludes() {
    return List.copyOf(filters.inAppExcludes);
  }

  /**
   * Tells whether personal data may be collected by the SDK itself.
   *
   * @return true when it may
   */
  public boolean isSendDefaultPii() {
    return filters.sendDefaultPii;
  }

  /**
   * Lets the SDK collect personal data on its own (user IP, sensitive query values, secret-looking
   * arguments). Default off.
   *
   * @param sendDefaultPii true to allow it
   */
  public void setSendDefaultPii(boolean sendDefaultPii) {
    checkMutable("setSendDefaultPii");
    filters.sendDefaultPii = sendDefaultPii;
  }

  /**
   * Adds a key to the event scrubber's denylist: values under it become {@code [Filtered]} in
   * {@code extra}, contexts, the user (beyond id and user name), tags, breadcrumb data and request
   * data, at any depth. Keys match whatever their case and separators ({@code API-Key}, {@code
   * api_key} and {@code apiKey} are one key). Scrubbing happens when the event is written, on the
   * SDK's thread, after {@code beforeSend}; messages are not rewritten. Added keys stay when
   * {@link #setScrubKeys} replaces the default list, whichever is called first.
   *
   * @param key the key, such as {@code card_number}
   */
  public void addScrubKey(String key) {
    checkMutable("addScrubKey");
    filters.addedScrubKeys.add(FilterSettings.checkName("scrubKeys", key));
  }

  /**
   * Replaces the event scrubber's default denylist (not the keys given to {@link #addScrubKey}).
   * The default is Python's {@code DEFAULT_DENYLIST}:
   * {@code password}, {@code passwd}, {@code secret}, {@code api_key}, {@code apikey}, {@code auth},
   * {@code credentials}, {@code mysql_pwd}, {@code privatekey}, {@code private_key}, {@code token},
   * {@code session}, {@code csrftoken}, {@code sessionid}, {@code x_csrftoken}, {@code
   * x_forwarded_for}, {@code set_cookie}, {@code cookie}, {@code authorization}, {@code
   * proxy-authorization}, {@code x_api_key} and common framework session and CSRF cookie names.
   * Without {@link #setSendDefaultPii(boolean) sendDefaultPii} the address keys {@code
   * x_forwarded_for}, {@code x_real_ip}, {@code ip_address} and {@code remote_addr} are scrubbed
   * too (and the user's {@code ip_address} left out) whatever this list says. An empty list with
   * {@code sendDefaultPii} turns scrubbing off.
   *
   * @param keys the keys
   */
  public void setScrubKeys(java.util.Collection<String> keys) {
    checkMutable("setScrubKeys");
    List<String> checked = new java.util.ArrayList<>(keys.size());
    for (String key : keys) {
      checked.add(FilterSettings.checkName("scrubKeys", key));
    }
    filters.scrubKeys.clear();
    filters.scrubKeys.addAll(checked);
  }

  /**
   * Returns the event scrubber's denylist: the default or replaced list, then the added keys; less
   * the address keys added without {@code sendDefaultPii}.
   *
   * @return an unmodifiable copy
   */
  public List<String> getScrubKeys() {
    List<String> keys = new java.util.ArrayList<>(filters.scrubKeys);
    keys.addAll(filters.addedScrubKeys);
    return List.copyOf(keys);
  }

  /**
   * Tells whether the web server integrations count each request as a release-health session.
   *
   * @return true (the default) when request sessions are tracked
   */
  public boolean isAutoSessionTracking() {
    return autoSessionTracking;
  }

  /**
   * Turns release health for servers on or off: with a {@code release} set and this on (the
   * default), each request the {@code servlet} and {@code httpserver} integrations serve is a
   * session in request mode, sent as per-minute {@code sessions} aggregates. Properties key {@code
   * auto-session-tracking}, environment {@code SENTRY_AUTO_SESSION_TRACKING}.
   *
   * @param autoSessionTracking false to send no sessions
   */
  public void setAutoSessionTracking(boolean autoSessionTracking) {
    checkMutable("setAutoSessionTracking");
    this.autoSessionTracking = autoSessionTracking;
  }

  /**
   * Returns the outgoing requests that carry the trace: see {@link #setTracePropagationTargets}.
   *
   * @return the targets, unmodifiable; {@code [".*"]}, every URL, by default
   */
  public List<String> getTracePropagationTargets() {
    return trace.propagationTargets;
  }

  /**
   * Sets which outgoing requests the {@code stdlib} integration's HTTP wrappers add the {@code
   * sentry-trace} and {@code baggage} headers to: those whose full URL contains a match of one of
   * the targets, each a regular expression ({@code "^https://api\.example\.com/"}) or, when it is
   * not a valid one, a plain substring. An empty list sends the headers nowhere. Requests to the
   * DSN's host never get them. Properties key {@code trace-propagation-targets} (comma-separated),
   * environment {@code SENTRY_TRACE_PROPAGATION_TARGETS}.
   *
   * @param targets the targets
   * @throws IllegalArgumentException when a target is null or blank
   * @throws NullPointerException when {@code targets} is null
   */
  public void setTracePropagationTargets(java.util.Collection<String> targets) {
    checkMutable("setTracePropagationTargets");
    java.util.Objects.requireNonNull(targets, "targets must not be null");
    List<String> checked = new java.util.ArrayList<>(targets.size());
    for (String target : targets) {
      checked.add(FilterSettings.checkName("tracePropagationTargets", target));
    }
    trace.propagationTargets = List.copyOf(checked);
  }

  /**
   * Tells whether outgoing requests carry a W3C {@code traceparent} header too.
   *
   * @return false by default
   */
  public boolean isPropagateTraceparent() {
    return trace.propagateTraceparent;
  }

  /**
   * Adds a W3C {@code traceparent} header ({@code 00-<trace id>-<span id>-<flags>}) to the requests
   * that get {@code sentry-trace}, for services instrumented with OpenTelemetry rather than Sentry.
   * Default off. Properties key {@code propagate-traceparent}.
   *
   * @param propagateTraceparent true to add it
   */
  public void setPropagateTraceparent(boolean propagateTraceparent) {
    checkMutable("setPropagateTraceparent");
    trace.propagateTraceparent = propagateTraceparent;
  }

  /**
   * Sets a tag on every event.
   *
   * @param key the key
   * @param value the value
   */
  public void setTag(String key, String value) {
    checkMutable("setTag");
    filters.tags.put(FilterSettings.checkName("tags", key), value);
  }

  /**
   * Returns the tags set on every event.
   *
   * @return an unmodifiable copy
   */
  public Map<String, String> getTags() {
    return Map.copyOf(filters.tags);
  }

  /**
   * Returns how long {@code close()} and the shutdown hook wait for pending events.
   *
   * @return milliseconds
   */
  public long getShutdownTimeoutMillis() {
    return delivery.shutdownTimeoutMillis;
  }

  /**
   * Sets how long {@code close()} and the shutdown hook wait for pending events. Default 2000; 0
   * does not wait. What {@code close()} still finds queued when this time is over is written to the
   * outbox for the next process when there is one ({@link #setCacheDirPath}), which can take some
   * milliseconds more, and is otherwise dropped and counted as {@code network_error}.
   *
   * @param millis from 0 to 600000
   */
  public void setShutdownTimeoutMillis(long millis) {
    checkMutable("setShutdownTimeoutMillis");
    delivery.shutdownTimeoutMillis = DeliverySettings.check("shutdownTimeoutMillis", millis, 0, 600_000);
  }

  /**
   * Returns the default timeout of {@code flush}.
   *
   * @return milliseconds
   */
  public long getFlushTimeoutMillis() {
    return delivery.flushTimeoutMillis;
  }

  /**
   * Sets the default timeout of {@code flush}. Default 15000.
   *
   * @param millis from 0 to 600000
   */
  public void setFlushTimeoutMillis(long millis) {
    checkMutable("setFlushTimeoutMillis");
    delivery.flushTimeoutMillis = DeliverySettings.check("flushTimeoutMillis", millis, 0, 600_000);
  }

  /**
   * Returns how many envelopes may wait to be sent.
   *
   * @return the queue size
   */
  public int getMaxQueueSize() {
    return delivery.maxQueueSize;
  }

  /**
   * Sets how many envelopes may wait to be sent; further ones are dropped and counted. Default
   * 100.
   *
   * @param maxQueueSize from 1 to 100000
   */
  public void setMaxQueueSize(int maxQueueSize) {
    checkMutable("setMaxQueueSize");
    delivery.maxQueueSize = (int) DeliverySettings.check("maxQueueSize", maxQueueSize, 1, 100_000);
  }

  /**
   * Returns how many bytes of events may wait to be sent.
   *
   * @return bytes
   */
  public long getMaxQueueBytes() {
    return delivery.maxQueueBytes;
  }

  /**
   * Sets how many bytes of events, by a rough estimate of what each holds in memory (its messages,
   * its exceptions' messages, tags, extras and breadcrumbs), may be queued or in flight before
   * they are serialized and let go; further ones are dropped and counted as {@code queue_overflow}.
   * An event larger than the whole bound is kept only while nothing else is. With
   * {@code maxQueueSize}, it keeps the SDK's memory bounded whatever the application captures.
   * Default 8388608 (8 MiB). Key {@code max-queue-bytes} ({@code SENTRY_MAX_QUEUE_BYTES}).
   *
   * @param maxQueueBytes from 1024 to 1073741824
   */
  public void setMaxQueueBytes(long maxQueueBytes) {
    checkMutable("setMaxQueueBytes");
    delivery.maxQueueBytes = DeliverySettings.check("maxQueueBytes", maxQueueBytes, 1024, 1L << 30);
  }

  /**
   * Returns the connect timeout.
   *
   * @return milliseconds
   */
  public int getConnectionTimeoutMillis() {
    return delivery.connectionTimeoutMillis;
  }

  /**
   * Sets the connect timeout. Default 5000.
   *
   * @param millis from 1 to 600000
   */
  public void setConnectionTimeoutMillis(int millis) {
    checkMutable("setConnectionTimeoutMillis");
    delivery.connectionTimeoutMillis =
        (int) DeliverySettings.check("connectionTimeoutMillis", millis, 1, 600_000);
  }

  /**
   * Returns the read timeout.
   *
   * @return milliseconds
   */
  public int getReadTimeoutMillis() {
    return delivery.readTimeoutMillis;
  }

  /**
   * Sets how long to wait for Sentry's answer. Default 5000.
   *
   * @param millis from 1 to 600000
   */
  public void setReadTimeoutMillis(int millis) {
    checkMutable("setReadTimeoutMillis");
    delivery.readTimeoutMillis = (int) DeliverySettings.check("readTimeoutMillis", millis, 1, 600_000);
  }

  /**
   * Returns the deadline for a whole answer.
   *
   * @return milliseconds
   */
  public long getResponseTimeoutMillis() {
    return delivery.responseTimeoutMillis;
  }

  /**
   * Sets how long one envelope may take from the moment it is handed to the HTTP client until
   * Sentry's answer is read whole: connecting, sending, waiting and reading the answer's body.
   * Unlike the read timeout, which only bounds a silence, it also ends an answer that trickles in
   * or never ends. When it passes, the connection is dropped; the envelope counts as delivered if
   * the answer's status line had come and said so, else as not reached (kept in the outbox, or
   * {@code network_error}). Default 30000. Key {@code response-timeout-millis}
   * ({@code SENTRY_RESPONSE_TIMEOUT_MILLIS}).
   *
   * @param millis from 1 to 600000
   */
  public void setResponseTimeoutMillis(long millis) {
    checkMutable("setResponseTimeoutMillis");
    delivery.responseTimeoutMillis = DeliverySettings.check("responseTimeoutMillis", millis, 1, 600_000);
  }

  /**
   * Returns how much of an answer's body is read.
   *
   * @return bytes
   */
  public int getMaxResponseBodyBytes() {
    return delivery.maxResponseBodyBytes;
  }

  /**
   * Sets how many bytes of an answer's body are read at most. Sentry's answer is a short JSON
   * object; a longer body is not read on: the status already tells the outcome, and the connection
   * is dropped instead of kept alive. Default 65536. Key {@code max-response-body-bytes}
   * ({@code SENTRY_MAX_RESPONSE_BODY_BYTES}).
   *
   * @param bytes from 1 to 1073741824
   */
  public void setMaxResponseBodyBytes(int bytes) {
    checkMutable("setMaxResponseBodyBytes");
    delivery.maxResponseBodyBytes = (int) DeliverySettings.check("maxResponseBodyBytes", bytes, 1, 1 << 30);
  }

  /**
   * Returns how many requests may be in flight at once.
   *
   * @return the number of requests
   */
  public int getMaxRequestsInFlight() {
    return delivery.maxRequestsInFlight;
  }

  /**
   * Sets how many requests may be in flight at once over kept-alive connections. Default 16:
   * enough to keep delivering when Sentry is slow to answer, on one I/O thread.
   *
   * @param max from 1 to 64
   */
  public void setMaxRequestsInFlight(int max) {
    checkMutable("setMaxRequestsInFlight");
    delivery.maxRequestsInFlight = (int) DeliverySettings.check("maxRequestsInFlight", max, 1, 64);
  }

  /**
   * Returns the proxy.
   *
   * @return the proxy, or null for a direct connection
   */
  public @Nullable Proxy getProxy() {
    return delivery.proxy;
  }

  /**
   * Sends through an HTTP proxy. Its credentials are used by this SDK alone, never through the
   * JVM-wide {@link java.net.Authenticator}.
   *
   * @param proxy the proxy, or null for a direct connection
   */
  public void setProxy(@Nullable Proxy proxy) {
    checkMutable("setProxy");
    delivery.proxy = proxy;
  }

  /**
   * Tells whether the SDK reports its drops to Sentry.
   *
   * @return true by default
   */
  public boolean isSendClientReports() {
    return delivery.sendClientReports;
  }

  /**
   * Reports to Sentry how many events the SDK dropped, and why ({@code queue_overflow},
   * {@code ratelimit_backoff}, {@code network_error}, {@code sample_rate}, {@code before_send},
   * {@code event_processor}, {@code send_error}, {@code cache_overflow}), in client reports:
   * aggregated counts attached to envelopes that are sent anyway, and sent on their own by
   * {@code flush} and {@code close} when counts are waiting. Default on.
   *
   * @param sendClientReports false to keep the counts to the SDK
   */
  public void setSendClientReports(boolean sendClientReports) {
    checkMutable("setSendClientReports");
    delivery.sendClientReports = sendClientReports;
  }

  /**
   * Returns the directory of the offline outbox.
   *
   * @return the path, or null when there is no outbox (the default)
   */
  public @Nullable String getCacheDirPath() {
    return delivery.cacheDirPath;
  }

  /**
   * Keeps envelopes in an offline outbox under this directory: each envelope is written there
   * before it is sent and removed once Sentry has taken it or refused it for good; what the
   * network or Sentry did not take is sent again later, by this process or the next one that uses
   * the same directory and DSN, and what {@code close()} still finds queued when its timeout is
   * over is written there for the next one. While every request is in flight (Sentry slow or not
   * answering), queued envelopes are written there to wait for their turn instead of filling the
   * queue. Each DSN has its own sub-directory. Without it (the
   * default) the SDK never touches the disk. The directory is created on the SDK's own thread; if it
   * cannot be used, the SDK says so once and keeps envelopes in memory.
   *
   * @param cacheDirPath a directory path, or null or blank for no outbox
   * @throws IllegalArgumentException if this system does not accept the path
   */
  public void setCacheDirPath(@Nullable String cacheDirPath) {
    checkMutable("setCacheDirPath");
    delivery.cacheDirPath = DeliverySettings.checkPath("cacheDirPath", cacheDirPath);
  }

  /**
   * Returns how many envelopes the outbox keeps at most.
   *
   * @return the number of envelopes
   */
  public int getMaxCacheItems() {
    return delivery.maxCacheItems;
  }

  /**
   * Sets how many envelopes the outbox keeps at most; when it is full, the oldest are removed and
   * counted as {@code cache_overflow}. Default 30.
   *
   * @param maxCacheItems from 1 to 10000
   */
  public void setMaxCacheItems(int maxCacheItems) {
    checkMutable("setMaxCacheItems");
    delivery.maxCacheItems = (int) DeliverySettings.check("maxCacheItems", maxCacheItems, 1, 10_000);
  }

  /**
   * Returns how many bytes the outbox's files may take at most.
   *
   * @return bytes, compressed as stored
   */
  public long getMaxCacheSizeBytes() {
    return delivery.maxCacheSizeBytes;
  }

  /**
   * Sets how many bytes the outbox's files may take at most, compressed as they are stored; when
   * a new envelope would not fit, the oldest are removed and counted as {@code cache_overflow},
   * and an envelope larger than the whole bound is sent from memory only. Default 10 MiB.
   *
   * @param maxCacheSizeBytes from 1 to 1073741824 (1 GiB)
   */
  public void setMaxCacheSizeBytes(long maxCacheSizeBytes) {
    checkMutable("setMaxCacheSizeBytes");
    delivery.maxCacheSizeBytes =
        DeliverySettings.check("maxCacheSizeBytes", maxCacheSizeBytes, 1, 1L << 30);
  }

  /**
   * Returns the integrations passed explicitly.
   *
   * @return an unmodifiable copy
   */
  public List<Integration> getIntegrations() {
    return List.copyOf(integrations.explicit);
  }

  /**
   * Adds an integration; it replaces a discovered one with the same identifier.
   *
   * @param integration the integration
   */
  public void addIntegration(Integration integration) {
    checkMutable("addIntegration");
    integrations.explicit.add(integration);
  }

  /**
   * Tells whether integrations are discovered with {@link java.util.ServiceLoader}.
   *
   * @return true by default
   */
  public boolean isDefaultIntegrations() {
    return integrations.discover;
  }

  /**
   * Turns discovery of integrations on or off; off, only explicit ones are installed.
   *
   * @param defaultIntegrations false to install only explicit integrations
   */
  public void setDefaultIntegrations(boolean defaultIntegrations) {
    checkMutable("setDefaultIntegrations");
    integrations.discover = defaultIntegrations;
  }

  /**
   * Keeps a discovered integration from being installed.
   *
   * @param identifier its identifier, such as {@code "excepthook"}
   */
  public void addDisabledIntegration(String identifier) {
    checkMutable("addDisabledIntegration");
    integrations.disabled.add(FilterSettings.checkName("disabledIntegrations", identifier));
  }

  /**
   * Returns the identifiers of disabled integrations.
   *
   * @return an unmodifiable copy
   */
  public Set<String> getDisabledIntegrations() {
    return Set.copyOf(integrations.disabled);
  }

  /**
   * Adds an event processor that runs on every event, after the integrations' and the scope's.
   *
   * @param processor the processor
   */
  public void addEventProcessor(EventProcessor processor) {
    checkMutable("addEventProcessor");
    integrations.eventProcessors.add(processor);
  }

  /**
   * Returns the event processors added to the options.
   *
   * @return an unmodifiable copy
   */
  public List<EventProcessor> getEventProcessors() {
    return List.copyOf(integrations.eventProcessors);
  }

  /**
   * Tells whether structured logs are sent ({@code log} envelope items).
   *
   * @return false unless set
   */
  public boolean isEnableLogs() {
    return logs.enableLogs;
  }

  /**
   * Sends structured logs: records of the logging integrations at or above their log level, and
   * {@link Sentry#logger()}'s, batched (at most 100 per envelope, at least every 5 seconds, and at
   * {@code flush} and {@code close}).
   *
   * @param enableLogs true to send logs; false by default
   */
  public void setEnableLogs(boolean enableLogs) {
    checkMutable("setEnableLogs");
    logs.enableLogs = enableLogs;
  }

  /**
   * Returns the {@code beforeSendLog} callback.
   *
   * @return the callback, or null
   */
  public BeforeSendLogCallback getBeforeSendLog() {
    return logs.beforeSendLog;
  }

  /**
   * Sets a callback that sees every structured log before it is sent and may change or drop it.
   * It runs on the SDK's log thread, not on the thread that logged.
   *
   * @param beforeSendLog the callback, or null
   */
  public void setBeforeSendLog(BeforeSendLogCallback beforeSendLog) {
    checkMutable("setBeforeSendLog");
    logs.beforeSendLog = beforeSendLog;
  }

  /**
   * Returns how many structured logs wait to be sent at most.
   *
   * @return the bound; 1000 unless set
   */
  public int getMaxLogQueueSize() {
    return logs.maxLogQueueSize;
  }

  /**
   * Sets how many structured logs may wait to be sent; a log that finds the buffer full is dropped
   * and counted ({@code queue_overflow}, category {@code log_item}).
   *
   * @param maxLogQueueSize from 1 to 100,000
   * @throws IllegalArgumentException if out of range
   */
  public void setMaxLogQueueSize(int maxLogQueueSize) {
    checkMutable("setMaxLogQueueSize");
    logs.maxLogQueueSize = FilterSettings.check("maxLogQueueSize", maxLogQueueSize, 1, 100_000);
  }

  /** Changes or drops a structured log before it is sent. */
  @FunctionalInterface
  public interface BeforeSendLogCallback {
    /**
     * Changes or drops a log.
     *
     * @param log the log
     * @return the log to send (this one or a changed copy), or null to drop it (counted as {@code
     *     before_send}, category {@code log_item}); if the callback throws, the log is dropped and
     *     the failure logged
     */
    SentryLog execute(SentryLog log);
  }

  /** Changes or drops an error event just before it is queued. */
  @FunctionalInterface
  public interface BeforeSendCallback {
    /**
     * Changes or drops an event.
     *
     * @param event the event
     * @param hint the capture's hint, never null
     * @return the event to send, or null to drop it (counted as {@code before_send}); if the
     *     callback throws, the event is dropped and the failure logged
     */
    @Nullable SentryEvent execute(SentryEvent event, Hint hint);
  }

  /** Gives an error event its own sample rate ({@link #setErrorSampler}). */
  @FunctionalInterface
  public interface ErrorSampler {
    /**
     * Returns the share of events like this one to send.
     *
     * @param event the event, after {@code beforeSend}
     * @param hint the capture's hint, never null
     * @return from 0.0 (drop) to 1.0 (send); a value outside that range, NaN or a throw sends
     *     the event and logs a warning once per client
     */
    double sample(SentryEvent event, Hint hint);
  }

  /** Changes or drops a breadcrumb before it is added to the scope. */
  @FunctionalInterface
  public interface BeforeBreadcrumbCallback {
    /**
     * Changes or drops a breadcrumb.
     *
     * @param breadcrumb the breadcrumb
     * @param hint the hint, never null
     * @return the breadcrumb to add, or null to drop it; if the callback throws, the original
     *     breadcrumb is kept and the failure logged
     */
    @Nullable Breadcrumb execute(Breadcrumb breadcrumb, Hint hint);
  }

  /**
   * An HTTP proxy.
   *
   * @param host the proxy's host
   * @param port the proxy's port
   * @param user the user name, or null when the proxy needs none
   * @param password the password, or null; never shown by {@link #toString()}
   */
  public record Proxy(String host, int port, @Nullable String user, @Nullable String password) {
    /**
     * Checks the host and port.
     *
     * @param host the proxy's host
     * @param port the proxy's port
     * @param user the user name, or null when the proxy needs none
     * @param password the password, or null; never shown by {@link #toString()}
     * @throws IllegalArgumentException if the host is blank or the port out of range
     */
    public Proxy {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("option proxy has no host: expected a host name");
      }
      DeliverySettings.check("proxy port", port, 1, 65_535);
    }

    @Override
    public String toString() {
      return "Proxy[" + host + ":" + port + (user == null ? "" : ", user " + user + ", password ***") + "]";
    }
  }
}
