package sentry.integration.stdlib;

import java.io.IOException;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;

/**
 * Breadcrumbs and trace headers for Apache HttpClient 5's classic (blocking) client: add it first
 * in the exec chain, with one builder line.
 *
 * <pre>{@code
 * CloseableHttpClient http = HttpClients.custom()
 *     .addExecInterceptorFirst(SentryExecChainHandler.NAME, new SentryExecChainHandler())
 *     .build();
 * }</pre>
 *
 * <p>First, so that it sees each request as the application made it: one breadcrumb per request,
 * after redirects and retries, with the final status and reason phrase, or without status when the
 * request failed. Anywhere else in the chain it still works, once per hop. The hint holds the
 * application's request object (the chain's {@code originalRequest}). The request it passes on
 * gets the trace headers (see {@link StdlibIntegration}). The response and any exception pass
 * through unchanged. What is recorded is described on {@link StdlibIntegration};
 * without that integration on the current client the handler only passes the request on.
 *
 * <p>This class needs HttpClient 5 (an optional dependency of this module); nothing else in the
 * module loads it. Stateless and thread-safe: one instance can serve many clients.
 */
// HttpClient 5's types show in this API although the module requires HttpClient 5 only statically
// (see module-info): whoever uses this class requires HttpClient 5 already.
@SuppressWarnings("exports")
public final class SentryExecChainHandler implements ExecChainHandler {
  /** The name to register the handler under, {@value}. */
  public static final String NAME = "sentry";

  /** Makes the handler. */
  public SentryExecChainHandler() {}

  /**
   * Passes the request on, and records the response or failure.
   *
   * @param request the request
   * @param scope the execution scope
   * @param chain the rest of the chain
   * @return the chain's response, unchanged
   * @throws IOException what the chain threw, unchanged
   * @throws HttpException what the chain threw, unchanged
   */
  @Override
  public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
      throws IOException, HttpException {
    HttpCall call = ApacheRequests.start(request, scope.originalRequest, scope.route);
    if (call == null) {
      return chain.proceed(request, scope);
    }
    ApacheRequests.addTraceHeaders(call, request);
    ClassicHttpResponse response;
    try {
      response = chain.proceed(request, scope);
    } catch (IOException | HttpException | RuntimeException e) {
      call.failed(e);
      throw e;
    }
    call.completed(response.getCode(), response.getReasonPhrase());
    return response;
  }

  @Override
  public String toString() {
    return "SentryExecChainHandler";
  }
}
