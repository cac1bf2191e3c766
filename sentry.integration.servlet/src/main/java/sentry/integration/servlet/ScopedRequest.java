package sentry.integration.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import sentry.api.internal.BodyRecorder;

/**
 * The request as the application sees it behind the filter: its body stream and reader keep a
 * copy of what the application reads (when a body is wanted; parameters the container parses
 * itself from a form are not seen), and an asynchronous start hands back a context
 * whose tasks run with the request's hub, with the request's listener added.
 */
final class ScopedRequest extends HttpServletRequestWrapper {
  private final RequestState state;
  private final BodyRecorder body;
  private ServletInputStream stream;
  private BufferedReader reader;

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
  public BufferedReader getReader() throws IOException {
    if (body == null || !body.wanted()) {
      return super.getReader();
    }
    if (reader == null) {
      // The container's reader would bypass the copy: read the same stream, as the container does.
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
      reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
    return reader;
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
