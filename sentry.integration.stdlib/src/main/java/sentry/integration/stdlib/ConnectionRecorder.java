package sentry.integration.stdlib;

import java.io.IOException;
import java.net.HttpURLConnection;

/**
 * Records the one exchange of a wrapped {@link HttpURLConnection}. The wrappers call it after the
 * methods that need the response (status, headers, body) and after a failed connect; it asks the
 * delegate for the status then, which by that time the delegate holds without further network
 * traffic, and adds one breadcrumb per connection. Like the connection, not thread-safe.
 */
final class ConnectionRecorder {
  private final HttpURLConnection delegate;
  private final String url;
  private final HttpURLConnection owner;
  private boolean recorded;

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

  /** Records a connect (or request-body) failure: no response will come. */
  void connectFailed(IOException error) {
    if (recorded) {
      return;
    }
    recorded = true;
    HttpCall call = start();
    if (call != null) {
      call.failed(error);
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
    HttpCall call = start();
    if (call == null) {
      return;
    }
    int status;
    String reason;
    try {
      status = delegate.getResponseCode();
      reason = status < 0 ? null : delegate.getResponseMessage();
    } catch (IOException | RuntimeException e) {
      call.failed(thrown != null ? thrown : e);
      return;
    }
    if (status < 0) {
      call.failed(thrown); // not valid HTTP: no status to show
    } else {
      call.completed(status, reason);
    }
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
