package sentry.integration.stdlib;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URL;

/** A connection that fails to connect with one known exception object, whichever way it is used. */
final class FailingConnection extends HttpURLConnection {
  final IOException failure = new ConnectException("Connection refused (a test's own)");

  FailingConnection(URL url) {
    super(url);
  }

  @Override
  public void connect() throws IOException {
    throw failure;
  }

  @Override
  public InputStream getInputStream() throws IOException {
    throw failure;
  }

  @Override
  public int getResponseCode() throws IOException {
    throw failure;
  }

  @Override
  public void disconnect() {}

  @Override
  public boolean usingProxy() {
    return false;
  }
}
