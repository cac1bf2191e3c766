package sentry.core.delivery;

/**
 * What the send queue holds, one of a closed set: an offered envelope with the room it took
 * ({@link Charged}), or a request for a client report of its own ({@link ReportRequest}). The
 * worker, the deliveries and the close tell them apart by their type, and neither pretends to be
 * the other.
 */
sealed interface QueueItem permits Charged, ReportRequest {
  /** Gives back what the item holds of the queue's byte bound, once; nothing for a report request. */
  default void giveBack() {}
}
