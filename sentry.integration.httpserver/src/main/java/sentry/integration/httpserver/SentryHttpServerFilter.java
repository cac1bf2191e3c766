package sentry.integration.httpserver;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import sentry.api.Hub;
import sentry.api.SentryClient;
import sentry.api.internal.BodyRecorder;
import sentry.api.internal.RequestScope;
import sentry.api.internal.WebRequests;

/**
 * A filter for the JDK's HTTP server that gives Sentry what Python's WSGI middleware gives it:
 * add it to a context with {@code context.getFilters().add(new SentryHttpServerFilter())}.
 *
 * <p>For each request it binds a fresh copy of the main hub to the handling thread, and restores
 * the thread's own hub afterwards, also when the handler throws: nothing one request sets is seen
 * by the next on that thread. Every event captured meanwhile gets the request ({@code url}, {@code
 * method}, {@code query_string}, {@code headers}, {@code env}; cookies, {@code REMOTE_ADDR} and
 * {@code user.ip_address} only with {@code sendDefaultPii}), the body the handler read (see {@link
 * HttpServerIntegration#withMaxRequestBodySize}) and the transaction: the context's path, source
 * {@code route}, or for the root context the request path, source {@code url}; and the request's
 * trace, continued from its {@code sentry-trace} (else {@code traceparent}) and {@code baggage}
 * headers, or new. An exception that escapes the handler is captured (mechanism {@code
 * httpserver}, unhandled, level error) and rethrown unchanged. With a {@code release}, the request is a release-health session.
 *
 * <p>It does nothing, cheaply, when the SDK is not initialised or the {@link HttpServerIntegration}
 * is not installed; a second instance in the same chain passes through. Thread-safe and stateless.
 */
public final class SentryHttpServerFilter extends Filter {
  /** The request scope the calling thread is serving, so that a second instance passes through. */
  private static final ThreadLocal<RequestScope> ACTIVE = new ThreadLocal<>();

  /** Makes the filter; it reads its options from the installed {@link HttpServerIntegration}. */
  public SentryHttpServerFilter() {}

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Hub main = Hub.main();
    SentryClient client = main.client();
    Optional<HttpServerIntegration> installed =
        client.isEnabled() && ACTIVE.get() == null ? client.integration(HttpServerIntegration.class) : Optional.empty();
    if (installed.isEmpty()) {
      chain.doFilter(exchange);
      return;
    }
    HttpServerIntegration options = installed.get();
    BodyRecorder body = recordBody(exchange, options);
    boolean pii = client.options().isSendDefaultPii();
    RequestScope scope = RequestScope.start(main, "httpserver", () -> WebRequests.build(parts(exchange), body, pii),
        name -> header(exchange, name));
    String contextPath = exchange.getHttpContext().getPath();
    String path = exchange.getRequestURI().getRawPath();
    if (contextPath.equals("/")) {
      scope.transaction(path, "url");
    } else {
      scope.transaction(contextPath, "route");
    }
    ACTIVE.set(scope);
    Hub.Binding bound = scope.bind();
    try {
      chain.doFilter(exchange);
      scope.captureStatus(exchange.getResponseCode(), options.failedRequestStatusCodes(),
          exchange.getRequestMethod(), path);
    } catch (Throwable failure) {
      scope.captureUnhandled(failure);
      throw failure;
    } finally {
      // The pool thread's own hub first: whatever ending the request's session does, the next
      // request on this thread must not run with this one's hub.
      ACTIVE.remove();
      bound.close();
      scope.end();
    }
  }

  private static BodyRecorder recordBody(HttpExchange exchange, HttpServerIntegration options) {
    int limit = options.maxRequestBodySize().limit();
    if (limit == 0) {
      return null;
    }
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    long declared = -1;
    try {
      declared = length == null ? -1 : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      declared = -1;
    }
    BodyRecorder recorder = new BodyRecorder(limit, exchange.getRequestHeaders().getFirst("Content-Type"), declared);
    if (recorder.wanted()) {
      exchange.setStreams(new RecordingInputStream(exchange.getRequestBody(), recorder), null);
    }
    return recorder;
  }

  /** A request header's values joined with {@code ", "}, or null; names are matched ignoring case. */
  private static String header(HttpExchange exchange, String name) {
    List<String> values = exchange.getRequestHeaders().get(name);
    return values == null || values.isEmpty() ? null : String.join(", ", values);
  }

  private static WebRequests.Parts parts(HttpExchange exchange) {
    InetSocketAddress local = exchange.getLocalAddress();
    InetSocketAddress remote = exchange.getRemoteAddress();
    return new WebRequests.Parts(
        exchange.getHttpContext().getServer() instanceof HttpsServer ? "https" : "http",
        exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(),
        exchange.getRequestHeaders(),
        local.getHostString(),
        local.getPort(),
        remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress());
  }

  @Override
  public String description() {
    return "Sentry: one scope per request, request data on events, unhandled exceptions reported";
  }
}
