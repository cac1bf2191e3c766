/**
 * The implementation of the Sentry SDK: options from code, files, the environment and system
 * properties; DSN parsing; scopes and hubs; the event pipeline; JSON with jackson-core; envelopes;
 * the delivery engine with a bounded background queue; the transport it sends through is a
 * {@link sentry.api.transport.TransportProvider} found as a service, else the HTTP transport on
 * Apache HttpCore 5 built in here.
 *
 * <p>It exports nothing: applications use {@code sentry.api}, which finds this module as a
 * service. At {@code init} it discovers every {@link sentry.api.Integration} on the path.
 *
 * @uses sentry.api.Integration
 * @uses org.apache.logging.log4j.spi.Provider
 * @uses sentry.api.transport.TransportProvider
 * @provides sentry.api.spi.SentryBinding
 */
module sentry.core {
  // An automatic module: httpcore5 ships no module-info (it needs no SLF4J, unlike HttpClient 5).
  // Static, so that jlink, which refuses automatic modules, can link this module without it: the
  // built-in HttpCore transport is used only when the module is resolved (see Transports).
  requires static org.apache.httpcomponents.core5.httpcore5;
  requires com.fasterxml.jackson.core;
  // httpcore5 sets extended socket options through jdk.net.Sockets; as an automatic module it
  // cannot say so itself, so the module that brings it in names jdk.net for it. Not static: a
  // JDK module every runtime has, and without it an application that resolves httpcore5 (with
  // --add-modules ALL-MODULE-PATH, say) gets a NoClassDefFoundError on the SDK's I/O thread.
  requires jdk.net;
  requires org.apache.logging.log4j;
  requires sentry.api;

  uses org.apache.logging.log4j.spi.Provider;
  uses sentry.api.Integration;
  uses sentry.api.transport.TransportProvider;

  provides sentry.api.spi.SentryBinding with
      sentry.core.CoreBinding;
}
