package sentry.core.outbox;

/** Hears of the files an {@link Outbox} removes unsent. Called on the outbox's caller's thread. */
@FunctionalInterface
public interface OutboxListener {
  /** Why the outbox removed a file that was never sent. */
  enum Discard {
    /** Room was needed for a newer envelope. */
    OVERFLOW,
    /** It was older than the maximum age. */
    EXPIRED,
    /** It could not be read back as an envelope; it was moved to {@code corrupt}. */
    CORRUPT
  }

  /**
   * A file was removed, or set aside, unsent.
   *
   * @param why why
   * @param category the data category its name gives
   * @param eventId the event id its name gives, or null
   * @param key the file's {@link Stored#key() key}, which tells it apart from every other file
   */
  void discarded(Discard why, String category, String eventId, String key);
}
