package sentry.integration.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import sentry.api.Hub;
import sentry.api.internal.RequestScope;

/**
 * The container's async context, whose {@link #start(Runnable)} runs the task with the request's
 * hub bound on the container's thread, and reports what escapes it. Everything else is delegated.
 */
final class ScopedAsyncContext implements AsyncContext {
  private final AsyncContext delegate;
  private final RequestScope scope;

  ScopedAsyncContext(AsyncContext delegate, RequestScope scope) {
    this.delegate = delegate;
    this.scope = scope;
  }

  AsyncContext delegate() {
    return delegate;
  }

  @Override
  public void start(Runnable task) {
    delegate.start(() -> {
      Hub.Binding bound = scope.bind();
      try {
        task.run();
      } catch (Throwable failure) {
        scope.captureUnhandled(failure);
        throw failure;
      } finally {
        bound.close();
      }
    });
  }

  @Override
  public ServletRequest getRequest() {
    return delegate.getRequest();
  }

  @Override
  public ServletResponse getResponse() {
    return delegate.getResponse();
  }

  @Override
  public boolean hasOriginalRequestAndResponse() {
    return delegate.hasOriginalRequestAndResponse();
  }

  @Override
  public void dispatch() {
    delegate.dispatch();
  }

  @Override
  public void dispatch(String path) {
    delegate.dispatch(path);
  }

  @Override
  public void dispatch(ServletContext context, String path) {
    delegate.dispatch(context, path);
  }

  @Override
  public void complete() {
    delegate.complete();
  }

  @Override
  public void addListener(AsyncListener listener) {
    delegate.addListener(listener);
  }

  @Override
  public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
    delegate.addListener(listener, request, response);
  }

  @Override
  public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
    return delegate.createListener(type);
  }

  @Override
  public void setTimeout(long timeout) {
    delegate.setTimeout(timeout);
  }

  @Override
  public long getTimeout() {
    return delegate.getTimeout();
  }
}
