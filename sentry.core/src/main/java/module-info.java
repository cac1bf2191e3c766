/**
 * The implementation of the Sentry SDK: options from code, files, the environment and system
 * properties; DSN parsing; scopes and hubs; the event pipeline; JSON with jackson-core; envelopes;
 * and the HTTP transport on Apache HttpCore 5 with a bounded background queue.
 *
 * <p>It exports nothing: applications use {@code sentry.api}, which finds this module as a
 * service. At {@code init} it discovers every {@link sentry.api.Integration} on the path.
 *
 * @uses sentry.api.Integration
 * @uses org.apache.logging.log4j.spi.Provider
 * @provides sentry.api.spi.SentryBinding
 */
module sentry.core {
  requires com.fasterxml.jackson.core;
  // httpcore5 sets extended socket options through jdk.net.Sockets; as an automatic module it
  // cannot say so itself, so the module that brings it in resolves jdk.net for it.
  requires jdk.net;
  // An automatic module: httpcore5 ships no module-info (it needs no SLF4J, unlike HttpClient 5).
  requires org.apache.httpcomponents.core5.httpcore5;
  requires org.apache.logging.log4j;
  requires sentry.api;

  uses org.apache.logging.log4j.spi.Provider;
  uses sentry.api.Integration;

  provides sentry.api.spi.SentryBinding with
      sentry.core.CoreBinding;
}
