package sentry.core.outbox;

import java.nio.file.Path;

/**
 * An envelope file this process has claimed: nobody else sends it until it is
 * {@link Outbox#release released} or {@link Outbox#delete deleted}. Thread-safe (immutable).
 */
public final class Stored {
  private final FileName name;
  private final Path path;
  private final long size;

  Stored(FileName name, Path path, long size) {
    this.name = name;
    this.path = path;
    this.size = size;
  }

  FileName name() {
    return name;
  }

  Path path() {
    return path;
  }

  /**
   * Returns the file's name without its state: the same while it is ready and while it is claimed,
   * and the same that the {@link OutboxListener} is told when the file is removed unsent. No two
   * files of a directory share it.
   *
   * @return the key
   */
  public String key() {
    return name.base();
  }

  /**
   * Returns the id of the envelope's event.
   *
   * @return 32 hex digits, or null when the envelope has no event
   */
  public String eventId() {
    return name.eventId();
  }

  /**
   * Returns the rate-limit data category of the envelope's main item.
   *
   * @return the category, such as {@code error}
   */
  public String category() {
    return name.category();
  }

  /**
   * Returns the size of the file.
   *
   * @return bytes, gzip-compressed as stored
   */
  public long size() {
    return size;
  }

  @Override
  public String toString() {
    return "Stored[" + path.getFileName() + "]";
  }
}
