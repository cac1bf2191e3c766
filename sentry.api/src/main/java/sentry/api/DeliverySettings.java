package sentry.api;

/** The options that decide how events are delivered: timeouts, queue, concurrency, proxy. */
final class DeliverySettings {
  long shutdownTimeoutMillis = 2_000;
  long flushTimeoutMillis = 15_000;
  int maxQueueSize = 100;
  int connectionTimeoutMillis = 5_000;
  int readTimeoutMillis = 5_000;
  int maxRequestsInFlight = 16;
  SentryOptions.Proxy proxy;

  static long check(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "option " + option + " is " + value + ": expected a whole number from " + min + " to " + max);
    }
    return value;
  }
}
