/**
 * The {@code servlet} integration for Jakarta Servlet 6.0 containers (Tomcat 10.1, Jetty 12 ee10
 * and later): {@link sentry.integration.servlet.SentryServletFilter} serves each request in a
 * fresh copy of the main hub, also across asynchronous processing, adds the request to every event
 * captured meanwhile, reports an exception that escapes the application, and counts each request
 * as a release-health session.
 *
 * <p>In a container that runs {@code ServletContainerInitializer}s (a WAR in Tomcat or Jetty), the
 * jar on the web application's class path is all it takes: {@link
 * sentry.integration.servlet.SentryServletContainerInitializer} registers the filter for every
 * request and dispatch type. In an embedded server, add the filter with one line.
 *
 * @provides sentry.api.Integration the {@code servlet} integration
 * @provides jakarta.servlet.ServletContainerInitializer registers the filter in every web application
 */
module sentry.integration.servlet {
  // Transitive: the exported integration implements sentry.api.Integration.
  requires transitive sentry.api;
  // Transitive: the exported filter implements jakarta.servlet.Filter.
  requires transitive jakarta.servlet;

  exports sentry.integration.servlet;

  provides jakarta.servlet.ServletContainerInitializer with
      sentry.integration.servlet.SentryServletContainerInitializer;
  provides sentry.api.Integration with
      sentry.integration.servlet.ServletIntegration;
}
