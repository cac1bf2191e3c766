package sentry.transport.httpcore;

import java.net.URI;
import java.time.Duration;
import sentry.api.SentryOptions;
import sentry.api.transport.TransportConfig;

/** Transport configurations for tests: short timeouts, a fixed auth header and User-Agent. */
final class TestConfig {
  static final String AUTH = "Sentry sentry_version=7, sentry_client=sentry.java.modular/0.1.0, sentry_key=public";
  static final String USER_AGENT = "sentry.java.modular/0.1.0";

  private TestConfig() {}

  static TransportConfig of(URI endpoint, int maxRequestsInFlight) {
    return of(endpoint, null, maxRequestsInFlight);
  }

  static TransportConfig of(URI endpoint, SentryOptions.Proxy proxy, int maxRequestsInFlight) {
    return of(endpoint, proxy, Duration.ofSeconds(20), maxRequestsInFlight);
  }

  static TransportConfig of(URI endpoint, SentryOptions.Proxy proxy, Duration readTimeout, int maxRequestsInFlight) {
    return new TransportConfig(endpoint, AUTH, USER_AGENT, Duration.ofSeconds(2), readTimeout, proxy,
        maxRequestsInFlight, Duration.ofSeconds(30), 64 * 1024);
  }
}
