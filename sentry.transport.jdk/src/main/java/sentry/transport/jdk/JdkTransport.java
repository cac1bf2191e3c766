package sentry.transport.jdk;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import sentry.api.SentryOptions;
import sentry.api.transport.Transport;
import sentry.api.transport.TransportConfig;
import sentry.api.transport.TransportResponse;
import sentry.api.transport.internal.Deadlines;
import sentry.api.transport.internal.HttpBasics;
import sentry.api.transport.internal.InFlight;

/**
 * A {@link Transport} on the JDK's {@link HttpClient}: HTTP/1.1, the envelope already gzipped,
 * TLS with the JVM's trust store and host name checks. Daemon threads only: one
 * {@code sentry-http-jdk-N} per request in flight, which waits for its answer (kept 30 s for the
 * next), the client's selector thread, and {@code sentry-http-jdk-deadline} for deadlines.
 *
 * <p>Each send ends by {@link TransportConfig#responseTimeout()}: with the status if one came,
 * else with an {@link IOException}. At most {@link TransportConfig#maxResponseBodyBytes()} of an
 * answer's body is read; past it the exchange is cancelled and the status reported. With a proxy,
 * an {@code http} endpoint is sent to it with its absolute URI and an {@code https} one through a
 * {@code CONNECT} tunnel; credentials go in {@code Proxy-Authorization: Basic}, never through
 * {@link java.net.Authenticator}. Nothing JVM-wide is changed. Thread-safe.
 */
final class JdkTransport implements Transport {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final TransportConfig config;
  private final URI endpoint;
  private final String proxyAuthorization;
  private final HttpClient client;
  private final ThreadPoolExecutor executor;
  private final Deadlines deadlines = new Deadlines("sentry-http-jdk-deadline");
  private final InFlight<Send> inFlight = new InFlight<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  JdkTransport(TransportConfig config) {
    this(config, HttpBasics.defaultSslContext());
  }

  /**
   * Makes a transport with its own TLS context (tests use one that trusts their certificate).
   *
   * @param config where and how to send
   * @param sslContext the TLS context; certificates and host names are still verified
   */
  JdkTransport(TransportConfig config, SSLContext sslContext) {
    this.config = config;
    this.endpoint = config.endpoint();
    HttpBasics.scheme(endpoint);
    SentryOptions.Proxy proxy = config.proxy();
    this.proxyAuthorization =
        proxy == null || proxy.user() == null ? null : HttpBasics.basic(proxy.user(), proxy.password());
    this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        task -> daemon(task, "sentry-http-jdk-" + THREADS.incrementAndGet()));
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(sslContext)
        // The client's own steps run where they are triggered (the selector thread, or the
        // sending thread), not handed to a pool: each hand-off cost a thread wake-up per request.
        // Nothing of ours that runs there blocks.
        .executor(Runnable::run);
    if (isPositive(config.connectTimeout())) {
      builder.connectTimeout(config.connectTimeout());
    }
    if (proxy != null) {
      String host = HttpBasics.stripBrackets(proxy.host());
      builder.proxy(ProxySelector.of(new InetSocketAddress(host, proxy.port())));
    }
    this.client = builder.build();
  }

  @Override
  public CompletableFuture<TransportResponse> send(byte[] gzippedEnvelope) {
    Send send = new Send();
    if (closed.get()) {
      send.result.completeExceptionally(new IOException("Transport closed"));
      return send.result;
    }
    inFlight.add(send);
    send.result.whenComplete((response, failure) -> send.settled());
    try {
      send.deadline = deadlines.schedule(send::expire, config.responseTimeout());
      HttpRequest request = request(gzippedEnvelope);
      send.call = executor.submit(() -> send.run(request));
    } catch (RuntimeException e) {
      send.result.completeExceptionally(new IOException("cannot send: " + e, e));
    }
    return send.result;
  }

  private HttpRequest request(byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
        .header("X-Sentry-Auth", config.authHeader())
        .header("User-Agent", config.userAgent())
        .header("Content-Type", "application/x-sentry-envelope")
        .header("Content-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (isPositive(config.readTimeout())) {
      // Until the answer's head: the whole exchange is bounded by the response deadline anyway.
      request.timeout(config.readTimeout());
    }
    if (proxyAuthorization != null) {
      // The JDK sends it to a forwarding proxy with the request, and on CONNECT for a tunnel.
      request.header("Proxy-Authorization", proxyAuthorization);
    }
    return request.build();
  }

  @Override
  public void close(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Send send : inFlight.awaitEmpty(timeout)) {
      send.abort(new IOException("Transport closed before Sentry answered"));
    }
    deadlines.close();
    shutdownNow(client);
    executor.shutdown();
  }

  /** One envelope on its way. */
  private final class Send {
    final CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    volatile Future<?> call;
    volatile ScheduledFuture<?> deadline;
    /** The answer's head once it came: reported if the body is cut short. */
    volatile TransportResponse head;

    HttpResponse.BodySubscriber<Void> body(HttpResponse.ResponseInfo info) {
      head = response(info.statusCode(), info.headers());
      return new CappedDiscard(config.maxResponseBodyBytes(), this);
    }

    /**
     * Sends on one of this transport's threads and waits for the answer there. Not sendAsync: on
     * JDK 17 to 21 its future completes through the common pool, which on one or two cores starts
     * a new thread per request (CompletableFuture's fallback when the pool has parallelism 1).
     */
    void run(HttpRequest request) {
      try {
        answered(client.send(request, this::body), null);
      } catch (IOException | RuntimeException e) {
        answered(null, e);
      } catch (InterruptedException e) {
        // The deadline passed or the transport closed: the result is already set.
        finishWithHeadOr(new IOException("send interrupted", e));
      }
    }

    void answered(HttpResponse<Void> response, Throwable failure) {
      if (failure == null) {
        result.complete(head != null ? head : response(response.statusCode(), response.headers()));
      } else {
        finishWithHeadOr(unwrap(failure));
      }
    }

    /** The body went past the cap: report the status, and stop reading. */
    void cutShort() {
      finishWithHeadOr(new IOException("the answer's body is longer than " + config.maxResponseBodyBytes()
          + " bytes"));
    }

    void expire() {
      finishWithHeadOr(new IOException("No whole answer within responseTimeout ("
          + config.responseTimeout().toMillis() + " ms)"));
    }

    void abort(IOException why) {
      result.completeExceptionally(why);
    }

    private void finishWithHeadOr(IOException failure) {
      TransportResponse came = head;
      if (came != null) {
        result.complete(came);
      } else {
        result.completeExceptionally(failure);
      }
    }

    void settled() {
      ScheduledFuture<?> timer = deadline;
      if (timer != null) {
        timer.cancel(false);
      }
      Future<?> running = call;
      if (running != null && !running.isDone()) {
        // Interrupts the waiting send, which aborts the exchange (JDK 16+): its connection is
        // closed, not reused.
        running.cancel(true);
      }
      inFlight.remove(this);
    }
  }

  /** Throws the body away, reading at most {@code max} bytes of it. */
  private static final class CappedDiscard implements HttpResponse.BodySubscriber<Void> {
    private final long max;
    private final Send send;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private long read;
    private Flow.Subscription subscription;

    CappedDiscard(long max, Send send) {
      this.max = max;
      this.send = send;
    }

    @Override
    public CompletionStage<Void> getBody() {
      return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        read += item.remaining();
      }
      if (read > max && !done.isDone()) {
        subscription.cancel();
        send.cutShort();
        done.complete(null);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      done.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      done.complete(null);
    }
  }

  /**
   * JDK 21 and later: stops the client's selector thread and connections now. Not close(), which
   * waits for exchanges to end; through reflection, as the SDK is compiled for 17.
   */
  private static void shutdownNow(HttpClient client) {
    try {
      HttpClient.class.getMethod("shutdownNow").invoke(client);
    } catch (NoSuchMethodException e) {
      // JDK 17 to 20: the client stops when it is collected; its threads are daemons.
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Best effort: what is left are daemon threads.
    }
  }

  private static TransportResponse response(int status, HttpHeaders headers) {
    // The map's keys compare without case; firstValue would stream over the values.
    Map<String, List<String>> map = headers.map();
    return new TransportResponse(status, first(map.get("Retry-After")), first(map.get("X-Sentry-Rate-Limits")));
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static IOException unwrap(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    return cause instanceof IOException io ? io : new IOException(cause.toString(), cause);
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private static boolean isPositive(Duration duration) {
    return duration != null && !duration.isZero() && !duration.isNegative();
  }

  @Override
  public String toString() {
    return "JdkTransport[" + config + "]";
  }
}
