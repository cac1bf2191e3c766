package sentry.integration.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import sentry.api.Hub;
import sentry.api.SentryClient;
import sentry.api.internal.BodyRecorder;
import sentry.api.internal.RequestScope;
import sentry.api.internal.WebRequests;

/**
 * A servlet filter that gives Sentry what Python's WSGI middleware gives it. A container that runs
 * {@code ServletContainerInitializer}s registers it by itself ({@link
 * SentryServletContainerInitializer}); in an embedded server add that initializer (Jetty's and
 * Tomcat's contexts take one in a line), or the filter for {@code /*}, every dispatch type, with
 * async support.
 *
 * <p>For each request it binds a fresh copy of the main hub to the serving thread, and restores
 * the thread's own hub afterwards, also when the application throws: nothing one request sets is
 * seen by the next on that thread. Asynchronous requests keep the hub: tasks given to {@code
 * AsyncContext.start} run with it, an {@code AsyncContext.dispatch} is served with it, and the
 * request ends (its session counted) when the async context completes, on whichever thread. Every
 * event captured meanwhile gets the request ({@code url}, {@code method}, {@code query_string},
 * {@code headers}, {@code env}; cookies, {@code REMOTE_ADDR} and {@code user.ip_address} only with
 * {@code sendDefaultPii}), the body the application read (see {@link
 * ServletIntegration#withMaxRequestBodySize}) and the transaction: the servlet mapping's pattern
 * with the context path, source {@code route}, or for the default servlet the request path, source
 * {@code url}; and the request's trace, continued from its {@code sentry-trace} (else {@code
 * traceparent}) and {@code baggage} headers, or new. An exception that escapes the application is
 * captured (mechanism {@code servlet}, unhandled, level error) and rethrown unchanged. With a {@code release}, the request is a
 * release-health session.
 *
 * <p>It does nothing, cheaply, when the SDK is not initialised or the {@link ServletIntegration} is
 * not installed; registered twice, it handles a request once. Thread-safe and stateless.
 */
public final class SentryServletFilter implements Filter {
  /** The request attribute that holds the request's state across dispatches. */
  static final String STATE = SentryServletFilter.class.getName() + ".state";
  /** The request the calling thread is serving, so that a second instance passes through. */
  private static final ThreadLocal<RequestState> ACTIVE = new ThreadLocal<>();

  /** Makes the filter; it reads its options from the installed {@link ServletIntegration}. */
  public SentryServletFilter() {}

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
      chain.doFilter(request, response);
      return;
    }
    if (request.getAttribute(STATE) instanceof RequestState state) {
      again(state, request, response, chain);
      return;
    }
    Hub main = Hub.main();
    SentryClient client = main.client();
    Optional<ServletIntegration> installed =
        client.isEnabled() ? client.integration(ServletIntegration.class) : Optional.empty();
    if (installed.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    ServletIntegration options = installed.get();
    BodyRecorder body = recordBody(http, options);
    boolean pii = client.options().isSendDefaultPii();
    RequestScope scope = RequestScope.start(main, "servlet", () -> WebRequests.build(parts(http), body, pii),
        name -> header(http, name));
    transaction(http, scope);
    RequestState state = new RequestState(scope, options, http, httpResponse);
    request.setAttribute(STATE, state);
    ACTIVE.set(state);
    Hub.Binding bound = scope.bind();
    boolean threw = true;
    try {
      chain.doFilter(new ScopedRequest(http, state, body), response);
      threw = false;
    } catch (Throwable failure) {
      scope.captureUnhandled(failure);
      throw failure;
    } finally {
      ACTIVE.remove();
      bound.close();
      end(state, http, threw);
    }
  }

  /** A request seen before: a second filter instance, or a later dispatch of the same request. */
  private static void again(RequestState state, ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (ACTIVE.get() == state) {
      chain.doFilter(request, response);
      return;
    }
    // An async or error dispatch, maybe on another thread: serve it with the request's hub.
    ACTIVE.set(state);
    Hub.Binding bound = state.scope().bind();
    try {
      chain.doFilter(request, response);
    } catch (Throwable failure) {
      state.scope().captureUnhandled(failure);
      throw failure;
    } finally {
      ACTIVE.remove();
      bound.close();
    }
  }

  private static void end(RequestState state, HttpServletRequest request, boolean threw) {
    if (state.isAsync()) {
      return; // The async listener ends the request.
    }
    if (!threw && request.isAsyncStarted()) {
      try {
        state.listenTo(request.getAsyncContext());
        return;
      } catch (IllegalStateException e) {
        // Already completed: end it here.
      }
    }
    if (threw) {
      state.scope().end();
    } else {
      state.finish();
    }
  }

  private static void transaction(HttpServletRequest request, RequestScope scope) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    MappingMatch match = mapping == null ? null : mapping.getMappingMatch();
    if (match == null || match == MappingMatch.DEFAULT) {
      scope.transaction(request.getRequestURI(), "url");
    } else if (match == MappingMatch.CONTEXT_ROOT) {
      scope.transaction(request.getContextPath() + "/", "route");
    } else {
      scope.transaction(request.getContextPath() + mapping.getPattern(), "route");
    }
  }

  private static BodyRecorder recordBody(HttpServletRequest request, ServletIntegration options) {
    int limit = options.maxRequestBodySize().limit();
    return limit == 0 ? null : new BodyRecorder(limit, request.getContentType(), request.getContentLengthLong());
  }

  /** A request header's values joined with {@code ", "}, or null; names are matched ignoring case. */
  private static String header(HttpServletRequest request, String name) {
    Enumeration<String> values = request.getHeaders(name);
    if (values == null || !values.hasMoreElements()) {
      return null;
    }
    return String.join(", ", Collections.list(values));
  }

  private static WebRequests.Parts parts(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    return new WebRequests.Parts(request.getScheme(), request.getMethod(), request.getRequestURI(),
        request.getQueryString(), headers, request.getServerName(), request.getServerPort(),
        request.getRemoteAddr());
  }
}
