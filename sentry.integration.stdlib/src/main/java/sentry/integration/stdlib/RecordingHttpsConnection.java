package sentry.integration.stdlib;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.ProtocolException;
import java.net.URL;
import java.security.Permission;
import java.security.Principal;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocketFactory;

/**
 * The {@code https} form of {@link RecordingConnection}: an {@link HttpsURLConnection}, so that
 * code which casts to it to set a socket factory or a host name verifier keeps working. The
 * {@code HttpURLConnection} methods go through a {@link RecordingConnection} over the same
 * delegate, which records the exchange; the TLS methods go to the delegate itself.
 */
final class RecordingHttpsConnection extends HttpsURLConnection {
  private final HttpsURLConnection delegate;
  private final RecordingConnection recording;

  RecordingHttpsConnection(HttpsURLConnection delegate) {
    super(delegate.getURL());
    this.delegate = delegate;
    this.recording = new RecordingConnection(delegate, this);
  }

  // --- HttpURLConnection: through the recording wrapper ---

  @Override
  public void connect() throws IOException {
    recording.connect();
  }

  @Override
  public OutputStream getOutputStream() throws IOException {
    return recording.getOutputStream();
  }

  @Override
  public int getResponseCode() throws IOException {
    return recording.getResponseCode();
  }

  @Override
  public String getResponseMessage() throws IOException {
    return recording.getResponseMessage();
  }

  @Override
  public InputStream getInputStream() throws IOException {
    return recording.getInputStream();
  }

  @Override
  public Object getContent() throws IOException {
    return recording.getContent();
  }

  @Override
  public Object getContent(Class<?>[] classes) throws IOException {
    return recording.getContent(classes);
  }

  @Override
  public String getHeaderField(String name) {
    return recording.getHeaderField(name);
  }

  @Override
  public String getHeaderField(int n) {
    return recording.getHeaderField(n);
  }

  @Override
  public String getHeaderFieldKey(int n) {
    return recording.getHeaderFieldKey(n);
  }

  @Override
  public Map<String, List<String>> getHeaderFields() {
    return recording.getHeaderFields();
  }

  @Override
  public int getHeaderFieldInt(String name, int defaultValue) {
    return recording.getHeaderFieldInt(name, defaultValue);
  }

  @Override
  public long getHeaderFieldLong(String name, long defaultValue) {
    return recording.getHeaderFieldLong(name, defaultValue);
  }

  @Override
  public long getHeaderFieldDate(String name, long defaultValue) {
    return recording.getHeaderFieldDate(name, defaultValue);
  }

  @Override
  public String getContentType() {
    return recording.getContentType();
  }

  @Override
  public String getContentEncoding() {
    return recording.getContentEncoding();
  }

  @Override
  public int getContentLength() {
    return recording.getContentLength();
  }

  @Override
  public long getContentLengthLong() {
    return recording.getContentLengthLong();
  }

  @Override
  public long getDate() {
    return recording.getDate();
  }

  @Override
  public long getExpiration() {
    return recording.getExpiration();
  }

  @Override
  public long getLastModified() {
    return recording.getLastModified();
  }

  @Override
  public InputStream getErrorStream() {
    return recording.getErrorStream();
  }

  @Override
  public void disconnect() {
    recording.disconnect();
  }

  @Override
  public boolean usingProxy() {
    return recording.usingProxy();
  }

  @Override
  public void setAuthenticator(Authenticator auth) {
    recording.setAuthenticator(auth);
  }

  @Override
  public void setFixedLengthStreamingMode(int contentLength) {
    recording.setFixedLengthStreamingMode(contentLength);
  }

  @Override
  public void setFixedLengthStreamingMode(long contentLength) {
    recording.setFixedLengthStreamingMode(contentLength);
  }

  @Override
  public void setChunkedStreamingMode(int chunkLength) {
    recording.setChunkedStreamingMode(chunkLength);
  }

  @Override
  public void setInstanceFollowRedirects(boolean followRedirects) {
    recording.setInstanceFollowRedirects(followRedirects);
  }

  @Override
  public boolean getInstanceFollowRedirects() {
    return recording.getInstanceFollowRedirects();
  }

  @Override
  public void setRequestMethod(String method) throws ProtocolException {
    recording.setRequestMethod(method);
  }

  @Override
  public String getRequestMethod() {
    return recording.getRequestMethod();
  }

  @Override
  public Permission getPermission() throws IOException {
    return recording.getPermission();
  }

  @Override
  public void setConnectTimeout(int timeout) {
    recording.setConnectTimeout(timeout);
  }

  @Override
  public int getConnectTimeout() {
    return recording.getConnectTimeout();
  }

  @Override
  public void setReadTimeout(int timeout) {
    recording.setReadTimeout(timeout);
  }

  @Override
  public int getReadTimeout() {
    return recording.getReadTimeout();
  }

  @Override
  public URL getURL() {
    return recording.getURL();
  }

  @Override
  public void setDoInput(boolean doInput) {
    recording.setDoInput(doInput);
  }

  @Override
  public boolean getDoInput() {
    return recording.getDoInput();
  }

  @Override
  public void setDoOutput(boolean doOutput) {
    recording.setDoOutput(doOutput);
  }

  @Override
  public boolean getDoOutput() {
    return recording.getDoOutput();
  }

  @Override
  public void setAllowUserInteraction(boolean allowUserInteraction) {
    recording.setAllowUserInteraction(allowUserInteraction);
  }

  @Override
  public boolean getAllowUserInteraction() {
    return recording.getAllowUserInteraction();
  }

  @Override
  public void setUseCaches(boolean useCaches) {
    recording.setUseCaches(useCaches);
  }

  @Override
  public boolean getUseCaches() {
    return recording.getUseCaches();
  }

  @Override
  public void setIfModifiedSince(long ifModifiedSince) {
    recording.setIfModifiedSince(ifModifiedSince);
  }

  @Override
  public long getIfModifiedSince() {
    return recording.getIfModifiedSince();
  }

  @Override
  public boolean getDefaultUseCaches() {
    return recording.getDefaultUseCaches();
  }

  @Override
  public void setDefaultUseCaches(boolean defaultUseCaches) {
    recording.setDefaultUseCaches(defaultUseCaches);
  }

  @Override
  public void setRequestProperty(String key, String value) {
    recording.setRequestProperty(key, value);
  }

  @Override
  public void addRequestProperty(String key, String value) {
    recording.addRequestProperty(key, value);
  }

  @Override
  public String getRequestProperty(String key) {
    return recording.getRequestProperty(key);
  }

  @Override
  public Map<String, List<String>> getRequestProperties() {
    return recording.getRequestProperties();
  }

  // --- HttpsURLConnection: the delegate's ---

  @Override
  public String getCipherSuite() {
    return delegate.getCipherSuite();
  }

  @Override
  public Certificate[] getLocalCertificates() {
    return delegate.getLocalCertificates();
  }

  @Override
  public Certificate[] getServerCertificates() throws SSLPeerUnverifiedException {
    return delegate.getServerCertificates();
  }

  @Override
  public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
    return delegate.getPeerPrincipal();
  }

  @Override
  public Principal getLocalPrincipal() {
    return delegate.getLocalPrincipal();
  }

  @Override
  public void setHostnameVerifier(HostnameVerifier verifier) {
    delegate.setHostnameVerifier(verifier);
  }

  @Override
  public HostnameVerifier getHostnameVerifier() {
    return delegate.getHostnameVerifier();
  }

  @Override
  public void setSSLSocketFactory(SSLSocketFactory factory) {
    delegate.setSSLSocketFactory(factory);
  }

  @Override
  public SSLSocketFactory getSSLSocketFactory() {
    return delegate.getSSLSocketFactory();
  }

  @Override
  public Optional<SSLSession> getSSLSession() {
    return delegate.getSSLSession();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
