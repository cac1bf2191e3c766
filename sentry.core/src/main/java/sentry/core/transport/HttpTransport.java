package sentry.core.transport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
import sentry.core.log.SdkLog;

/**
 * The default {@link Transport}: HTTP/1.1 on Apache HttpCore 5's asynchronous requester, with
 * one I/O thread ({@code sentry-http-io-N}, a daemon), up to {@code maxRequestsInFlight}
 * kept-alive connections, gzip bodies, and TLS that checks the certificate and the host name.
 *
 * <p>With a proxy, an {@code http} endpoint is reached by sending the absolute URI to the proxy
 * and an {@code https} endpoint through a {@code CONNECT} tunnel; proxy credentials go in
 * {@code Proxy-Authorization: Basic}, never through {@link java.net.Authenticator}. Nothing
 * JVM-wide is changed. Thread-safe.
 */
public final class HttpTransport implements Transport {
  private static final SdkLog LOG = SdkLog.get("sentry.core.transport.HttpTransport");
  /** Idle connections are closed after this; servers commonly drop them after a minute. */
  private static final Timeout IDLE_TIMEOUT = Timeout.ofSeconds(30);
  private static final TimeValue REACTOR_STOP_WAIT = TimeValue.ofMilliseconds(50);

  private final TransportSettings settings;
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
  private final Deadlines deadlines = new Deadlines();
  private final Set<Send> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Makes a transport that trusts the JVM's default trust store, and starts its I/O thread.
   *
   * @param settings where and how to send
   * @throws IllegalArgumentException if the endpoint is not an absolute http or https URI
   */
  public HttpTransport(TransportSettings settings) {
    this(settings, (Supplier<SSLContext>) HttpTransport::defaultSslContext);
  }

  /**
   * Makes a transport with its own TLS context (tests use one that trusts their certificate).
   *
   * @param settings where and how to send
   * @param sslContext the TLS context; certificates and host names are still verified
   */
  HttpTransport(TransportSettings settings, SSLContext sslContext) {
    this(settings, (Supplier<SSLContext>) () -> sslContext);
  }

  private HttpTransport(TransportSettings settings, Supplier<SSLContext> sslContext) {
    this.settings = settings;
    URI endpoint = settings.endpoint();
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
      throw new IllegalArgumentException("transport endpoint \"" + endpoint
          + "\" is not an absolute http or https URI: expected https://<host>/api/<project>/envelope/");
    }
    String host = stripBrackets(endpoint.getHost());
    int port = endpoint.getPort() >= 0 ? endpoint.getPort() : scheme.equals("https") ? 443 : 80;
    this.target = new HttpHost(scheme, host, port);
    this.authority = new URIAuthority(host, endpoint.getPort());
    String rawPath = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
    this.path = endpoint.getRawQuery() == null ? rawPath : rawPath + "?" + endpoint.getRawQuery();
    SentryOptions.Proxy proxySettings = settings.proxy();
    this.proxy = proxySettings == null ? null
        : new HttpHost("http", stripBrackets(proxySettings.host()), proxySettings.port());
    this.proxyAuthorization = proxySettings == null || proxySettings.user() == null ? null
        : basic(proxySettings.user(), proxySettings.password());
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
      LOG.debug("HTTP I/O reactor stopping: {}", e.toString());
    } else {
      LOG.warn("HTTP I/O reactor failed: {}", e.toString(), e);
    }
  }

  @Override
  public CompletableFuture<Response> send(byte[] gzippedEnvelope) {
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
    long deadline = System.nanoTime() + saturatedNanos(timeout);
    synchronized (inFlight) {
      long left;
      while (!inFlight.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(inFlight, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    pool.close();
    deadlines.close();
    requester.close(CloseMode.IMMEDIATE);
    // Fail what is left now rather than when the reactor gets round to it.
    for (Send send : inFlight) {
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
   * within the response deadline ({@link TransportSettings#responseTimeout()}).
   */
  private final class Send implements SessionPool.Lease, Exchange.Listener {
    final CompletableFuture<Response> result = new CompletableFuture<>();
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
    public void done(Exchange exchange, Response response, Exception failure) {
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

    void finish(Response response, Exception failure) {
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
      if (closed.get()) {
        synchronized (inFlight) {
          inFlight.notifyAll();
        }
      }
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
      ReactorThreads.adopt();
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
    public void done(Exchange exchange, Response response, Exception failure) {
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
            ReactorThreads.adopt();
            callback.completed(session);
          }

          @Override
          public void failed(Exception cause) {
            ReactorThreads.adopt();
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

  private static SSLContext defaultSslContext() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM offers no TLS: " + e.getMessage(), e);
    }
  }

  private static String basic(String user, String password) {
    String credentials = user + ":" + (password == null ? "" : password);
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return Math.max(0, duration.toNanos());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }

  @Override
  public String toString() {
    return "HttpTransport[" + settings + "]";
  }
}
