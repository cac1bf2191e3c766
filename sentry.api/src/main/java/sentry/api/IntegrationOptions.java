package sentry.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import sentry.api.SentryOptions.BeforeSendLogCallback;

/**
 * The options of integrations and of what they add: which integrations and event processors are
 * installed, structured logs, trace propagation and release-health sessions. One link of {@link
 * SentryOptions}' chain (see {@link FreezableOptions}).
 */
abstract class IntegrationOptions extends DeliveryOptions {
  /** The default trace propagation targets: every URL. */
  static final List<String> EVERY_URL = List.of(".*");

  private final List<Integration> explicit = new ArrayList<>();
  private boolean discover = true;
  private final Set<String> disabled = new LinkedHashSet<>();
  private final List<EventProcessor> eventProcessors = new ArrayList<>();
  private boolean enableLogs;
  private BeforeSendLogCallback beforeSendLog;
  private int maxLogQueueSize = 1000;
  private List<String> propagationTargets = EVERY_URL;
  private boolean propagateTraceparent;
  private boolean autoSessionTracking = true;

  /** Makes the defaults. */
  IntegrationOptions() {}

  /**
   * Makes a frozen copy that shares no collection with {@code from}.
   *
   * @param from the options copied
   */
  IntegrationOptions(IntegrationOptions from) {
    super(from);
    explicit.addAll(from.explicit);
    discover = from.discover;
    disabled.addAll(from.disabled);
    eventProcessors.addAll(from.eventProcessors);
    enableLogs = from.enableLogs;
    beforeSendLog = from.beforeSendLog;
    maxLogQueueSize = from.maxLogQueueSize;
    propagationTargets = from.propagationTargets; // immutable
    propagateTraceparent = from.propagateTraceparent;
    autoSessionTracking = from.autoSessionTracking;
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
    return propagationTargets;
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
  public void setTracePropagationTargets(Collection<String> targets) {
    checkMutable("setTracePropagationTargets");
    Objects.requireNonNull(targets, "targets must not be null");
    List<String> checked = new ArrayList<>(targets.size());
    for (String target : targets) {
      checked.add(checkName("tracePropagationTargets", target));
    }
    this.propagationTargets = List.copyOf(checked);
  }

  /**
   * Tells whether outgoing requests carry a W3C {@code traceparent} header too.
   *
   * @return false by default
   */
  public boolean isPropagateTraceparent() {
    return propagateTraceparent;
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
    this.propagateTraceparent = propagateTraceparent;
  }

  /**
   * Returns the integrations passed explicitly.
   *
   * @return an unmodifiable copy
   */
  public List<Integration> getIntegrations() {
    return List.copyOf(explicit);
  }

  /**
   * Adds an integration; it replaces a discovered one with the same identifier.
   *
   * @param integration the integration
   */
  public void addIntegration(Integration integration) {
    checkMutable("addIntegration");
    explicit.add(integration);
  }

  /**
   * Tells whether integrations are discovered with {@link java.util.ServiceLoader}.
   *
   * @return true by default
   */
  public boolean isDefaultIntegrations() {
    return discover;
  }

  /**
   * Turns discovery of integrations on or off; off, only explicit ones are installed.
   *
   * @param defaultIntegrations false to install only explicit integrations
   */
  public void setDefaultIntegrations(boolean defaultIntegrations) {
    checkMutable("setDefaultIntegrations");
    this.discover = defaultIntegrations;
  }

  /**
   * Keeps a discovered integration from being installed.
   *
   * @param identifier its identifier, such as {@code "excepthook"}
   */
  public void addDisabledIntegration(String identifier) {
    checkMutable("addDisabledIntegration");
    disabled.add(checkName("disabledIntegrations", identifier));
  }

  /**
   * Returns the identifiers of disabled integrations.
   *
   * @return an unmodifiable copy
   */
  public Set<String> getDisabledIntegrations() {
    return Set.copyOf(disabled);
  }

  /**
   * Adds an event processor that runs on every event, after the integrations' and the scope's.
   *
   * @param processor the processor
   */
  public void addEventProcessor(EventProcessor processor) {
    checkMutable("addEventProcessor");
    eventProcessors.add(processor);
  }

  /**
   * Returns the event processors added to the options.
   *
   * @return an unmodifiable copy
   */
  public List<EventProcessor> getEventProcessors() {
    return List.copyOf(eventProcessors);
  }

  /**
   * Tells whether structured logs are sent ({@code log} envelope items).
   *
   * @return false unless set
   */
  public boolean isEnableLogs() {
    return enableLogs;
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
    this.enableLogs = enableLogs;
  }

  /**
   * Returns the {@code beforeSendLog} callback.
   *
   * @return the callback, or null
   */
  public BeforeSendLogCallback getBeforeSendLog() {
    return beforeSendLog;
  }

  /**
   * Sets a callback that sees every structured log before it is sent and may change or drop it.
   * It runs on the SDK's log thread, not on the thread that logged.
   *
   * @param beforeSendLog the callback, or null
   */
  public void setBeforeSendLog(BeforeSendLogCallback beforeSendLog) {
    checkMutable("setBeforeSendLog");
    this.beforeSendLog = beforeSendLog;
  }

  /**
   * Returns how many structured logs wait to be sent at most.
   *
   * @return the bound; 1000 unless set
   */
  public int getMaxLogQueueSize() {
    return maxLogQueueSize;
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
    this.maxLogQueueSize = (int) check("maxLogQueueSize", maxLogQueueSize, 1, 100_000);
  }
}
