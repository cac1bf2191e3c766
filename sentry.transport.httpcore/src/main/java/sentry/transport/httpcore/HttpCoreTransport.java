package sentry.transport.httpcore;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.impl.bootstrap.AsyncRequesterBootstrap;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncRequester;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.command.RequestExecutionCommand;
import org.apache.hc.core5.http.nio.ssl.BasicClientTlsStrategy;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.RequestConnControl;
import org.apache.hc.core5.http.protocol.RequestContent;
import org.apache.hc.core5.http.protocol.RequestTargetHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.reactor.Command;
import org.apache.hc.core5.reactor.EndpointParameters;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import sentry.api.SentryOptions;
import sentry.api.transport.Transport;
import sentry.api.transport.TransportConfig;
import sentry.api.transport.TransportResponse;
import sentry.api.transport.internal.Deadlines;
import sentry.api.transport.internal.HttpBasics;
import sentry.api.transport.internal.InFlight;

/**
 * The {@code httpcore} {@link Transport}: HTTP/1.1 on Apache HttpCore 5's asynchronous requester, with
 * one I/O thread ({@code sentry-http-io-N}, a daemon), up to {@code maxRequestsInFlight}
 * kept-alive connections, gzip bodies, and TLS that checks the certificate and the host name.
 *
 * <p>With a proxy, an {@code http} endpoint is reached by sending the absolute URI to the proxy
 * and an {@code https} endpoint through a {@code CONNECT} tunnel; proxy credentials go in
 * {@code Proxy-Authorization: Basic}, never through {@link java.net.Authenticator}. Nothing
 * JVM-wide is changed. Thread-safe.
 */
final class HttpCoreTransport implements Transport {
  private static final System.Logger LOG = System.getLogger("sentry.transport.httpcore");
  /** Idle connections are closed after this; servers commonly drop them after a minute. */
  private static final Timeout IDLE_TIMEOUT = Timeout.ofSeconds(30);
  private static final TimeValue REACTOR_STOP_WAIT = TimeValue.ofMilliseconds(50);

  private final TransportConfig settings;
  private final HttpHost target;
  private final URIAuthority authority;
  private final String path;
  private final HttpHost proxy;
  private final String proxyAuthorization;
  private final Timeout connectTimeout;
  private final Timeout readTimeout;
  private final TlsStrategy tls;
  private final HttpAsyncRequester requester;
  private final SessionPool pool;
  private final Deadlines deadlines = new Deadlines("sentry-http-deadline");
  private final InFlight<Send> inFlight = new InFlight<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Makes a transport that trusts the JVM's default trust store, and starts its I/O thread.
   *
   * @param settings where and how to send
   * @throws IllegalArgumentException if the endpoint is not an absolute http or https URI
   */
  HttpCoreTransport(TransportConfig settings) {
    this(settings, (Supplier<SSLContext>) HttpBasics::defaultSslContext);
  }

  /**
   * Makes a transport with its own TLS context (tests use one that trusts their certificate).
   *
   * @param settings where and how to send
   * @param sslContext the TLS context; certificates and host names are still verified
   */
  HttpCoreTransport(TransportConfig settings, SSLContext sslContext) {
    this(settings, (Supplier<SSLContext>) () -> sslContext);
  }

  private HttpCoreTransport(TransportConfig settings, Supplier<SSLContext> sslContext) {
    this.settings = settings;
    URI endpoint = settings.endpoint();
    String scheme = HttpBasics.scheme(endpoint);
    String host = HttpBasics.stripBrackets(endpoint.getHost());
    int port = endpoint.getPort() >= 0 ? endpoint.getPort() : scheme.equals("https") ? 443 : 80;
    this.target = new HttpHost(scheme, host, port);
    this.authority = new URIAuthority(host, endpoint.getPort());
    String rawPath = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
    this.path = endpoint.getRawQuery() == null ? rawPath : rawPath + "?" + endpoint.getRawQuery();
    SentryOptions.Proxy proxySettings = settings.proxy();
    this.proxy = proxySettings == null ? null
        : new HttpHost("http", HttpBasics.stripBrackets(proxySettings.host()), proxySettings.port());
    this.proxyAuthorization = proxySettings == null || proxySettings.user() == null ? null
        : HttpBasics.basic(proxySettings.user(), proxySettings.password());
    this.connectTimeout = Timeout.of(settings.connectTimeout());
    this.readTimeout = Timeout.of(settings.readTimeout());
    this.tls = new LazyTlsStrategy(() -> new BasicClientTlsStrategy(sslContext.get(), (endpointName, engine) -> {
      // HttpCore sets this too; we rely on it, so say it here: no host name check, no TLS.
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(parameters);
    }, null));
    int connections = Math.max(1, settings.maxRequestsInFlight());
    this.requester = ReactorThreads.build(this::startRequester);
    // Our pool, not the requester's, holds the connections: see SessionPool.
    this.pool = new SessionPool(this::open, connections, IDLE_TIMEOUT);
  }

  private HttpAsyncRequester startRequester() {
    HttpAsyncRequester built = AsyncRequesterBootstrap.bootstrap()
        .setIOReactorConfig(IOReactorConfig.custom()
            .setIoThreadCount(1)
            .setSoTimeout(readTimeout)
            .setTcpNoDelay(true)
            .build())
        // Without RequestExpectContinue (a round trip per request) and HttpCore's User-Agent.
        .setHttpProcessor(HttpProcessorBuilder.create()
            .addAll(new RequestContent(), new RequestTargetHost(), new RequestConnControl())
            .build())
        .setTlsStrategy(tls)
        .setTlsHandshakeTimeout(connectTimeout)
        .setExceptionCallback(this::reactorFailed)
        .create();
    built.start();
    return built;
  }

  private void reactorFailed(Exception e) {
    if (closed.get()) {
      // An immediate shutdown closes the selector under the reactor: expected, not worth a warning.
      LOG.log(System.Logger.Level.DEBUG, "HTTP I/O reactor stopping: {0}", e.toString());
    } else {
      LOG.log(System.Logger.Level.WARNING, "HTTP I/O reactor failed: " + e, e);
    }
  }

  @Override
  public CompletableFuture<TransportResponse> send(byte[] gzippedEnvelope) {
    Send send = new Send(gzippedEnvelope);
    inFlight.add(send);
    send.deadline = deadlines.schedule(send::expire, settings.responseTimeout());
    if (closed.get()) {
      send.finish(null, new IOException("Transport closed"));
    } else {
      send.attempt();
    }
    return send.result;
  }

  @Override
  public void close(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<Send> left = inFlight.awaitEmpty(timeout);
    pool.close();
    deadlines.close();
    requester.close(CloseMode.IMMEDIATE);
    // Fail what is left now rather than when the reactor gets round to it.
    for (Send send : left) {
      send.finish(null, new IOException("Transport closed before Sentry answered"));
    }
    try {
      requester.awaitShutdown(REACTOR_STOP_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Opens a session ready for requests: direct, to the proxy, or through a tunnel. */
  private void open(FutureCallback<IOSession> callback) {
    HttpHost first = proxy == null ? target : proxy;
    FutureCallback<IOSession> connected = proxy == null || !isHttps() ? callback : new Tunnel(callback);
    // The https scheme in the parameters makes HttpCore start TLS on a direct connection.
    requester.requestSession(first, connectTimeout, new EndpointParameters(first, null), connected);
  }

  private HttpRequest newRequest() {
    // This constructor takes the path as it is; the one without a host would parse it again.
    BasicHttpRequest request = new BasicHttpRequest("POST", target, path);
    request.setAuthority(authority);
    if (proxy != null && !isHttps()) {
      // A forwarding proxy needs the absolute URI, and its credentials on every request.
      request.setAbsoluteRequestUri(true);
      if (proxyAuthorization != null) {
        request.addHeader("Proxy-Authorization", proxyAuthorization);
      }
    }
    request.addHeader("X-Sentry-Auth", settings.authHeader());
    request.addHeader("User-Agent", settings.userAgent());
    request.addHeader("Content-Encoding", "gzip");
    return request;
  }

  private boolean isHttps() {
    return target.getSchemeName().equals("https");
  }

  /**
   * One envelope on its way: leases a connection, sends, and retries once on a stale one, all
   * within the response deadline ({@link TransportConfig#responseTimeout()}).
   */
  private final class Send implements SessionPool.Lease, Exchange.Listener {
    final CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    private final byte[] body;
    private volatile IOSession session;
    private volatile Exchange exchange;
    private volatile boolean reused;
    private volatile int attempts;
    private volatile boolean expired;
    volatile ScheduledFuture<?> deadline;

    Send(byte[] body) {
      this.body = body;
    }

    void attempt() {
      attempts++;
      pool.lease(this);
    }

    @Override
    public void ready(IOSession leased, boolean wasReused) {
      if (result.isDone()) {
        // Its deadline passed while it waited for a connection: the connection is unused.
        pool.release(leased, true);
        return;
      }
      session = leased;
      reused = wasReused;
      leased.setSocketTimeout(readTimeout);
      Exchange exchange = new Exchange(newRequest(), body, this, settings.maxResponseBodyBytes());
      this.exchange = exchange;
      try {
        leased.enqueue(new RequestExecutionCommand(exchange, HttpCoreContext.create()), Command.Priority.NORMAL);
      } catch (RuntimeException e) {
        exchange.failed(e);
      }
    }

    @Override
    public void failed(Exception cause) {
      finish(null, cause);
    }

    @Override
    public void done(Exchange exchange, TransportResponse response, Exception failure) {
      pool.release(session, failure == null && exchange.keepAlive());
      // A kept-alive connection the server had already closed: nothing was sent, so try a fresh one.
      if (failure != null && !exchange.started() && reused && attempts < 2 && !closed.get() && !expired) {
        attempt();
        return;
      }
      finish(response, failure);
    }

    /** The deadline passed: ends the exchange with what it has, or the send if it has none yet. */
    void expire() {
      expired = true;
      IOException late = new IOException("No whole answer within responseTimeout ("
          + settings.responseTimeout().toMillis() + " ms)");
      Exchange current = exchange;
      if (current == null || !current.cutShort(late)) {
        finish(null, late);
      }
    }

    void finish(TransportResponse response, Exception failure) {
      ScheduledFuture<?> timer = deadline;
      if (timer != null) {
        timer.cancel(false);
      }
      if (failure == null) {
        result.complete(response);
      } else {
        result.completeExceptionally(failure instanceof IOException ? failure : new IOException(failure));
      }
      inFlight.remove(this);
    }
  }

  /** Runs {@code CONNECT} on a fresh session to the proxy, then starts TLS to Sentry through it. */
  private final class Tunnel implements FutureCallback<IOSession>, Exchange.Listener {
    private final FutureCallback<IOSession> callback;
    private volatile IOSession session;

    Tunnel(FutureCallback<IOSession> callback) {
      this.callback = callback;
    }

    @Override
    public void completed(IOSession connected) {
      session = connected;
      // The request target of CONNECT is host:port, which must not be parsed as a URI.
      BasicHttpRequest connect = new BasicHttpRequest("CONNECT", target, target.toHostString());
      connect.addHeader("User-Agent", settings.userAgent());
      if (proxyAuthorization != null) {
        connect.addHeader("Proxy-Authorization", proxyAuthorization);
      }
      Exchange exchange = new Exchange(connect, null, this, settings.maxResponseBodyBytes());
      connected.enqueue(new RequestExecutionCommand(exchange, HttpCoreContext.create()), Command.Priority.NORMAL);
    }

    @Override
    public void done(Exchange exchange, TransportResponse response, Exception failure) {
      if (failure != null) {
        fail(failure);
      } else if (response.status() / 100 != 2) {
        fail(new IOException("Proxy " + proxy + " refused the tunnel to " + target.toHostString()
            + ": HTTP " + response.status()));
      } else if (!(session instanceof TransportSecurityLayer)) {
        fail(new IOException("HttpCore session cannot start TLS: " + session.getClass().getName()));
      } else {
        tls.upgrade((TransportSecurityLayer) session, target, null, connectTimeout, new FutureCallback<>() {
          @Override
          public void completed(TransportSecurityLayer secured) {
                  callback.completed(session);
          }

          @Override
          public void failed(Exception cause) {
                  fail(cause);
          }

          @Override
          public void cancelled() {
            fail(new IOException("TLS through the proxy cancelled"));
          }
        });
      }
    }

    private void fail(Exception cause) {
      session.close(CloseMode.IMMEDIATE);
      callback.failed(cause);
    }

    @Override
    public void failed(Exception cause) {
      callback.failed(cause);
    }

    @Override
    public void cancelled() {
      callback.cancelled();
    }
  }

  @Override
  public String toString() {
    return "HttpCoreTransport[" + settings + "]";
  }
}
