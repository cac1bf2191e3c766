package sentry.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import sentry.api.SentryOptions.BeforeBreadcrumbCallback;
import sentry.api.SentryOptions.BeforeSendCallback;
import sentry.api.SentryOptions.ErrorSampler;

/**
 * The options that decide what is sent and what it holds: sampling, the {@code beforeSend} and
 * {@code beforeBreadcrumb} callbacks, ignored exception types, in-app packages, personal data,
 * scrubbing, tags, breadcrumbs and the length of values. One link of {@link SentryOptions}' chain
 * (see {@link FreezableOptions}).
 */
abstract class FilterOptions extends FreezableOptions {
  /** Python's {@code DEFAULT_DENYLIST} (Relay's, and common framework cookie names). */
  static final List<String> DEFAULT_SCRUB_KEYS = List.of("password", "passwd", "secret", "api_key",
      "apikey", "auth", "credentials", "mysql_pwd", "privatekey", "private_key", "token", "session",
      "csrftoken", "sessionid", "x_csrftoken", "x_forwarded_for", "set_cookie", "cookie",
      "authorization", "proxy-authorization", "x_api_key", "aiohttp_session", "connect.sid",
      "csrf_token", "csrf", "_csrf", "_csrf_token", "PHPSESSID", "_session", "symfony",
      "user_session", "_xsrf", "XSRF-TOKEN");

  private double sampleRate = 1.0;
  private int maxBreadcrumbs = 100;
  private int maxValueLength = 8192;
  private @Nullable BeforeSendCallback beforeSend;
  private @Nullable BeforeBreadcrumbCallback beforeBreadcrumb;
  private final Set<String> ignoredExceptionTypes = new LinkedHashSet<>();
  private final List<String> inAppIncludes = new ArrayList<>();
  private final List<String> inAppExcludes = new ArrayList<>();
  private boolean sendDefaultPii;
  private ErrorSampler errorSampler;
  private boolean attachStacktrace;
  private final List<String> scrubKeys = new ArrayList<>(DEFAULT_SCRUB_KEYS);
  private final List<String> addedScrubKeys = new ArrayList<>();
  private final Map<String, String> tags = new LinkedHashMap<>();

  /** Makes the defaults. */
  FilterOptions() {
    super(false);
  }

  /**
   * Makes a frozen copy that shares no collection with {@code from}.
   *
   * @param from the options copied
   */
  FilterOptions(FilterOptions from) {
    super(true);
    sampleRate = from.sampleRate;
    maxBreadcrumbs = from.maxBreadcrumbs;
    maxValueLength = from.maxValueLength;
    beforeSend = from.beforeSend;
    beforeBreadcrumb = from.beforeBreadcrumb;
    ignoredExceptionTypes.addAll(from.ignoredExceptionTypes);
    inAppIncludes.addAll(from.inAppIncludes);
    inAppExcludes.addAll(from.inAppExcludes);
    sendDefaultPii = from.sendDefaultPii;
    errorSampler = from.errorSampler;
    attachStacktrace = from.attachStacktrace;
    scrubKeys.clear();
    scrubKeys.addAll(from.scrubKeys);
    addedScrubKeys.addAll(from.addedScrubKeys);
    tags.putAll(from.tags);
  }

  /**
   * Returns the sample rate.
   *
   * @return the share of events sent, from 0 to 1
   */
  public double getSampleRate() {
    return sampleRate;
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
    this.sampleRate = sampleRate;
  }

  /**
   * Returns the error sampler.
   *
   * @return the sampler, or null when {@link #getSampleRate() sampleRate} decides
   */
  public ErrorSampler getErrorSampler() {
    return errorSampler;
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
    this.errorSampler = errorSampler;
  }

  /**
   * Tells whether message events carry the capturing thread's stack.
   *
   * @return true when they do
   */
  public boolean isAttachStacktrace() {
    return attachStacktrace;
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
    this.attachStacktrace = attachStacktrace;
  }

  /**
   * Returns how many breadcrumbs a scope keeps.
   *
   * @return the number of breadcrumbs
   */
  public int getMaxBreadcrumbs() {
    return maxBreadcrumbs;
  }

  /**
   * Sets how many breadcrumbs a scope keeps, the newest. Default 100.
   *
   * @param maxBreadcrumbs from 0 to 1000
   */
  public void setMaxBreadcrumbs(int maxBreadcrumbs) {
    checkMutable("setMaxBreadcrumbs");
    this.maxBreadcrumbs = (int) check("maxBreadcrumbs", maxBreadcrumbs, 0, 1000);
  }

  /**
   * Returns the length at which long strings are cut.
   *
   * @return the longest string kept, in UTF-16 units
   */
  public int getMaxValueLength() {
    return maxValueLength;
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
    this.maxValueLength = (int) check("maxValueLength", maxValueLength, 1, Integer.MAX_VALUE);
  }

  /**
   * Returns the {@code beforeSend} callback.
   *
   * @return the callback, or null
   */
  public @Nullable BeforeSendCallback getBeforeSend() {
    return beforeSend;
  }

  /**
   * Sets a callback that sees every error event last, on the capturing thread, and may change or
   * drop it.
   *
   * @param beforeSend the callback, or null
   */
  public void setBeforeSend(@Nullable BeforeSendCallback beforeSend) {
    checkMutable("setBeforeSend");
    this.beforeSend = beforeSend;
  }

  /**
   * Returns the {@code beforeBreadcrumb} callback.
   *
   * @return the callback, or null
   */
  public @Nullable BeforeBreadcrumbCallback getBeforeBreadcrumb() {
    return beforeBreadcrumb;
  }

  /**
   * Sets a callback that sees every breadcrumb before it is added and may change or drop it.
   *
   * @param beforeBreadcrumb the callback, or null
   */
  public void setBeforeBreadcrumb(@Nullable BeforeBreadcrumbCallback beforeBreadcrumb) {
    checkMutable("setBeforeBreadcrumb");
    this.beforeBreadcrumb = beforeBreadcrumb;
  }

  /**
   * Ignores exceptions of a type and its subclasses: they are dropped and counted.
   *
   * @param type the exception type
   */
  public void addIgnoredExceptionForType(Class<? extends Throwable> type) {
    checkMutable("addIgnoredExceptionForType");
    ignoredExceptionTypes.add(type.getName());
  }

  /**
   * Ignores exceptions of a class, named in full, and its subclasses.
   *
   * @param className the fully qualified class name
   */
  public void addIgnoredExceptionForType(String className) {
    checkMutable("addIgnoredExceptionForType");
    ignoredExceptionTypes.add(checkName("ignoredExceptionsForType", className));
  }

  /**
   * Returns the names of the ignored exception types.
   *
   * @return an unmodifiable copy
   */
  public Set<String> getIgnoredExceptionsForType() {
    return Set.copyOf(ignoredExceptionTypes);
  }

  /**
   * Marks frames of classes in a package (and its sub-packages) as the application's.
   *
   * @param packagePrefix a package name, such as {@code com.example}
   */
  public void addInAppInclude(String packagePrefix) {
    checkMutable("addInAppInclude");
    inAppIncludes.add(checkName("inAppIncludes", packagePrefix));
  }

  /**
   * Returns the in-app package prefixes.
   *
   * @return an unmodifiable copy
   */
  public List<String> getInAppIncludes() {
    return List.copyOf(inAppIncludes);
  }

  /**
   * Marks frames of classes in a package (and its sub-packages) as not the application's.
   *
   * @param packagePrefix a package name, such as {@code com.example.generated}
   */
  public void addInAppExclude(String packagePrefix) {
    checkMutable("addInAppExclude");
    inAppExcludes.add(checkName("inAppExcludes", packagePrefix));
  }

  /**
   * Returns the package prefixes that are not in-app.
   *
   * @return an unmodifiable copy
   */
  public List<String> getInAppExcludes() {
    return List.copyOf(inAppExcludes);
  }

  /**
   * Tells whether personal data may be collected by the SDK itself.
   *
   * @return true when it may
   */
  public boolean isSendDefaultPii() {
    return sendDefaultPii;
  }

  /**
   * Lets the SDK collect personal data on its own (user IP, sensitive query values, secret-looking
   * arguments). Default off.
   *
   * @param sendDefaultPii true to allow it
   */
  public void setSendDefaultPii(boolean sendDefaultPii) {
    checkMutable("setSendDefaultPii");
    this.sendDefaultPii = sendDefaultPii;
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
    addedScrubKeys.add(checkName("scrubKeys", key));
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
  public void setScrubKeys(Collection<String> keys) {
    checkMutable("setScrubKeys");
    List<String> checked = new ArrayList<>(keys.size());
    for (String key : keys) {
      checked.add(checkName("scrubKeys", key));
    }
    scrubKeys.clear();
    scrubKeys.addAll(checked);
  }

  /**
   * Returns the event scrubber's denylist: the default or replaced list, then the added keys; less
   * the address keys added without {@code sendDefaultPii}.
   *
   * @return an unmodifiable copy
   */
  public List<String> getScrubKeys() {
    List<String> keys = new ArrayList<>(scrubKeys);
    keys.addAll(addedScrubKeys);
    return List.copyOf(keys);
  }

  /**
   * Sets a tag on every event.
   *
   * @param key the key
   * @param value the value
   */
  public void setTag(String key, String value) {
    checkMutable("setTag");
    tags.put(checkName("tags", key), value);
  }

  /**
   * Returns the tags set on every event.
   *
   * @return an unmodifiable copy
   */
  public Map<String, String> getTags() {
    return Map.copyOf(tags);
  }
}
