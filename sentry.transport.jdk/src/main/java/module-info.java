/**
 * A transport on the JDK's own HTTP client ({@code java.net.http}): HTTP/1.1, gzip bodies, TLS
 * that checks the certificate and the host name, an HTTP proxy with Basic credentials, the
 * response deadline and the body cap. It needs no third-party module, so an application that
 * uses it can be linked into a runtime image with {@code jlink}.
 *
 * <p>It exports nothing: {@code sentry.core} finds it as a service.
 *
 * @provides sentry.api.transport.TransportProvider
 */
module sentry.transport.jdk {
  requires java.net.http;
  requires sentry.api;

  provides sentry.api.transport.TransportProvider with
      sentry.transport.jdk.JdkTransportProvider;
}
