package sentry.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The options that decide what is sent: sampling, callbacks, ignored types, in-app, privacy. */
final class FilterSettings {
  double sampleRate = 1.0;
  int maxBreadcrumbs = 100;
  int maxValueLength = 8192;
  SentryOptions.BeforeSendCallback beforeSend;
  SentryOptions.BeforeBreadcrumbCallback beforeBreadcrumb;
  final Set<String> ignoredExceptionTypes = new LinkedHashSet<>();
  final List<String> inAppIncludes = new ArrayList<>();
  final List<String> inAppExcludes = new ArrayList<>();
  boolean sendDefaultPii;
  SentryOptions.ErrorSampler errorSampler;
  boolean attachStacktrace;
  final List<String> scrubKeys = new ArrayList<>(DEFAULT_SCRUB_KEYS);
  final List<String> addedScrubKeys = new ArrayList<>();

  /** Python's {@code DEFAULT_DENYLIST} (Relay's, and common framework cookie names). */
  static final List<String> DEFAULT_SCRUB_KEYS = List.of("password", "passwd", "secret", "api_key",
      "apikey", "auth", "credentials", "mysql_pwd", "privatekey", "private_key", "token", "session",
      "csrftoken", "sessionid", "x_csrftoken", "x_forwarded_for", "set_cookie", "cookie",
      "authorization", "proxy-authorization", "x_api_key", "aiohttp_session", "connect.sid",
      "csrf_token", "csrf", "_csrf", "_csrf_token", "PHPSESSID", "_session", "symfony",
      "user_session", "_xsrf", "XSRF-TOKEN");
  final Map<String, String> tags = new LinkedHashMap<>();

  static int check(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "option " + option + " is " + value + ": expected a whole number from " + min + " to " + max);
    }
    return value;
  }

  static String checkName(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("option " + option + " got a blank name: expected a non-blank name");
    }
    return value.strip();
  }

  /** A copy that shares no collection with this one. */
  FilterSettings copy() {
    FilterSettings copy = new FilterSettings();
    copy.sampleRate = sampleRate;
    copy.maxBreadcrumbs = maxBreadcrumbs;
    copy.maxValueLength = maxValueLength;
    copy.beforeSend = beforeSend;
    copy.beforeBreadcrumb = beforeBreadcrumb;
    copy.ignoredExceptionTypes.addAll(ignoredExceptionTypes);
    copy.inAppIncludes.addAll(inAppIncludes);
    copy.inAppExcludes.addAll(inAppExcludes);
    copy.sendDefaultPii = sendDefaultPii;
    copy.errorSampler = errorSampler;
    copy.attachStacktrace = attachStacktrace;
    copy.scrubKeys.clear();
    copy.scrubKeys.addAll(scrubKeys);
    copy.addedScrubKeys.addAll(addedScrubKeys);
    copy.tags.putAll(tags);
    return copy;
  }
}
