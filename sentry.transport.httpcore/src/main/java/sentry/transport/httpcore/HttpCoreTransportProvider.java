package sentry.transport.httpcore;

import sentry.api.transport.Transport;
import sentry.api.transport.TransportConfig;
import sentry.api.transport.TransportProvider;

/**
 * Provides the {@code httpcore} transport, {@link HttpCoreTransport}, at priority
 * {@value #PRIORITY}.
 */
public final class HttpCoreTransportProvider implements TransportProvider {
  /** Above the {@code jdk} transport (5), below any provider of the user's (100 by default). */
  static final int PRIORITY = 10;

  /** Makes the provider; {@link java.util.ServiceLoader} calls this. */
  public HttpCoreTransportProvider() {}

  @Override
  public String name() {
    return "httpcore";
  }

  @Override
  public int priority() {
    return PRIORITY;
  }

  @Override
  public Transport create(TransportConfig config) {
    return new HttpCoreTransport(config);
  }
}
