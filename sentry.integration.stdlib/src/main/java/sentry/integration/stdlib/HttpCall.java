package sentry.integration.stdlib;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import sentry.api.Breadcrumb;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;

/**
 * One outgoing HTTP request being recorded: made by {@link #start} before (or, for {@code
 * HttpURLConnection}, when) the exchange happens, it adds exactly one breadcrumb when told how the
 * exchange ended. Safe to finish from another thread than the one that started it (asynchronous
 * clients); only the first {@link #completed} or {@link #failed} counts, and a later one returns
 * once the first one's breadcrumb is added.
 */
final class HttpCall {
  private final Hub hub;
  private final String method;
  private final String rawUrl;
  private final Urls.Parts url;
  private final boolean sendDefaultPii;
  private final Object request;
  private boolean finished; // guarded by this

  private HttpCall(Hub hub, String method, String rawUrl, Urls.Parts url, boolean sendDefaultPii, Object request) {
    this.hub = hub;
    this.method = method;
    this.rawUrl = rawUrl;
    this.url = url;
    this.sendDefaultPii = sendDefaultPii;
    this.request = request;
  }

  /**
   * Starts recording a request, on the thread that makes it: the breadcrumb goes to this thread's
   * hub even when the response arrives on another.
   *
   * @param method the request method
   * @param url the request URL, in full
   * @param request the client's request object, for the hint
   * @return the call, or null when nothing is to be recorded: the integration is not active, the
   *     thread is inside the SDK, or the request goes to the DSN's host
   */
  static HttpCall start(String method, String url, Object request) {
    Hub hub = Recording.activeHub();
    if (hub == null) {
      return null;
    }
    try {
      Urls.Parts parts = Urls.split(url);
      boolean toSentry = hub.client().dsnHost().filter(dsn -> Urls.sameHost(dsn, parts.host())).isPresent();
      return toSentry ? null : new HttpCall(hub, method, url, parts, Recording.sendDefaultPii(hub), request);
    } catch (RuntimeException e) {
      return null; // never break the application's request
    }
  }

  /**
   * Returns the trace headers the request gets, on the thread that makes it (see {@link
   * TracePropagation}): the request is not to the DSN's host, or there would be no call.
   *
   * @param existing the values the request has for a header name, any case; empty for none
   * @return the headers to set, each replacing the request's; empty for none
   */
  Map<String, String> traceHeaders(Function<String, List<String>> existing) {
    return TracePropagation.headers(hub, rawUrl, existing);
  }

  /**
   * Records a response.
   *
   * @param status the status code
   * @param reason the reason phrase, or null when the client gives none
   */
  void completed(int status, String reason) {
    finish(status, reason, null);
  }

  /**
   * Records a request that got no response: the breadcrumb has no status.
   *
   * @param error what the client threw, or null when it did not say
   */
  void failed(Throwable error) {
    finish(null, null, error);
  }

  // Synchronized: a second finisher (a caller cancelling while the client's thread settles the
  // exchange) returns only once the first one's breadcrumb is added, so whoever looks after either
  // returns finds it.
  private synchronized void finish(Integer status, String reason, Throwable error) {
    if (finished) {
      return;
    }
    finished = true;
    try {
      Breadcrumb crumb = new Breadcrumb().setType("http").setCategory("httplib").setLevel(level(status));
      crumb.setData("url", sendDefaultPii ? url.url() : Secrets.FILTER.filterPathParameters(url.url()));
      crumb.setData("http.method", method);
      crumb.setData("http.query", sendDefaultPii ? url.query() : Secrets.FILTER.filterQuery(url.query()));
      crumb.setData("http.fragment", sendDefaultPii ? url.fragment() : Secrets.FILTER.filterQuery(url.fragment()));
      crumb.setData("http.response.status_code", status);
      if (reason != null && !reason.isEmpty()) {
        crumb.setData("reason", reason);
      }
      Hint hint = Hint.of(StdlibIntegration.HTTPLIB_REQUEST, request);
      if (error != null) {
        hint.set(Hint.THROWABLE, error);
      }
      Recording.add(hub, crumb, hint);
    } catch (RuntimeException e) {
      // Never let recording change the application's result.
    }
  }

  /** Warning for 4xx, error for 5xx, none otherwise (as Python's SDK sets it). */
  static Level level(Integer status) {
    if (status == null) {
      return null;
    }
    if (status >= 500 && status <= 599) {
      return Level.ERROR;
    }
    return status >= 400 && status <= 499 ? Level.WARNING : null;
  }
}
