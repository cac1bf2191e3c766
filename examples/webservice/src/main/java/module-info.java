/**
 * A small web service on the JDK's HTTP server, reporting to Sentry through the {@code httpserver}
 * integration. It requires {@code sentry.api} and the integration; {@code sentry.core} is found on
 * the module path as a service.
 */
module sentry.webservice {
  requires com.fasterxml.jackson.core;
  requires java.net.http;
  requires jdk.httpserver;
  requires sentry.api;
  requires sentry.integration.httpserver;
}
