package sentry.integration.stdlib;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** Each HTTP client the integration supports, set up with its one line, making a GET. */
enum Clients {
  JDK_SEND(false) {
    @Override
    Exchange get(String url) throws Exception {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
      try {
        return new Exchange(request, JDK.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
      } catch (IOException e) {
        return new Exchange(request, e);
      }
    }
  },
  JDK_SEND_ASYNC(false) {
    @Override
    Exchange get(String url) throws Exception {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
      try {
        return new Exchange(request, JDK.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join().statusCode());
      } catch (CompletionException e) {
        return new Exchange(request, e.getCause());
      }
    }
  },
  URL_CONNECTION(true) {
    @Override
    Exchange get(String url) throws Exception {
      HttpURLConnection connection = SentryHttp.open(new URL(url));
      try {
        int status = connection.getResponseCode();
        InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        if (body != null) {
          body.readAllBytes();
          body.close();
        }
        return new Exchange(connection, status);
      } catch (IOException e) {
        return new Exchange(connection, e);
      } finally {
        connection.disconnect();
      }
    }
  },
  APACHE_CLASSIC(true) {
    @Override
    Exchange get(String url) throws Exception {
      HttpGet request = new HttpGet(url);
      try {
        int status = APACHE.execute(request, response -> {
          EntityUtils.consume(response.getEntity());
          return response.getCode();
        });
        return new Exchange(request, status);
      } catch (IOException e) {
        return new Exchange(request, e);
      }
    }
  },
  APACHE_ASYNC(true) {
    @Override
    Exchange get(String url) throws Exception {
      SimpleHttpRequest request = SimpleRequestBuilder.get(url).build();
      Future<SimpleHttpResponse> response = APACHE_ASYNC_CLIENT.execute(request, null);
      try {
        return new Exchange(request, response.get().getCode());
      } catch (ExecutionException e) {
        return new Exchange(request, e.getCause());
      }
    }
  };

  /** The clients, each made once with the line the README gives. */
  static final HttpClient JDK = SentryHttp.wrap(HttpClient.newHttpClient());
  static final CloseableHttpClient APACHE = HttpClients.custom()
      .addExecInterceptorFirst(SentryExecChainHandler.NAME, new SentryExecChainHandler())
      .build();
  static final CloseableHttpAsyncClient APACHE_ASYNC_CLIENT = HttpAsyncClients.custom()
      .addExecInterceptorFirst(SentryAsyncExecChainHandler.NAME, new SentryAsyncExecChainHandler())
      .build();

  static {
    APACHE_ASYNC_CLIENT.start();
  }

  private final boolean givesReason;

  Clients(boolean givesReason) {
    this.givesReason = givesReason;
  }

  /** Tells whether the client exposes the reason phrase (the JDK's HttpClient does not). */
  boolean givesReason() {
    return givesReason;
  }

  /**
   * Makes a GET request and reads the whole response.
   *
   * @return the request object the application used and the status, or what the client threw
   */
  abstract Exchange get(String url) throws Exception;

  /** What a request gave: its request object, and a status or an exception. */
  record Exchange(Object request, int status, Throwable error) {
    Exchange(Object request, int status) {
      this(request, status, null);
    }

    Exchange(Object request, Throwable error) {
      this(request, -1, error);
    }
  }
}
