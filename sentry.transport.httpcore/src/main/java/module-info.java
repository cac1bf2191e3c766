/**
 * A transport on Apache HttpCore 5's asynchronous requester: HTTP/1.1 on one I/O thread, kept-alive
 * connections up to {@code maxRequestsInFlight}, gzip bodies, TLS that checks the certificate and
 * the host name, an HTTP proxy with Basic credentials (a {@code CONNECT} tunnel for https), the
 * response deadline and the body cap. Priority 10: with it on the path it is chosen over the
 * {@code jdk} transport. HttpCore is an automatic module, which {@code jlink} refuses: leave this
 * module out of a runtime image.
 *
 * <p>It exports nothing: {@code sentry.core} finds it as a service.
 *
 * @provides sentry.api.transport.TransportProvider
 */
module sentry.transport.httpcore {
  // An automatic module: httpcore5 ships no module-info (it needs no SLF4J, unlike HttpClient 5).
  requires org.apache.httpcomponents.core5.httpcore5;
  // httpcore5 sets extended socket options through jdk.net.Sockets; as an automatic module it
  // cannot say so itself, so the module that brings it in names jdk.net for it.
  requires jdk.net;
  requires sentry.api;

  provides sentry.api.transport.TransportProvider with
      sentry.transport.httpcore.HttpCoreTransportProvider;
}
