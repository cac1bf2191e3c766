package sentry.integration.stdlib;

import java.io.IOException;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * Breadcrumbs and trace headers for Apache HttpClient 5's async client: add it first in the exec
 * chain, with one builder line.
 *
 * <pre>{@code
 * CloseableHttpAsyncClient http = HttpAsyncClients.custom()
 *     .addExecInterceptorFirst(SentryAsyncExecChainHandler.NAME, new SentryAsyncExecChainHandler())
 *     .build();
 * }</pre>
 *
 * <p>First, because the first handler runs on the thread that calls {@code execute}: the
 * breadcrumb goes to that thread's hub, where the application captures. Handlers further down run
 * on the client's I/O threads, whose hubs the application never sees. As first handler it also
 * sees each request as the application made it: one breadcrumb per request, after redirects and
 * retries. The breadcrumb is added when the response head arrives (or the exchange fails before
 * one), before the application's callback or future hears of it. The hint holds the application's
 * request object (the chain's {@code originalRequest}). The request it passes on gets the trace
 * headers (see {@link StdlibIntegration}). Responses and exceptions pass through unchanged. What
 * is recorded is described on {@link StdlibIntegration}; without that integration on the current
 * client the handler only passes the request on.
 *
 * <p>This class needs HttpClient 5 (an optional dependency of this module); nothing else in the
 * module loads it. Stateless and thread-safe: one instance can serve many clients.
 */
// HttpClient 5's types show in this API although the module requires HttpClient 5 only statically
// (see module-info): whoever uses this class requires HttpClient 5 already.
@SuppressWarnings("exports")
public final class SentryAsyncExecChainHandler implements AsyncExecChainHandler {
  /** The name to register the handler under, {@value}. */
  public static final String NAME = "sentry";

  /** Makes the handler. */
  public SentryAsyncExecChainHandler() {}

  /**
   * Passes the request on with a callback that records the outcome before passing it back.
   *
   * @param request the request
   * @param entityProducer the request body, or null
   * @param scope the execution scope
   * @param chain the rest of the chain
   * @param callback the callback of the previous handler
   * @throws HttpException what the chain threw, unchanged
   * @throws IOException what the chain threw, unchanged
   */
  @Override
  public void execute(HttpRequest request, AsyncEntityProducer entityProducer, AsyncExecChain.Scope scope,
      AsyncExecChain chain, AsyncExecCallback callback) throws HttpException, IOException {
    HttpCall call = ApacheRequests.start(request, scope.originalRequest, scope.route);
    if (call == null) {
      chain.proceed(request, entityProducer, scope, callback);
      return;
    }
    ApacheRequests.addTraceHeaders(call, request);
    try {
      chain.proceed(request, entityProducer, scope, new RecordingCallback(callback, call));
    } catch (HttpException | IOException | RuntimeException e) {
      call.failed(e);
      throw e;
    }
  }

  @Override
  public String toString() {
    return "SentryAsyncExecChainHandler";
  }

  /**
   * Records when the response head arrives, or when the exchange fails before one, and passes
   * everything on. The head, because HttpClient 5 may complete the application's future as soon as
   * the body is consumed, before {@link #completed()} runs: recording first keeps the breadcrumb
   * ahead of anything the application does with the response.
   */
  private static final class RecordingCallback implements AsyncExecCallback {
    private final AsyncExecCallback delegate;
    private final HttpCall call;

    RecordingCallback(AsyncExecCallback delegate, HttpCall call) {
      this.delegate = delegate;
      this.call = call;
    }

    @Override
    public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails entityDetails)
        throws HttpException, IOException {
      call.completed(response.getCode(), response.getReasonPhrase());
      return delegate.handleResponse(response, entityDetails);
    }

    @Override
    public void handleInformationResponse(HttpResponse response) throws HttpException, IOException {
      delegate.handleInformationResponse(response);
    }

    @Override
    public void completed() {
      call.failed(null); // only if no response head came; a call records once
      delegate.completed();
    }

    @Override
    public void failed(Exception cause) {
      call.failed(cause); // only if no response head came
      delegate.failed(cause);
    }
  }
}
