package sentry.integration.stdlib;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK {@link HttpClient} that adds the trace headers to each {@code send} and {@code sendAsync}
 * (on a copy of the request) and a breadcrumb after it, and otherwise is its delegate: same
 * configuration, same responses, same exceptions.
 */
final class RecordingHttpClient extends HttpClient {
  // JDK 21 added shutdown and close to HttpClient; this class is compiled for 17, so it reaches
  // them through method handles, and declares them below so that they override on 21 and later.
  private static final MethodHandle SHUTDOWN = find("shutdown", MethodType.methodType(void.class));
  private static final MethodHandle SHUTDOWN_NOW = find("shutdownNow", MethodType.methodType(void.class));
  private static final MethodHandle AWAIT_TERMINATION =
      find("awaitTermination", MethodType.methodType(boolean.class, Duration.class));
  private static final MethodHandle IS_TERMINATED = find("isTerminated", MethodType.methodType(boolean.class));
  private static final MethodHandle CLOSE = find("close", MethodType.methodType(void.class));

  private final HttpClient delegate;

  RecordingHttpClient(HttpClient delegate) {
    this.delegate = delegate;
  }

  HttpClient delegate() {
    return delegate;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpCall call = start(request);
    if (call == null) {
      return delegate.send(request, handler);
    }
    HttpRequest outgoing = withTraceHeaders(request, call);
    HttpResponse<T> response;
    try {
      response = delegate.send(outgoing, handler);
    } catch (IOException | InterruptedException | RuntimeException e) {
      call.failed(e);
      throw e;
    }
    call.completed(response.statusCode(), null);
    return response;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> handler) {
    HttpCall call = start(request);
    if (call == null) {
      return delegate.sendAsync(request, handler);
    }
    HttpRequest outgoing = withTraceHeaders(request, call);
    CompletableFuture<HttpResponse<T>> sent;
    try {
      sent = delegate.sendAsync(outgoing, handler);
    } catch (RuntimeException e) {
      call.failed(e);
      throw e;
    }
    return relay(sent, call);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    HttpCall call = start(request);
    if (call == null) {
      return delegate.sendAsync(request, handler, pushPromiseHandler);
    }
    HttpRequest outgoing = withTraceHeaders(request, call);
    CompletableFuture<HttpResponse<T>> sent;
    try {
      sent = delegate.sendAsync(outgoing, handler, pushPromiseHandler);
    } catch (RuntimeException e) {
      call.failed(e);
      throw e;
    }
    return relay(sent, call);
  }

  private static HttpCall start(HttpRequest request) {
    return HttpCall.start(request.method(), String.valueOf(request.uri()), request);
  }

  /**
   * The request with the trace headers (see {@link TracePropagation}): a copy with every other
   * header, setting and body of the application's, which itself is left as it was; the
   * application's own request when it gets none.
   */
  static HttpRequest withTraceHeaders(HttpRequest request, HttpCall call) {
    try {
      Map<String, String> headers = call.traceHeaders(name -> request.headers().allValues(name));
      if (headers.isEmpty()) {
        return request;
      }
      HttpRequest.Builder copy = HttpRequest.newBuilder(request,
          (name, value) -> !headers.containsKey(name.toLowerCase(Locale.ROOT)));
      headers.forEach(copy::setHeader);
      return copy.build();
    } catch (RuntimeException e) {
      return request; // never break the application's request
    }
  }

  /**
   * Returns a future that completes as {@code sent} does (with the very response or exception
   * object) once the breadcrumb is added, so that code which waits for it sees the breadcrumb.
   * Cancelling it cancels {@code sent}.
   */
  private static <R extends HttpResponse<?>> CompletableFuture<R> relay(CompletableFuture<R> sent, HttpCall call) {
    CompletableFuture<R> relayed = new CompletableFuture<>();
    sent.whenComplete((response, error) -> {
      try {
        if (error == null) {
          call.completed(response.statusCode(), null);
        } else {
          call.failed(error);
        }
      } finally {
        if (error == null) {
          relayed.complete(response);
        } else {
          relayed.completeExceptionally(error);
        }
      }
    });
    relayed.whenComplete((response, error) -> {
      if (error instanceof CancellationException) {
        // Recorded here, before cancel() returns to the caller, even when the client's own thread
        // is settling the exchange at the same time (HttpCall.finish waits for it then).
        call.failed(error);
        sent.cancel(true);
      }
    });
    return relayed;
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    return delegate.newWebSocketBuilder();
  }

  /** Overrides {@code HttpClient.shutdown()} on JDK 21 and later; delegates. */
  public void shutdown() {
    invoke(SHUTDOWN);
  }

  /** Overrides {@code HttpClient.shutdownNow()} on JDK 21 and later; delegates. */
  public void shutdownNow() {
    invoke(SHUTDOWN_NOW);
  }

  /** Overrides {@code HttpClient.isTerminated()} on JDK 21 and later; delegates. */
  public boolean isTerminated() {
    return IS_TERMINATED != null && (boolean) invoke(IS_TERMINATED);
  }

  /** Overrides {@code HttpClient.close()} on JDK 21 and later; delegates. */
  public void close() {
    invoke(CLOSE);
  }

  /** Overrides {@code HttpClient.awaitTermination(Duration)} on JDK 21 and later; delegates. */
  public boolean awaitTermination(Duration duration) throws InterruptedException {
    if (AWAIT_TERMINATION == null) {
      return true;
    }
    try {
      return (boolean) AWAIT_TERMINATION.invoke(delegate, duration);
    } catch (InterruptedException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new UndeclaredThrowableException(e);
    }
  }

  private Object invoke(MethodHandle method) {
    if (method == null) {
      return null; // JDK 17-20: HttpClient has no such method, and nothing can call this one
    }
    try {
      return method.invoke(delegate);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new UndeclaredThrowableException(e);
    }
  }

  private static MethodHandle find(String name, MethodType type) {
    try {
      return MethodHandles.publicLookup().findVirtual(HttpClient.class, name, type);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "Sentry(" + delegate + ")";
  }
}
