package sentry.integration.stdlib;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.net.URL;
import java.security.Permission;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An {@link HttpURLConnection} that is its delegate in every method and records the exchange
 * through a {@link ConnectionRecorder}. For {@code https} URLs, {@link RecordingHttpsConnection}
 * plays the same part so that casts to {@code HttpsURLConnection} still work.
 */
final class RecordingConnection extends HttpURLConnection {
  private final HttpURLConnection delegate;
  private final ConnectionRecorder recorder;

  RecordingConnection(HttpURLConnection delegate) {
    this(delegate, null);
  }

  /**
   * Wraps a connection.
   *
   * @param delegate the real connection
   * @param owner the connection the application holds, for the hint; null for this one
   */
  RecordingConnection(HttpURLConnection delegate, HttpURLConnection owner) {
    super(delegate.getURL());
    this.delegate = delegate;
    this.recorder = new ConnectionRecorder(delegate, owner == null ? this : owner);
  }

  // --- the methods that make or read the exchange: recorded ---

  @Override
  public void connect() throws IOException {
    recorder.beforeRequest();
    try {
      delegate.connect();
    } catch (IOException e) {
      recorder.connectFailed(e);
      throw e;
    }
  }

  @Override
  public OutputStream getOutputStream() throws IOException {
    recorder.beforeRequest();
    try {
      return delegate.getOutputStream();
    } catch (IOException e) {
      recorder.connectFailed(e);
      throw e;
    }
  }

  @Override
  public int getResponseCode() throws IOException {
    return response(delegate::getResponseCode);
  }

  @Override
  public String getResponseMessage() throws IOException {
    return response(delegate::getResponseMessage);
  }

  @Override
  public InputStream getInputStream() throws IOException {
    return response(delegate::getInputStream);
  }

  @Override
  public Object getContent() throws IOException {
    return response(delegate::getContent);
  }

  @Override
  public Object getContent(Class<?>[] classes) throws IOException {
    return response(() -> delegate.getContent(classes));
  }

  @Override
  public String getHeaderField(String name) {
    return afterResponse(() -> delegate.getHeaderField(name));
  }

  @Override
  public String getHeaderField(int n) {
    return afterResponse(() -> delegate.getHeaderField(n));
  }

  @Override
  public String getHeaderFieldKey(int n) {
    return afterResponse(() -> delegate.getHeaderFieldKey(n));
  }

  @Override
  public Map<String, List<String>> getHeaderFields() {
    return afterResponse(delegate::getHeaderFields);
  }

  @Override
  public int getHeaderFieldInt(String name, int defaultValue) {
    return afterResponse(() -> delegate.getHeaderFieldInt(name, defaultValue));
  }

  @Override
  public long getHeaderFieldLong(String name, long defaultValue) {
    return afterResponse(() -> delegate.getHeaderFieldLong(name, defaultValue));
  }

  @Override
  public long getHeaderFieldDate(String name, long defaultValue) {
    return afterResponse(() -> delegate.getHeaderFieldDate(name, defaultValue));
  }

  @Override
  public String getContentType() {
    return afterResponse(delegate::getContentType);
  }

  @Override
  public String getContentEncoding() {
    return afterResponse(delegate::getContentEncoding);
  }

  @Override
  public int getContentLength() {
    return afterResponse(delegate::getContentLength);
  }

  @Override
  public long getContentLengthLong() {
    return afterResponse(delegate::getContentLengthLong);
  }

  @Override
  public long getDate() {
    return afterResponse(delegate::getDate);
  }

  @Override
  public long getExpiration() {
    return afterResponse(delegate::getExpiration);
  }

  @Override
  public long getLastModified() {
    return afterResponse(delegate::getLastModified);
  }

  /** A call to the delegate that may fail with an {@link IOException}. */
  @FunctionalInterface
  private interface IoCall<T> {
    T call() throws IOException;
  }

  /**
   * Makes a call that needs the response, then records the exchange; a failure is recorded too,
   * and thrown on as it was.
   */
  private <T> T response(IoCall<T> call) throws IOException {
    recorder.beforeRequest();
    try {
      T value = call.call();
      recorder.responded();
      return value;
    } catch (IOException e) {
      recorder.responded(e);
      throw e;
    }
  }

  /** Reads a part of the response that the delegate never throws for, then records the exchange. */
  private <T> T afterResponse(Supplier<T> read) {
    recorder.beforeRequest();
    T value = read.get();
    recorder.responded();
    return value;
  }

  // --- everything else: the delegate's ---

  @Override
  public InputStream getErrorStream() {
    return delegate.getErrorStream();
  }

  @Override
  public void disconnect() {
    delegate.disconnect();
  }

  @Override
  public boolean usingProxy() {
    return delegate.usingProxy();
  }

  @Override
  public void setAuthenticator(Authenticator auth) {
    delegate.setAuthenticator(auth);
  }

  @Override
  public void setFixedLengthStreamingMode(int contentLength) {
    delegate.setFixedLengthStreamingMode(contentLength);
  }

  @Override
  public void setFixedLengthStreamingMode(long contentLength) {
    delegate.setFixedLengthStreamingMode(contentLength);
  }

  @Override
  public void setChunkedStreamingMode(int chunkLength) {
    delegate.setChunkedStreamingMode(chunkLength);
  }

  @Override
  public void setInstanceFollowRedirects(boolean followRedirects) {
    delegate.setInstanceFollowRedirects(followRedirects);
  }

  @Override
  public boolean getInstanceFollowRedirects() {
    return delegate.getInstanceFollowRedirects();
  }

  @Override
  public void setRequestMethod(String method) throws ProtocolException {
    delegate.setRequestMethod(method);
  }

  @Override
  public String getRequestMethod() {
    return delegate.getRequestMethod();
  }

  @Override
  public Permission getPermission() throws IOException {
    return delegate.getPermission();
  }

  @Override
  public void setConnectTimeout(int timeout) {
    delegate.setConnectTimeout(timeout);
  }

  @Override
  public int getConnectTimeout() {
    return delegate.getConnectTimeout();
  }

  @Override
  public void setReadTimeout(int timeout) {
    delegate.setReadTimeout(timeout);
  }

  @Override
  public int getReadTimeout() {
    return delegate.getReadTimeout();
  }

  @Override
  public URL getURL() {
    return delegate.getURL();
  }

  @Override
  public void setDoInput(boolean doInput) {
    delegate.setDoInput(doInput);
  }

  @Override
  public boolean getDoInput() {
    return delegate.getDoInput();
  }

  @Override
  public void setDoOutput(boolean doOutput) {
    delegate.setDoOutput(doOutput);
  }

  @Override
  public boolean getDoOutput() {
    return delegate.getDoOutput();
  }

  @Override
  public void setAllowUserInteraction(boolean allowUserInteraction) {
    delegate.setAllowUserInteraction(allowUserInteraction);
  }

  @Override
  public boolean getAllowUserInteraction() {
    return delegate.getAllowUserInteraction();
  }

  @Override
  public void setUseCaches(boolean useCaches) {
    delegate.setUseCaches(useCaches);
  }

  @Override
  public boolean getUseCaches() {
    return delegate.getUseCaches();
  }

  @Override
  public void setIfModifiedSince(long ifModifiedSince) {
    delegate.setIfModifiedSince(ifModifiedSince);
  }

  @Override
  public long getIfModifiedSince() {
    return delegate.getIfModifiedSince();
  }

  @Override
  public boolean getDefaultUseCaches() {
    return delegate.getDefaultUseCaches();
  }

  @Override
  public void setDefaultUseCaches(boolean defaultUseCaches) {
    delegate.setDefaultUseCaches(defaultUseCaches);
  }

  @Override
  public void setRequestProperty(String key, String value) {
    delegate.setRequestProperty(key, value);
  }

  @Override
  public void addRequestProperty(String key, String value) {
    delegate.addRequestProperty(key, value);
  }

  @Override
  public String getRequestProperty(String key) {
    return delegate.getRequestProperty(key);
  }

  @Override
  public Map<String, List<String>> getRequestProperties() {
    return delegate.getRequestProperties();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
