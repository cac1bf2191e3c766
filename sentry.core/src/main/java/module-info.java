/**
 * The implementation of the Sentry SDK: options from code, files, the environment and system
 * properties; DSN parsing; scopes and hubs; the event pipeline; JSON with jackson-core; envelopes;
 * the delivery engine with a bounded background queue. The transport it sends through is a
 * {@link sentry.api.transport.TransportProvider} found as a service: {@code sentry.transport.jdk}
 * (which it brings at run time), {@code sentry.transport.httpcore}, or one of the user's.
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
  requires com.fasterxml.jackson.core;
  requires org.apache.logging.log4j;
  requires sentry.api;

  uses org.apache.logging.log4j.spi.Provider;
  uses sentry.api.Integration;
  uses sentry.api.transport.TransportProvider;

  provides sentry.api.spi.SentryBinding with
      sentry.core.CoreBinding;
}
