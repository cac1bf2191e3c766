/**
 * The {@code stdlib} integration: breadcrumbs for outgoing HTTP requests and for started
 * subprocesses, and the trace passed on to both (Python's {@code StdlibIntegration}).
 *
 * <p>The JDK has no hook for either, so each client takes one explicit line:
 * {@link sentry.integration.stdlib.SentryHttp#wrap(java.net.http.HttpClient)} for the JDK's
 * {@code HttpClient}, {@link sentry.integration.stdlib.SentryHttp#open(java.net.URL)} for
 * {@code HttpURLConnection}, {@link sentry.integration.stdlib.SentryExecChainHandler} and
 * {@link sentry.integration.stdlib.SentryAsyncExecChainHandler} for Apache HttpClient 5, and
 * {@link sentry.integration.stdlib.SentryProcess#start(ProcessBuilder)} for subprocesses.
 * {@code Sentry.init} finds the integration itself; without it on the current client every entry
 * point passes straight through.
 *
 * <p>Apache HttpClient 5 is optional: only the two handler classes use it, so an application
 * that does not use it needs neither the library nor its SLF4J.
 *
 * @provides sentry.api.Integration the {@code stdlib} integration
 */
module sentry.integration.stdlib {
  // Optional, and automatic modules (no module-info). Not transitive, although the two HttpClient 5
  // handlers implement its interfaces: javac would then demand HttpClient 5 from every module that
  // compiles against this one. An application that uses the handlers requires HttpClient 5 itself.
  requires static org.apache.httpcomponents.client5.httpclient5;
  requires static org.apache.httpcomponents.core5.httpcore5;

  // Transitive because their types show in this module's API: SentryHttp.wrap takes and returns
  // an HttpClient, and StdlibIntegration is a sentry.api.Integration.
  requires transitive java.net.http;
  requires transitive sentry.api;

  exports sentry.integration.stdlib;

  provides sentry.api.Integration with
      sentry.integration.stdlib.StdlibIntegration;
}
