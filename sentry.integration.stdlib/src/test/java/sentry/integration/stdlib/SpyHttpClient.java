package sentry.integration.stdlib;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** A real JDK client that remembers what it returned and threw, to compare with what the wrapper gives. */
final class SpyHttpClient extends HttpClient {
  final List<HttpResponse<?>> responses = new CopyOnWriteArrayList<>();
  final List<Throwable> thrown = new CopyOnWriteArrayList<>();
  final List<CompletableFuture<? extends HttpResponse<?>>> futures = new CopyOnWriteArrayList<>();
  private final HttpClient real;

  SpyHttpClient(HttpClient real) {
    this.real = real;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    try {
      HttpResponse<T> response = real.send(request, handler);
      responses.add(response);
      return response;
    } catch (IOException | InterruptedException | RuntimeException e) {
      thrown.add(e);
      throw e;
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    CompletableFuture<HttpResponse<T>> future = real.sendAsync(request, handler);
    futures.add(future);
    return future;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    CompletableFuture<HttpResponse<T>> future = real.sendAsync(request, handler, pushPromiseHandler);
    futures.add(future);
    return future;
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return real.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return real.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return real.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return real.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return real.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return real.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return real.authenticator();
  }

  @Override
  public Version version() {
    return real.version();
  }

  @Override
  public Optional<Executor> executor() {
    return real.executor();
  }
}
