package sentry.integration.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import sentry.api.internal.RequestScope;

/**
 * One request in the filter: its scope, and the listener that ends it when asynchronous
 * processing completes, on whichever thread that is. Thread-safe.
 */
final class RequestState implements AsyncListener {
  private final RequestScope scope;
  private final ServletIntegration options;
  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private volatile boolean async;
  private volatile ScopedAsyncContext context;

  RequestState(RequestScope scope, ServletIntegration options, HttpServletRequest request,
      HttpServletResponse response) {
    this.scope = scope;
    this.options = options;
    this.request = request;
    this.response = response;
  }

  RequestScope scope() {
    return scope;
  }

  /** Tells whether the application started asynchronous processing through the filter's request. */
  boolean isAsync() {
    return async;
  }

  /** Called as the application starts asynchronous processing: listens, and scopes its tasks. */
  AsyncContext asyncStarted(AsyncContext started) {
    async = true;
    started.addListener(this);
    ScopedAsyncContext scoped = new ScopedAsyncContext(started, scope);
    context = scoped;
    return scoped;
  }

  /** The scoped context for the container's current one, or that one when it is another. */
  AsyncContext asyncContext(AsyncContext current) {
    ScopedAsyncContext scoped = context;
    return scoped != null && scoped.delegate() == current ? scoped : current;
  }

  /** Listens to asynchronous processing started on the container's request behind our back. */
  void listenTo(AsyncContext started) {
    async = true;
    started.addListener(this);
  }

  /** Ends the request: reports a failed status and counts the session. */
  void finish() {
    scope.captureStatus(response.getStatus(), options.failedRequestStatusCodes(), request.getMethod(),
        request.getRequestURI());
    scope.end();
  }

  @Override
  public void onComplete(AsyncEvent event) {
    finish();
  }

  @Override
  public void onError(AsyncEvent event) {
    scope.captureUnhandled(event.getThrowable());
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    // The container completes or dispatches to an error page next; onComplete ends the request.
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // A listener hears of a restarted cycle only when it adds itself again.
    event.getAsyncContext().addListener(this);
  }
}
