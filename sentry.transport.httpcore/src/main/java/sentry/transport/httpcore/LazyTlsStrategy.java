package sentry.transport.httpcore;

import java.net.SocketAddress;
import java.util.function.Supplier;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * A TLS strategy made at the first TLS connection, on the I/O thread: loading the JVM's trust
 * store takes about 100 ms, which {@code init} need not pay, and an {@code http} DSN never pays.
 */
final class LazyTlsStrategy implements TlsStrategy {
  private final Supplier<TlsStrategy> factory;
  private volatile TlsStrategy delegate;

  LazyTlsStrategy(Supplier<TlsStrategy> factory) {
    this.factory = factory;
  }

  private TlsStrategy delegate() {
    TlsStrategy current = delegate;
    if (current == null) {
      synchronized (this) {
        current = delegate;
        if (current == null) {
          current = factory.get();
          delegate = current;
        }
      }
    }
    return current;
  }

  /** HttpCore's older entry point, still abstract in the interface; it forwards. */
  @Override
  @Deprecated
  @SuppressWarnings("deprecation")
  public boolean upgrade(TransportSecurityLayer session, HttpHost host, SocketAddress localAddress,
      SocketAddress remoteAddress, Object attachment, Timeout handshakeTimeout) {
    return delegate().upgrade(session, host, localAddress, remoteAddress, attachment, handshakeTimeout);
  }

  @Override
  public void upgrade(TransportSecurityLayer session, NamedEndpoint endpoint, Object attachment,
      Timeout handshakeTimeout, FutureCallback<TransportSecurityLayer> callback) {
    delegate().upgrade(session, endpoint, attachment, handshakeTimeout, callback);
  }
}
