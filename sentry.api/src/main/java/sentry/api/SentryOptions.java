package sentry.api;

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
public final class SentryOptions extends IntegrationOptions {
  private @Nullable String dsn;
  private boolean enabled = true;
  private boolean debug;
  private @Nullable String release;
  private String environment = "production";
  private @Nullable String dist;
  private @Nullable String serverName;

  /** Makes options with the defaults: no DSN, environment {@code production}. */
  public SentryOptions() {}

  private SentryOptions(SentryOptions from) {
    super(from);
    dsn = from.dsn;
    enabled = from.enabled;
    debug = from.debug;
    release = from.release;
    environment = from.environment;
    dist = from.dist;
    serverName = from.serverName;
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
    return isFrozen() ? this : new SentryOptions(this);
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
      check("proxy port", port, 1, 65_535);
    }

    @Override
    public String toString() {
      return "Proxy[" + host + ":" + port + (user == null ? "" : ", user " + user + ", password ***") + "]";
    }
  }
}
