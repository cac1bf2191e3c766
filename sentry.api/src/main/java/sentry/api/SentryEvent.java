package sentry.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An error event on its way to Sentry. Event processors and {@code beforeSend} may read and change
 * it on the thread that captured it; after that the SDK owns it.
 *
 * <p>An event made from a throwable keeps the throwable and turns its stack into protocol frames
 * only when {@link #getExceptions()} is first called, which the SDK does on its background thread
 * unless a callback asks earlier. The collections returned by the getters are live and may be
 * changed. Not thread-safe.
 */
public final class SentryEvent {
  private final SentryId eventId;
  private final long threadId;
  private final String threadName;
  private Instant timestamp;
  private Level level;
  private String logger;
  private Message message;
  private Throwable throwable;
  private Mechanism mechanism;
  private List<SentryException> exceptions;
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

  /** Makes an empty event with a new id, stamped now (to the millisecond), on the current thread. */
  public SentryEvent() {
    Thread thread = Thread.currentThread();
    this.eventId = SentryId.random();
    // Written in milliseconds: the millisecond clock costs the caller less than Instant.now().
    this.timestamp = Instant.ofEpochMilli(System.currentTimeMillis());
    this.threadId = thread.getId();
    this.threadName = thread.getName();
  }

  /**
   * Makes an event from a throwable, as a capture with the given mechanism would.
   *
   * @param throwable the throwable
   * @param mechanism how it was captured
   * @return a new event of level error (fatal when the mechanism says it was not handled is up to
   *     the caller)
   */
  public static SentryEvent fromThrowable(Throwable throwable, Mechanism mechanism) {
    SentryEvent event = new SentryEvent();
    event.setThrowable(throwable, mechanism);
    event.setLevel(Level.ERROR);
    return event;
  }

  /**
   * Returns the event id.
   *
   * @return the id
   */
  public SentryId getEventId() {
    return eventId;
  }

  /**
   * Returns the id of the thread the event was made on.
   *
   * @return the thread id
   */
  public long getThreadId() {
    return threadId;
  }

  /**
   * Returns the name of the thread the event was made on.
   *
   * @return the thread name
   */
  public String getThreadName() {
    return threadName;
  }

  /**
   * Returns when the event happened.
   *
   * @return the timestamp
   */
  public Instant getTimestamp() {
    return timestamp;
  }

  /**
   * Sets when the event happened.
   *
   * @param timestamp the timestamp
   */
  public void setTimestamp(Instant timestamp) {
    this.timestamp = timestamp;
  }

  /**
   * Returns the level.
   *
   * @return the level, or null to let Sentry use {@code error}
   */
  public @Nullable Level getLevel() {
    return level;
  }

  /**
   * Sets the level.
   *
   * @param level the level, or null
   */
  public void setLevel(@Nullable Level level) {
    this.level = level;
  }

  /**
   * Returns the name of the logger that made the event.
   *
   * @return the logger name, or null
   */
  public @Nullable String getLogger() {
    return logger;
  }

  /**
   * Sets the name of the logger that made the event.
   *
   * @param logger the logger name, or null
   */
  public void setLogger(@Nullable String logger) {
    this.logger = logger;
  }

  /**
   * Returns the message ({@code logentry}).
   *
   * @return the message, or null
   */
  public @Nullable Message getMessage() {
    return message;
  }

  /**
   * Sets the message ({@code logentry}).
   *
   * @param message the message, or null
   */
  public void setMessage(@Nullable Message message) {
    this.message = message;
  }

  /**
   * Returns the throwable the event was made from.
   *
   * @return the throwable, or null
   */
  public @Nullable Throwable getThrowable() {
    return throwable;
  }

  /**
   * Returns how the throwable was captured.
   *
   * @return the mechanism, or null when the event has no throwable
   */
  public @Nullable Mechanism getMechanism() {
    return mechanism;
  }

  /**
   * Sets the throwable and how it was captured; the exception list is made from it when first
   * asked for.
   *
   * @param throwable the throwable, or null for none
   * @param mechanism how it was captured, or null for {@link Mechanism#GENERIC}
   */
  public void setThrowable(@Nullable Throwable throwable, @Nullable Mechanism mechanism) {
    this.throwable = throwable;
    this.mechanism = mechanism;
    this.exceptions = null;
  }

  /**
   * Returns the exception chain, innermost cause first, made from the throwable on first call.
   *
   * @return the live list, empty when the event has no throwable
   */
  public List<SentryException> getExceptions() {
    if (exceptions == null) {
      exceptions =
          throwable == null
              ? new ArrayList<>(0)
              : new ArrayList<>(SentryRuntime.binding().describe(throwable, mechanism, threadId));
    }
    return exceptions;
  }

  /**
   * Tells whether the exception list has been made yet (a cheap check for serializers).
   *
   * @return true when {@link #getExceptions()} has been called or the list was set
   */
  public boolean hasDescribedExceptions() {
    return exceptions != null;
  }

  /**
   * Replaces the exception chain.
   *
   * @param exceptions the exceptions, innermost cause first
   */
  public void setExceptions(List<SentryException> exceptions) {
    this.exceptions = new ArrayList<>(exceptions);
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

  @Override
  public String toString() {
    return "SentryEvent[" + eventId + "]";
  }
}
