package sentry.core.transport;

import java.net.URI;
import java.time.Duration;
import sentry.api.SentryOptions;

/** Transport settings for tests: short connect timeout, generous read timeout. */
public final class TestSettings {
  public static final String AUTH = "Sentry sentry_version=7, sentry_client=sentry.java.modular/0.1.0, sentry_key=public";
  public static final String USER_AGENT = "sentry.java.modular/0.1.0";

  private TestSettings() {}

  public static TransportSettings of(URI endpoint, int maxQueueSize, int maxRequestsInFlight) {
    return of(endpoint, null, maxQueueSize, maxRequestsInFlight);
  }

  public static TransportSettings of(URI endpoint, SentryOptions.Proxy proxy, int maxQueueSize, int maxRequestsInFlight) {
    return new TransportSettings(endpoint, AUTH, USER_AGENT, Duration.ofSeconds(2), Duration.ofSeconds(20), proxy,
        maxQueueSize, maxRequestsInFlight);
  }
}
