package sentry.integration.stdlib;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.net.URIAuthority;

/**
 * Reads an Apache HttpClient 5 request for its breadcrumb, and adds its trace headers. Loaded only
 * by the HttpClient 5 handlers.
 */
final class ApacheRequests {
  private ApacheRequests() {}

  /**
   * Starts recording a request.
   *
   * @param request the request as the exec chain passes it
   * @param original the application's request object, for the hint; may be null
   * @param route the route, for the target when the request's URI is relative; may be null
   * @return the call, or null when nothing is to be recorded
   */
  static HttpCall start(HttpRequest request, HttpRequest original, HttpRoute route) {
    String url;
    try {
      url = url(request, route);
    } catch (RuntimeException e) {
      url = request.getRequestUri();
    }
    return HttpCall.start(request.getMethod(), url, original != null ? original : request);
  }

  /**
   * Adds the trace headers to the request the chain passes on (see {@link TracePropagation}): a
   * copy that HttpClient made of the application's. Never throws.
   *
   * @param call the request's call
   * @param request the request as the exec chain passes it
   */
  static void addTraceHeaders(HttpCall call, HttpRequest request) {
    try {
      Map<String, String> headers = call.traceHeaders(name -> values(request.getHeaders(name)));
      headers.forEach((name, value) -> {
        request.removeHeaders(name);
        request.addHeader(name, value);
      });
    } catch (RuntimeException e) {
      // Never break the application's request: it goes as it was.
    }
  }

  private static List<String> values(Header[] headers) {
    List<String> values = new ArrayList<>(headers.length);
    for (Header header : headers) {
      values.add(header.getValue());
    }
    return values;
  }

  /** The absolute URL: the request's scheme and authority, else the route's target host. */
  private static String url(HttpRequest request, HttpRoute route) {
    String path = request.getPath() == null ? "/" : request.getPath();
    if (path.contains("://")) {
      return path; // an absolute request URI, as sent to a proxy
    }
    URIAuthority authority = request.getAuthority();
    HttpHost target = route == null ? null : route.getTargetHost();
    String scheme = request.getScheme() != null ? request.getScheme()
        : target != null ? target.getSchemeName() : "http";
    String hostAndPort;
    if (authority != null) {
      hostAndPort = (authority.getUserInfo() != null ? authority.getUserInfo() + "@" : "")
          + hostForUri(authority.getHostName()) + (authority.getPort() >= 0 ? ":" + authority.getPort() : "");
    } else if (target != null) {
      hostAndPort = hostForUri(target.getHostName()) + (target.getPort() >= 0 ? ":" + target.getPort() : "");
    } else {
      return path;
    }
    return scheme + "://" + hostAndPort + (path.startsWith("/") ? "" : "/") + path;
  }

  private static String hostForUri(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
