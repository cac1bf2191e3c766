package sentry.integration.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import sentry.api.internal.BodyRecorder;

/**
 * The request as the application sees it behind the filter: its body stream keeps a copy of what
 * the application reads (when a body is wanted), and an asynchronous start hands back a context
 * whose tasks run with the request's hub, with the request's listener added.
 */
final class ScopedRequest extends HttpServletRequestWrapper {
  private final RequestState state;
  private final BodyRecorder body;
  private ServletInputStream stream;

  ScopedRequest(HttpServletRequest request, RequestState state, BodyRecorder body) {
    super(request);
    this.state = state;
    this.body = body;
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    if (body == null || !body.wanted()) {
      return super.getInputStream();
    }
    if (stream == null) {
      stream = new RecordingServletInputStream(super.getInputStream(), body);
    }
    return stream;
  }

  @Override
  public AsyncContext startAsync() {
    return state.asyncStarted(super.startAsync());
  }

  @Override
  public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
    return state.asyncStarted(super.startAsync(request, response));
  }

  @Override
  public AsyncContext getAsyncContext() {
    return state.asyncContext(super.getAsyncContext());
  }
}
