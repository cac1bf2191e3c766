package sentry.api;

import org.jspecify.annotations.Nullable;
import sentry.api.SentryOptions.Proxy;

/**
 * The options that decide how events are delivered: timeouts, the queue, requests in flight, the
 * proxy, client reports and the offline outbox. One link of {@link SentryOptions}' chain (see
 * {@link FreezableOptions}).
 */
abstract class DeliveryOptions extends FilterOptions {
  private long shutdownTimeoutMillis = 2_000;
  private long flushTimeoutMillis = 15_000;
  private int maxQueueSize = 100;
  private long maxQueueBytes = 8L << 20;
  private int connectionTimeoutMillis = 5_000;
  private int readTimeoutMillis = 5_000;
  private int maxRequestsInFlight = 16;
  private long responseTimeoutMillis = 30_000;
  private int maxResponseBodyBytes = 64 * 1024;
  private @Nullable Proxy proxy;
  private boolean sendClientReports = true;
  private @Nullable String cacheDirPath;
  private int maxCacheItems = 30;
  private long maxCacheSizeBytes = 10L * 1024 * 1024;

  /** Makes the defaults. */
  DeliveryOptions() {}

  /**
   * Makes a frozen copy of {@code from}.
   *
   * @param from the options copied
   */
  DeliveryOptions(DeliveryOptions from) {
    super(from);
    shutdownTimeoutMillis = from.shutdownTimeoutMillis;
    flushTimeoutMillis = from.flushTimeoutMillis;
    maxQueueSize = from.maxQueueSize;
    maxQueueBytes = from.maxQueueBytes;
    connectionTimeoutMillis = from.connectionTimeoutMillis;
    readTimeoutMillis = from.readTimeoutMillis;
    maxRequestsInFlight = from.maxRequestsInFlight;
    responseTimeoutMillis = from.responseTimeoutMillis;
    maxResponseBodyBytes = from.maxResponseBodyBytes;
    proxy = from.proxy;
    sendClientReports = from.sendClientReports;
    cacheDirPath = from.cacheDirPath;
    maxCacheItems = from.maxCacheItems;
    maxCacheSizeBytes = from.maxCacheSizeBytes;
  }

  /**
   * Returns how long {@code close()} and the shutdown hook wait for pending events.
   *
   * @return milliseconds
   */
  public long getShutdownTimeoutMillis() {
    return shutdownTimeoutMillis;
  }

  /**
   * Sets how long {@code close()} and the shutdown hook wait for pending events. Default 2000; 0
   * does not wait. What {@code close()} still finds queued when this time is over is written to the
   * outbox for the next process when there is one ({@link #setCacheDirPath}), which can take some
   * milliseconds more, and is otherwise dropped and counted as {@code network_error}.
   *
   * @param millis from 0 to 600000
   */
  public void setShutdownTimeoutMillis(long millis) {
    checkMutable("setShutdownTimeoutMillis");
    this.shutdownTimeoutMillis = check("shutdownTimeoutMillis", millis, 0, 600_000);
  }

  /**
   * Returns the default timeout of {@code flush}.
   *
   * @return milliseconds
   */
  public long getFlushTimeoutMillis() {
    return flushTimeoutMillis;
  }

  /**
   * Sets the default timeout of {@code flush}. Default 15000.
   *
   * @param millis from 0 to 600000
   */
  public void setFlushTimeoutMillis(long millis) {
    checkMutable("setFlushTimeoutMillis");
    this.flushTimeoutMillis = check("flushTimeoutMillis", millis, 0, 600_000);
  }

  /**
   * Returns how many envelopes may wait to be sent.
   *
   * @return the queue size
   */
  public int getMaxQueueSize() {
    return maxQueueSize;
  }

  /**
   * Sets how many envelopes may wait to be sent; further ones are dropped and counted. Default
   * 100.
   *
   * @param maxQueueSize from 1 to 100000
   */
  public void setMaxQueueSize(int maxQueueSize) {
    checkMutable("setMaxQueueSize");
    this.maxQueueSize = (int) check("maxQueueSize", maxQueueSize, 1, 100_000);
  }

  /**
   * Returns how many bytes of events may wait to be sent.
   *
   * @return bytes
   */
  public long getMaxQueueBytes() {
    return maxQueueBytes;
  }

  /**
   * Sets how many bytes of events, by a rough estimate of what each holds in memory (its messages,
   * its exceptions' messages, tags, extras and breadcrumbs), may be queued or in flight before
   * they are serialized and let go; further ones are dropped and counted as {@code queue_overflow}.
   * An event larger than the whole bound is kept only while nothing else is. With
   * {@code maxQueueSize}, it keeps the SDK's memory bounded whatever the application captures.
   * Default 8388608 (8 MiB). Key {@code max-queue-bytes} ({@code SENTRY_MAX_QUEUE_BYTES}).
   *
   * @param maxQueueBytes from 1024 to 1073741824
   */
  public void setMaxQueueBytes(long maxQueueBytes) {
    checkMutable("setMaxQueueBytes");
    this.maxQueueBytes = check("maxQueueBytes", maxQueueBytes, 1024, 1L << 30);
  }

  /**
   * Returns the connect timeout.
   *
   * @return milliseconds
   */
  public int getConnectionTimeoutMillis() {
    return connectionTimeoutMillis;
  }

  /**
   * Sets the connect timeout. Default 5000.
   *
   * @param millis from 1 to 600000
   */
  public void setConnectionTimeoutMillis(int millis) {
    checkMutable("setConnectionTimeoutMillis");
    this.connectionTimeoutMillis =
        (int) check("connectionTimeoutMillis", millis, 1, 600_000);
  }

  /**
   * Returns the read timeout.
   *
   * @return milliseconds
   */
  public int getReadTimeoutMillis() {
    return readTimeoutMillis;
  }

  /**
   * Sets how long to wait for Sentry's answer. Default 5000.
   *
   * @param millis from 1 to 600000
   */
  public void setReadTimeoutMillis(int millis) {
    checkMutable("setReadTimeoutMillis");
    this.readTimeoutMillis = (int) check("readTimeoutMillis", millis, 1, 600_000);
  }

  /**
   * Returns the deadline for a whole answer.
   *
   * @return milliseconds
   */
  public long getResponseTimeoutMillis() {
    return responseTimeoutMillis;
  }

  /**
   * Sets how long one envelope may take from the moment it is handed to the HTTP client until
   * Sentry's answer is read whole: connecting, sending, waiting and reading the answer's body.
   * Unlike the read timeout, which only bounds a silence, it also ends an answer that trickles in
   * or never ends. When it passes, the connection is dropped; the envelope counts as delivered if
   * the answer's status line had come and said so, else as not reached (kept in the outbox, or
   * {@code network_error}). Default 30000. Key {@code response-timeout-millis}
   * ({@code SENTRY_RESPONSE_TIMEOUT_MILLIS}).
   *
   * @param millis from 1 to 600000
   */
  public void setResponseTimeoutMillis(long millis) {
    checkMutable("setResponseTimeoutMillis");
    this.responseTimeoutMillis = check("responseTimeoutMillis", millis, 1, 600_000);
  }

  /**
   * Returns how much of an answer's body is read.
   *
   * @return bytes
   */
  public int getMaxResponseBodyBytes() {
    return maxResponseBodyBytes;
  }

  /**
   * Sets how many bytes of an answer's body are read at most. Sentry's answer is a short JSON
   * object; a longer body is not read on: the status already tells the outcome, and the connection
   * is dropped instead of kept alive. Default 65536. Key {@code max-response-body-bytes}
   * ({@code SENTRY_MAX_RESPONSE_BODY_BYTES}).
   *
   * @param bytes from 1 to 1073741824
   */
  public void setMaxResponseBodyBytes(int bytes) {
    checkMutable("setMaxResponseBodyBytes");
    this.maxResponseBodyBytes = (int) check("maxResponseBodyBytes", bytes, 1, 1 << 30);
  }

  /**
   * Returns how many requests may be in flight at once.
   *
   * @return the number of requests
   */
  public int getMaxRequestsInFlight() {
    return maxRequestsInFlight;
  }

  /**
   * Sets how many requests may be in flight at once over kept-alive connections. Default 16:
   * enough to keep delivering when Sentry is slow to answer, on one I/O thread.
   *
   * @param max from 1 to 64
   */
  public void setMaxRequestsInFlight(int max) {
    checkMutable("setMaxRequestsInFlight");
    this.maxRequestsInFlight = (int) check("maxRequestsInFlight", max, 1, 64);
  }

  /**
   * Returns the proxy.
   *
   * @return the proxy, or null for a direct connection
   */
  public @Nullable Proxy getProxy() {
    return proxy;
  }

  /**
   * Sends through an HTTP proxy. Its credentials are used by this SDK alone, never through the
   * JVM-wide {@link java.net.Authenticator}.
   *
   * @param proxy the proxy, or null for a direct connection
   */
  public void setProxy(@Nullable Proxy proxy) {
    checkMutable("setProxy");
    this.proxy = proxy;
  }

  /**
   * Tells whether the SDK reports its drops to Sentry.
   *
   * @return true by default
   */
  public boolean isSendClientReports() {
    return sendClientReports;
  }

  /**
   * Reports to Sentry how many events the SDK dropped, and why ({@code queue_overflow},
   * {@code ratelimit_backoff}, {@code network_error}, {@code sample_rate}, {@code before_send},
   * {@code event_processor}, {@code send_error}, {@code cache_overflow}), in client reports:
   * aggregated counts attached to envelopes that are sent anyway, and sent on their own by
   * {@code flush} and {@code close} when counts are waiting. Default on.
   *
   * @param sendClientReports false to keep the counts to the SDK
   */
  public void setSendClientReports(boolean sendClientReports) {
    checkMutable("setSendClientReports");
    this.sendClientReports = sendClientReports;
  }

  /**
   * Returns the directory of the offline outbox.
   *
   * @return the path, or null when there is no outbox (the default)
   */
  public @Nullable String getCacheDirPath() {
    return cacheDirPath;
  }

  /**
   * Keeps envelopes in an offline outbox under this directory: each envelope is written there
   * before it is sent and removed once Sentry has taken it or refused it for good; what the
   * network or Sentry did not take is sent again later, by this process or the next one that uses
   * the same directory and DSN, and what {@code close()} still finds queued when its timeout is
   * over is written there for the next one. While every request is in flight (Sentry slow or not
   * answering), queued envelopes are written there to wait for their turn instead of filling the
   * queue. Each DSN has its own sub-directory. Without it (the
   * default) the SDK never touches the disk. The directory is created on the SDK's own thread; if it
   * cannot be used, the SDK says so once and keeps envelopes in memory.
   *
   * @param cacheDirPath a directory path, or null or blank for no outbox
   * @throws IllegalArgumentException if this system does not accept the path
   */
  public void setCacheDirPath(@Nullable String cacheDirPath) {
    checkMutable("setCacheDirPath");
    this.cacheDirPath = checkPath("cacheDirPath", cacheDirPath);
  }

  /**
   * Returns how many envelopes the outbox keeps at most.
   *
   * @return the number of envelopes
   */
  public int getMaxCacheItems() {
    return maxCacheItems;
  }

  /**
   * Sets how many envelopes the outbox keeps at most; when it is full, the oldest are removed and
   * counted as {@code cache_overflow}. Default 30.
   *
   * @param maxCacheItems from 1 to 10000
   */
  public void setMaxCacheItems(int maxCacheItems) {
    checkMutable("setMaxCacheItems");
    this.maxCacheItems = (int) check("maxCacheItems", maxCacheItems, 1, 10_000);
  }

  /**
   * Returns how many bytes the outbox's files may take at most.
   *
   * @return bytes, compressed as stored
   */
  public long getMaxCacheSizeBytes() {
    return maxCacheSizeBytes;
  }

  /**
   * Sets how many bytes the outbox's files may take at most, compressed as they are stored; when
   * a new envelope would not fit, the oldest are removed and counted as {@code cache_overflow},
   * and an envelope larger than the whole bound is sent from memory only. Default 10 MiB.
   *
   * @param maxCacheSizeBytes from 1 to 1073741824 (1 GiB)
   */
  public void setMaxCacheSizeBytes(long maxCacheSizeBytes) {
    checkMutable("setMaxCacheSizeBytes");
    this.maxCacheSizeBytes =
        check("maxCacheSizeBytes", maxCacheSizeBytes, 1, 1L << 30);
  }
}
