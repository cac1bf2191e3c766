package sentry.api;

/**
 * The options that decide how events are delivered: timeouts, queue, concurrency, proxy, client
 * reports and the offline outbox.
 */
final class DeliverySettings {
  long shutdownTimeoutMillis = 2_000;
  long flushTimeoutMillis = 15_000;
  int maxQueueSize = 100;
  long maxQueueBytes = 8L << 20;
  int connectionTimeoutMillis = 5_000;
  int readTimeoutMillis = 5_000;
  int maxRequestsInFlight = 16;
  long responseTimeoutMillis = 30_000;
  int maxResponseBodyBytes = 64 * 1024;
  SentryOptions.Proxy proxy;
  boolean sendClientReports = true;
  String cacheDirPath;
  int maxCacheItems = 30;
  long maxCacheSizeBytes = 10L * 1024 * 1024;

  static long check(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "option " + option + " is " + value + ": expected a whole number from " + min + " to " + max);
    }
    return value;
  }

  static String checkPath(String option, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String path = value.strip();
    try {
      java.nio.file.Path.of(path);
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException("option " + option + " is \"" + path
          + "\": expected a directory path this system accepts (" + e.getReason() + ")", e);
    }
    return path;
  }

  /** A copy of these values. */
  DeliverySettings copy() {
    DeliverySettings copy = new DeliverySettings();
    copy.shutdownTimeoutMillis = shutdownTimeoutMillis;
    copy.flushTimeoutMillis = flushTimeoutMillis;
    copy.maxQueueSize = maxQueueSize;
    copy.maxQueueBytes = maxQueueBytes;
    copy.connectionTimeoutMillis = connectionTimeoutMillis;
    copy.readTimeoutMillis = readTimeoutMillis;
    copy.maxRequestsInFlight = maxRequestsInFlight;
    copy.responseTimeoutMillis = responseTimeoutMillis;
    copy.maxResponseBodyBytes = maxResponseBodyBytes;
    copy.proxy = proxy;
    copy.sendClientReports = sendClientReports;
    copy.cacheDirPath = cacheDirPath;
    copy.maxCacheItems = maxCacheItems;
    copy.maxCacheSizeBytes = maxCacheSizeBytes;
    return copy;
  }
}
