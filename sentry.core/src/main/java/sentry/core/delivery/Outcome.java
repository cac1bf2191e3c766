package sentry.core.delivery;

import sentry.api.DropReason;

/** How one {@link Delivery} ended, and what that means for the send window and the drop counts. */
enum Outcome {
  /** A 2xx. */
  DELIVERED,
  /** A 4xx other than 429: refused for good. */
  REFUSED,
  /** A 429: Sentry accounts for it and may send rate limits. */
  TOO_MANY,
  /** A 5xx. */
  SERVER_ERROR,
  /** A proxy's 407: a configuration error, not Sentry's answer; kept like {@link #UNREACHED}. */
  PROXY_REFUSED,
  /** No answer: connect failure, reset, timeout, or the dispatcher closed. */
  UNREACHED,
  /** It could not be serialized. */
  UNSENDABLE,
  /** Its category is rate-limited. */
  LIMITED,
  /** Nothing to send: an empty client report, or an outbox file that is gone or was corrupt. */
  NOTHING;

  /** What an outcome tells the {@link SendWindow}: only answers from Sentry, or none, resize it. */
  SendWindow.Signal signal() {
    switch (this) {
      case DELIVERED:
        return SendWindow.Signal.GROW;
      case TOO_MANY:
      case SERVER_ERROR:
      case PROXY_REFUSED:
      case UNREACHED:
        return SendWindow.Signal.SHRINK;
      default:
        // REFUSED (Sentry answered), and attempts that sent nothing: UNSENDABLE, LIMITED, NOTHING.
        return SendWindow.Signal.KEEP;
    }
  }

  /** Why an envelope with no outbox file is dropped after this outcome; null when it is not. */
  DropReason inMemoryDrop() {
    switch (this) {
      case REFUSED:
      case SERVER_ERROR:
      case UNSENDABLE:
        return DropReason.SEND_ERROR;
      case UNREACHED:
      case PROXY_REFUSED:
        return DropReason.NETWORK_ERROR;
      case LIMITED:
        return DropReason.RATELIMIT_BACKOFF;
      default:
        // DELIVERED, NOTHING; and TOO_MANY, which Sentry accounts for itself.
        return null;
    }
  }
}
