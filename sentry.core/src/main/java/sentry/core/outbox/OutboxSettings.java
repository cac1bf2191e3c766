package sentry.core.outbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Where an outbox keeps its files and how much it may hold.
 *
 * @param root the cache directory the user named; each DSN gets a sub-directory of it
 * @param dsnIdentity what tells one DSN from another: its endpoint and public key, never its
 *     secret. Only a hash of it is written, as the sub-directory's name, so that a process with
 *     another DSN never sends our files
 * @param maxItems how many envelope files it may hold, from 1
 * @param maxBytes how many bytes its envelope files may take, from 1
 * @param maxAge how old a file may grow before it is removed unsent (counted as overflow)
 */
public record OutboxSettings(Path root, String dsnIdentity, int maxItems, long maxBytes, Duration maxAge) {
  /**
   * Thirty days: Sentry does not take events older than that at their own time (it moves their
   * timestamp to when it received them), so older files are not worth sending.
   */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

  /**
   * Checks the settings.
   *
   * @param root the cache directory the user named; each DSN gets a sub-directory of it
   * @param dsnIdentity what tells one DSN from another, never its secret
   * @param maxItems how many envelope files it may hold, from 1
   * @param maxBytes how many bytes its envelope files may take, from 1
   * @param maxAge how old a file may grow before it is removed unsent, positive
   * @throws IllegalArgumentException if a value is missing or out of range
   */
  public OutboxSettings {
    if (root == null || dsnIdentity == null || maxAge == null) {
      throw new IllegalArgumentException("outbox settings need a directory, a DSN identity and a maximum age");
    }
    if (maxItems < 1 || maxBytes < 1 || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("outbox bounds must be positive: maxItems " + maxItems + ", maxBytes "
          + maxBytes + ", maxAge " + maxAge);
    }
  }

  /**
   * Returns the directory of this DSN's files: {@code root} and a hash of the DSN identity.
   *
   * @return the directory; it may not exist yet
   */
  public Path directory() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(dsnIdentity.getBytes(StandardCharsets.UTF_8));
      return root.resolve(HexFormat.of().formatHex(digest, 0, 16));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must have SHA-256.
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "OutboxSettings[" + root + ", " + maxItems + " items, " + maxBytes + " bytes, " + maxAge + "]";
  }
}
