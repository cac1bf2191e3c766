package sentry.integration.stdlib;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;

/**
 * Records the one exchange of a wrapped {@link HttpURLConnection}. The wrappers call it before the
 * first method that may send the request, which adds the trace headers (see {@link
 * TracePropagation}) while the request can still take them; after the methods that need the
 * response (status, headers, body) and after a failed connect, it asks the delegate for the status,
 * which by that time the delegate holds without further network traffic, and adds one breadcrumb
 * per connection. Like the connection, not thread-safe.
 */
final class ConnectionRecorder {
  private final HttpURLConnection delegate;
  private final String url;
  private final HttpURLConnection owner;
  private boolean recorded;
  private boolean started;
  private HttpCall call;

  /**
   * Makes a recorder.
   *
   * @param delegate the real connection
   * @param owner the wrapper the application holds: the request object in the hint
   */
  ConnectionRecorder(HttpURLConnection delegate, HttpURLConnection owner) {
    this.delegate = delegate;
    this.owner = owner;
    // The URL as opened: after redirects the delegate reports where it ended up.
    this.url = delegate.getURL().toExternalForm();
  }

  /**
   * Adds the trace headers, once, before the first call that may send the request; a request
   * property the application set itself is kept. Does nothing once the delegate is connected.
   */
  void beforeRequest() {
    if (started) {
      return;
    }
    HttpCall current = call();
    if (current == null) {
      return;
    }
    try {
      Map<String, List<String>> properties = delegate.getRequestProperties();
      current.traceHeaders(name -> values(properties, name)).forEach(delegate::setRequestProperty);
    } catch (RuntimeException e) {
      // Connected already (IllegalStateException), or the delegate refused: send it as it is.
    }
  }

  private static List<String> values(Map<String, List<String>> properties, String name) {
    for (Map.Entry<String, List<String>> property : properties.entrySet()) {
      if (name.equalsIgnoreCase(property.getKey()) && property.getValue() != null) {
        return property.getValue();
      }
    }
    return List.of();
  }

  /** Records a connect (or request-body) failure: no response will come. */
  void connectFailed(IOException error) {
    if (recorded) {
      return;
    }
    recorded = true;
    HttpCall current = call();
    if (current != null) {
      current.failed(error);
    }
  }

  /** Records the response, after a method that needs it returned. */
  void responded() {
    responded(null);
  }

  /**
   * Records the response, after a method that needs it returned or threw: {@code getInputStream}
   * throws for a 4xx or 5xx status, and the status is still there.
   *
   * @param thrown what the application's call threw, or null
   */
  void responded(IOException thrown) {
    if (recorded) {
      return;
    }
    recorded = true;
    HttpCall current = call();
    if (current == null) {
      return;
    }
    int status;
    String reason;
    try {
      status = delegate.getResponseCode();
      reason = status < 0 ? null : delegate.getResponseMessage();
    } catch (IOException | RuntimeException e) {
      current.failed(thrown != null ? thrown : e);
      return;
    }
    if (status < 0) {
      current.failed(thrown); // not valid HTTP: no status to show
    } else {
      current.completed(status, reason);
    }
  }

  /** The exchange's call, started on the first use: null when nothing is to be recorded. */
  private HttpCall call() {
    if (!started) {
      started = true;
      call = start();
    }
    return call;
  }

  private HttpCall start() {
    String method;
    try {
      method = delegate.getRequestMethod();
    } catch (RuntimeException e) {
      method = "GET";
    }
    return HttpCall.start(method, url, owner);
  }
}
