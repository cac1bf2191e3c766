package sentry.benchmarks;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import sentry.api.Sentry;
import sentry.integration.httpserver.HttpServerIntegration;
import sentry.integration.httpserver.SentryHttpServerFilter;

/**
 * What the web server filter adds to a request that captures nothing: a request through a filter
 * chain with {@link SentryHttpServerFilter} (fresh hub, binding, event processor, a session counted
 * in the aggregates, since a release is set) against the same chain without it. The exchange is a
 * stand-in that answers from memory, so that only the filter's work is timed; run with {@code
 * -prof gc} for the allocation per request ({@code gc.alloc.rate.norm}). Not part of {@link Suite}'s
 * comparison with the official SDK, which has no counterpart.
 *
 * <p>The filtered path needs some seconds of warm-up before the JIT has compiled it (on a loaded
 * 2-core machine, 5 to 6 one-second iterations run at about 10 µs per request), hence ten warm-up
 * iterations:
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main WebFilterBenchmark -prof gc}</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WebFilterBenchmark {
  /** An initialised SDK with the httpserver integration, and the two chains. */
  @State(Scope.Thread)
  public static class Chains {
    LoopbackServer server;
    final HttpHandler handler = exchange -> exchange.sendResponseHeaders(204, -1);
    final StubExchange exchange = new StubExchange();

    /**
     * Starts the stand-in Sentry and initialises the SDK with a release.
     *
     * @throws Exception if the server cannot start
     */
    @Setup(Level.Trial)
    public void init() throws Exception {
      server = LoopbackServer.fast();
      Sentry.init(options -> {
        options.setDsn(server.dsn());
        options.setRelease("bench@1");
        // Only the filter's integration: the others' start-up work (the modules scan) is not timed.
        options.setDefaultIntegrations(false);
        options.addIntegration(new HttpServerIntegration());
      });
    }

    /** Closes the SDK and stops the server. */
    @TearDown(Level.Trial)
    public void close() {
      Sentry.close();
      server.close();
    }
  }

  /**
   * The request without the filter.
   *
   * @param chains the state
   * @return the exchange, so the work is not optimised away
   * @throws IOException never; the handler answers from memory
   */
  @Benchmark
  public Object withoutFilter(Chains chains) throws IOException {
    new Filter.Chain(List.of(), chains.handler).doFilter(chains.exchange);
    return chains.exchange;
  }

  /**
   * The request through the filter.
   *
   * @param chains the state
   * @return the exchange, so the work is not optimised away
   * @throws IOException never; the handler answers from memory
   */
  @Benchmark
  public Object withFilter(Chains chains) throws IOException {
    new Filter.Chain(List.of(FILTER), chains.handler).doFilter(chains.exchange);
    return chains.exchange;
  }

  private static final SentryHttpServerFilter FILTER = new SentryHttpServerFilter();

  /** A GET request with a few headers, answered into memory. */
  static final class StubExchange extends HttpExchange {
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final URI uri = URI.create("/orders/42?page=1");
    private final InetSocketAddress local = new InetSocketAddress("127.0.0.1", 8080);
    private final InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 50000);
    private final Map<String, Object> attributes = new HashMap<>();
    private final StubContext context = new StubContext();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = -1;

    StubExchange() {
      requestHeaders.add("Host", "127.0.0.1:8080");
      requestHeaders.add("Accept", "application/json");
      requestHeaders.add("User-Agent", "bench");
    }

    @Override
    public Headers getRequestHeaders() {
      return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
      return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
      return uri;
    }

    @Override
    public String getRequestMethod() {
      return "GET";
    }

    @Override
    public HttpContext getHttpContext() {
      return context;
    }

    @Override
    public void close() {}

    @Override
    public InputStream getRequestBody() {
      return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public OutputStream getResponseBody() {
      return body;
    }

    @Override
    public void sendResponseHeaders(int code, long length) {
      status = code;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
      return remote;
    }

    @Override
    public int getResponseCode() {
      return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
      return local;
    }

    @Override
    public String getProtocol() {
      return "HTTP/1.1";
    }

    @Override
    public Object getAttribute(String name) {
      return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
      attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {}

    @Override
    public HttpPrincipal getPrincipal() {
      return null;
    }
  }

  /** The root context. */
  static final class StubContext extends HttpContext {
    private final Map<String, Object> attributes = new HashMap<>();

    @Override
    public HttpHandler getHandler() {
      return null;
    }

    @Override
    public void setHandler(HttpHandler handler) {}

    @Override
    public String getPath() {
      return "/orders";
    }

    @Override
    public HttpServer getServer() {
      return null;
    }

    @Override
    public Map<String, Object> getAttributes() {
      return attributes;
    }

    @Override
    public List<Filter> getFilters() {
      return List.of();
    }

    @Override
    public com.sun.net.httpserver.Authenticator setAuthenticator(com.sun.net.httpserver.Authenticator auth) {
      return null;
    }

    @Override
    public com.sun.net.httpserver.Authenticator getAuthenticator() {
      return null;
    }
  }
}
