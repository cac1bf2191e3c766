package sentry.integration.stdlib;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.util.Objects;
import javax.net.ssl.HttpsURLConnection;

/**
 * The one line that gives the JDK's HTTP clients breadcrumbs: the JDK has no hook to install
 * them, so the application wraps its client or opens its connections through this class.
 *
 * <pre>{@code
 * HttpClient http = SentryHttp.wrap(HttpClient.newHttpClient());
 * HttpURLConnection connection = SentryHttp.open(new URL("https://example.com/api"));
 * }</pre>
 *
 * <p>What is recorded is described on {@link StdlibIntegration}. A wrapper decides on each request
 * whether to record, so it can be made before {@code Sentry.init} and kept across re-inits; when
 * the current client does not have the {@code stdlib} integration it passes straight through.
 * Responses, futures and exceptions are the client's own, never replaced or wrapped.
 */
public final class SentryHttp {
  private SentryHttp() {}

  /**
   * Wraps a JDK {@link HttpClient} so that each {@code send} and {@code sendAsync} adds a
   * breadcrumb after its response or failure.
   *
   * <p>The wrapper has the client's configuration and delegates everything to it ({@code close}
   * and {@code shutdown} too, on JDK 21 and later). {@code send} returns the client's response and
   * throws the client's exception object. {@code sendAsync} returns a future that completes with
   * the client's response or exception object right after the breadcrumb is added, on the thread
   * that completed the client's future; cancelling it cancels the client's. The breadcrumb goes to
   * the hub of the thread that called {@code sendAsync}, and its {@code url} is the request's, not
   * where redirects led. The JDK's client gives no reason phrase, so {@code reason} is absent.
   *
   * @param client the client to wrap
   * @return the wrapper; {@code client} itself if it already is one
   * @throws NullPointerException if {@code client} is null
   */
  public static HttpClient wrap(HttpClient client) {
    Objects.requireNonNull(client, "SentryHttp.wrap(client): client is null");
    return client instanceof RecordingHttpClient ? client : new RecordingHttpClient(client);
  }

  /**
   * Opens a connection as {@link URL#openConnection()} does, wrapped so that its exchange adds a
   * breadcrumb; use it where the application would write {@code (HttpURLConnection)
   * url.openConnection()}.
   *
   * <p>Why an opener: the JDK offers no hook into {@code HttpURLConnection}, and recording after
   * the fact would have to ask the connection for its status, which makes the request when it was
   * never made. The wrapper instead watches the application's own calls: it records once, when the
   * application first reads the response (status, message, headers, body or content) or when
   * connecting or sending the body fails; a connection that is never used records nothing. A
   * {@code getInputStream} that throws for a 4xx or 5xx status still records that status, with the
   * server's reason phrase. Everything else (settings, streams, exceptions) is the delegate's, and
   * for {@code https} URLs the result is an {@link HttpsURLConnection}.
   *
   * @param url an {@code http} or {@code https} URL
   * @return the wrapped connection, not yet connected
   * @throws IOException if opening the connection fails, as from {@link URL#openConnection()}
   * @throws IllegalArgumentException if {@code url} does not open an {@link HttpURLConnection}
   * @throws NullPointerException if {@code url} is null
   */
  public static HttpURLConnection open(URL url) throws IOException {
    Objects.requireNonNull(url, "SentryHttp.open(url): url is null");
    URLConnection connection = url.openConnection();
    if (!(connection instanceof HttpURLConnection)) {
      throw new IllegalArgumentException("SentryHttp.open(url): url \"" + url.getProtocol() + ":…\" opens a "
          + connection.getClass().getName() + ", not an HttpURLConnection: expected an http or https URL");
    }
    return wrap((HttpURLConnection) connection);
  }

  /**
   * Wraps a connection the application opened itself (through a proxy, say) as {@link #open(URL)}
   * does. Wrap it before using it: what happened before is not recorded.
   *
   * @param connection the connection, not yet used
   * @return the wrapper, an {@link HttpsURLConnection} when {@code connection} is one; {@code
   *     connection} itself if it already is a wrapper
   * @throws NullPointerException if {@code connection} is null
   */
  public static HttpURLConnection wrap(HttpURLConnection connection) {
    Objects.requireNonNull(connection, "SentryHttp.wrap(connection): connection is null");
    if (connection instanceof RecordingConnection || connection instanceof RecordingHttpsConnection) {
      return connection;
    }
    return connection instanceof HttpsURLConnection
        ? new RecordingHttpsConnection((HttpsURLConnection) connection)
        : new RecordingConnection(connection);
  }
}
