package sentry.transport.jdk;

import sentry.api.transport.Transport;
import sentry.api.transport.TransportConfig;
import sentry.api.transport.TransportProvider;

/** Provides the {@code jdk} transport, {@link JdkTransport}, at priority {@value #PRIORITY}. */
public final class JdkTransportProvider implements TransportProvider {
  /**
   * Below the HttpCore transport of sentry.transport.httpcore (10), so used when that module is
   * absent (the default, and in a jlink image); below any provider of the user's.
   */
  static final int PRIORITY = 5;

  /** Makes the provider; {@link java.util.ServiceLoader} calls this. */
  public JdkTransportProvider() {}

  @Override
  public String name() {
    return "jdk";
  }

  @Override
  public int priority() {
    return PRIORITY;
  }

  @Override
  public Transport create(TransportConfig config) {
    return new JdkTransport(config);
  }
}
