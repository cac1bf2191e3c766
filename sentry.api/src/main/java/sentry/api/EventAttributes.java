package sentry.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link SentryEvent} carries beside its identity, level, message and exceptions: where it
 * happened (release, environment, distribution, server, transaction, request, user) and the data
 * the scope and the SDK add (tags, extra, contexts, modules, fingerprint, breadcrumbs), each
 * collection made on first use. Package-private: users see these members on {@code SentryEvent},
 * as if declared there. Not thread-safe.
 */
abstract class EventAttributes {
  private String release;
  private String environment;
  private String dist;
  private String serverName;
  private String transaction;
  private String transactionSource;
  private Request request;
  private User user;
  private Map<String, String> tags;
  private Map<String, Object> extra;
  private Map<String, Map<String, Object>> contexts;
  private Map<String, String> modules;
  private List<String> fingerprint;
  private List<Breadcrumb> breadcrumbs;

  /** Makes an event without attributes. */
  EventAttributes() {}

  /**
   * Returns the release.
   *
   * @return the release, or null
   */
  public @Nullable String getRelease() {
    return release;
  }

  /**
   * Sets the release.
   *
   * @param release the release, or null
   */
  public void setRelease(@Nullable String release) {
    this.release = release;
  }

  /**
   * Returns the environment.
   *
   * @return the environment, or null
   */
  public @Nullable String getEnvironment() {
    return environment;
  }

  /**
   * Sets the environment.
   *
   * @param environment the environment, or null
   */
  public void setEnvironment(@Nullable String environment) {
    this.environment = environment;
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
   * Sets the distribution.
   *
   * @param dist the distribution, or null
   */
  public void setDist(@Nullable String dist) {
    this.dist = dist;
  }

  /**
   * Returns the server name.
   *
   * @return the server name, or null
   */
  public @Nullable String getServerName() {
    return serverName;
  }

  /**
   * Sets the server name.
   *
   * @param serverName the server name, or null
   */
  public void setServerName(@Nullable String serverName) {
    this.serverName = serverName;
  }

  /**
   * Returns the transaction name (the route or task the event happened in).
   *
   * @return the transaction, or null
   */
  public @Nullable String getTransaction() {
    return transaction;
  }

  /**
   * Sets the transaction name.
   *
   * @param transaction the transaction, or null
   */
  public void setTransaction(@Nullable String transaction) {
    this.transaction = transaction;
  }

  /**
   * Returns where the transaction name comes from, the protocol's {@code transaction_info.source}.
   *
   * @return {@code "route"}, {@code "url"}, {@code "custom"} and so on, or null when not known
   */
  public String getTransactionSource() {
    return transactionSource;
  }

  /**
   * Sets where the transaction name comes from.
   *
   * @param source {@code "route"} (a matched route), {@code "url"} (the raw path) or another
   *     source the protocol names; null for none
   */
  public void setTransactionSource(String source) {
    this.transactionSource = source;
  }

  /**
   * Returns the HTTP request the event happened in.
   *
   * @return the request, or null
   */
  public Request getRequest() {
    return request;
  }

  /**
   * Sets the HTTP request the event happened in; the web server integrations do.
   *
   * @param request the request, or null
   */
  public void setRequest(Request request) {
    this.request = request;
  }

  /**
   * Returns the user.
   *
   * @return the user, or null
   */
  public @Nullable User getUser() {
    return user;
  }

  /**
   * Sets the user.
   *
   * @param user the user, or null
   */
  public void setUser(@Nullable User user) {
    this.user = user;
  }

  /**
   * Returns the tags.
   *
   * @return the live map, never null
   */
  public Map<String, String> getTags() {
    if (tags == null) {
      tags = new LinkedHashMap<>();
    }
    return tags;
  }

  /**
   * Returns the extra data.
   *
   * @return the live map, never null
   */
  public Map<String, Object> getExtra() {
    if (extra == null) {
      extra = new LinkedHashMap<>();
    }
    return extra;
  }

  /**
   * Returns the contexts ({@code os}, {@code runtime}, {@code device} and the application's own),
   * each a map of values.
   *
   * @return the live map, never null
   */
  public Map<String, Map<String, Object>> getContexts() {
    if (contexts == null) {
      contexts = new LinkedHashMap<>();
    }
    return contexts;
  }

  /**
   * Returns the modules and libraries with their versions.
   *
   * @return the live map, never null
   */
  public Map<String, String> getModules() {
    if (modules == null) {
      modules = new LinkedHashMap<>();
    }
    return modules;
  }

  /**
   * Returns the fingerprint that groups this event.
   *
   * @return the live list, never null; empty for Sentry's default grouping
   */
  public List<String> getFingerprint() {
    if (fingerprint == null) {
      fingerprint = new ArrayList<>(0);
    }
    return fingerprint;
  }

  /**
   * Returns the breadcrumbs, oldest first.
   *
   * @return the live list, never null
   */
  public List<Breadcrumb> getBreadcrumbs() {
    if (breadcrumbs == null) {
      breadcrumbs = new ArrayList<>();
    }
    return breadcrumbs;
  }
}
