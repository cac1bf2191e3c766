package sentry.api;

/**
 * Why the SDK dropped an event before Sentry took it. Every drop is counted under one of these
 * reasons and reported to Sentry in client reports.
 */
public enum DropReason {
  /** The send queue was full. */
  QUEUE_OVERFLOW("queue_overflow"),
  /** Sentry asked the SDK to hold back this kind of item for a while. */
  RATELIMIT_BACKOFF("ratelimit_backoff"),
  /** The request could not reach Sentry. */
  NETWORK_ERROR("network_error"),
  /** Sampling left the event out. */
  SAMPLE_RATE("sample_rate"),
  /** {@code beforeSend} returned null or threw. */
  BEFORE_SEND("before_send"),
  /** An event processor returned null, or the event matched an ignored exception type. */
  EVENT_PROCESSOR("event_processor"),
  /** Sentry refused the request. */
  SEND_ERROR("send_error"),
  /** The offline outbox was full. */
  CACHE_OVERFLOW("cache_overflow");

  private final String protocolName;

  DropReason(String protocolName) {
    this.protocolName = protocolName;
  }

  /**
   * Returns the reason's name in client reports.
   *
   * @return the name, such as {@code "queue_overflow"}
   */
  public String protocolName() {
    return protocolName;
  }
}
