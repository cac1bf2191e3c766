/**
 * The {@code httpserver} integration: {@link sentry.integration.httpserver.SentryHttpServerFilter},
 * a filter for the JDK's {@code com.sun.net.httpserver} that serves each request in a fresh copy
 * of the main hub, adds the request to every event captured meanwhile, reports an exception that
 * escapes the handler, and counts each request as a release-health session.
 *
 * <p>Put this module on the module path (or its jar on the class path) and add the filter to each
 * context: {@code context.getFilters().add(new SentryHttpServerFilter())}. Construct {@link
 * sentry.integration.httpserver.HttpServerIntegration} yourself to change its options.
 *
 * @provides sentry.api.Integration the {@code httpserver} integration
 */
module sentry.integration.httpserver {
  // Transitive: the exported integration implements sentry.api.Integration.
  requires transitive sentry.api;
  // Transitive: the exported filter extends com.sun.net.httpserver.Filter.
  requires transitive jdk.httpserver;

  exports sentry.integration.httpserver;

  provides sentry.api.Integration with
      sentry.integration.httpserver.HttpServerIntegration;
}
