package sentry.api.transport;

/**
 * Makes a {@link Transport}: a service that {@code sentry.core} finds with
 * {@link java.util.ServiceLoader} ({@code provides sentry.api.transport.TransportProvider with ...}
 * in a module, or a {@code META-INF/services} file on the class path).
 *
 * <p>When several are found, the one with the highest {@link #priority()} is used, and on a tie
 * the first by {@link #name()}; with {@code debug} on, the SDK says which it chose. The SDK's own
 * are {@code jdk} ({@code sentry-transport-jdk}, on {@code java.net.http}) and, when none is
 * found, the HttpCore 5 transport built into {@code sentry-core}.
 */
public interface TransportProvider {
  /** Priorities at or above this are never used by the SDK's own providers: yours win. */
  int SDK_PRIORITY_CEILING = 100;

  /**
   * Returns a short name for the diagnostics, such as {@code jdk}.
   *
   * @return the name, never null
   */
  String name();

  /**
   * Returns this provider's rank: the highest wins. The default, {@value #SDK_PRIORITY_CEILING},
   * puts a provider of your own ahead of the SDK's.
   *
   * @return the rank
   */
  default int priority() {
    return SDK_PRIORITY_CEILING;
  }

  /**
   * Makes a transport for one client; it is closed when the client closes.
   *
   * @param config where and how to send
   * @return the transport, never null
   * @throws IllegalArgumentException when it cannot send to this endpoint
   */
  Transport create(TransportConfig config);
}
