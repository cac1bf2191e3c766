package sentry.core.outbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sentry.core.log.SdkLog;

/**
 * Keeps an outbox directory in order: takes back the claims of dead owners, removes what they left
 * half-written, expires old files, makes room within the bounds, and sets corrupt files aside.
 * Only {@link #maintain} lists the directory, and it refreshes the outbox's {@link FileIndex}, which
 * {@link #makeRoom} reads. Called by {@link Outbox} under its lock.
 */
final class Housekeeping {
  private static final SdkLog LOG = SdkLog.get("sentry.core.outbox.Outbox");
  /** When the file system cannot lock: how long a claim may stand before it counts as abandoned. */
  private static final Duration STALE_CLAIM = Duration.ofHours(1);
  /** How long a half-written or half-locked file of someone else's may stand before it is removed. */
  private static final Duration STALE_TEMPORARY = Duration.ofHours(1);
  private static final String CORRUPT = "corrupt";
  /** How long the index may stand before a claim lists the directory again, while files flow. */
  private static final Duration LISTING_INTERVAL = Duration.ofMinutes(1);

  /** Logs a warning and counts it. */
  @FunctionalInterface
  interface Warn {
    void warn(String pattern, Object... args);
  }

  private final OutboxSettings settings;
  private final Path directory;
  private final Clock clock;
  private final OutboxListener listener;
  private final String owner;
  private final Warn warn;
  private final FileIndex index;
  private long listings;
  private long lastListedMillis;

  Housekeeping(OutboxSettings settings, Path directory, Clock clock, OutboxListener listener, String owner,
      Warn warn, FileIndex index) {
    this.settings = settings;
    this.directory = directory;
    this.clock = clock;
    this.listener = listener;
    this.owner = owner;
    this.warn = warn;
    this.index = index;
  }

  /** Lists the directory, and counts it. */
  List<Listing.Found> list() {
    listings++;
    return Listing.scan(directory);
  }

  /** How many times the directory was listed. */
  long listings() {
    return listings;
  }

  /** Tells whether the index is old enough that a claim should list the directory first. */
  boolean listingDue() {
    return clock.millis() - lastListedMillis >= LISTING_INTERVAL.toMillis();
  }

  /**
   * Takes back the files of dead processes, removes stale temporary files and expired envelopes,
   * sets aside envelope files with names not of ours (with one warning for them all), and refreshes
   * the index with the envelope files left.
   */
  void maintain() {
    Map<String, OwnerLock.Liveness> owners = new HashMap<>();
    long now = clock.millis();
    int foreign = 0;
    String firstForeign = null;
    for (Listing.Found file : list()) {
      String other = file.claimedBy() != null && !file.claimedBy().equals(owner) ? file.claimedBy() : null;
      switch (file.kind()) {
        case SENDING:
          if (other != null && abandoned(owners, other, file, now, STALE_CLAIM)) {
            LOG.debug("Taking back {}: its process is gone", file.path().getFileName());
            moveQuietly(file.path(), directory.resolve(file.name().ready()));
          }
          break;
        case WRITING:
          // Our own temporary files are only ever left by a failed write.
          if (other == null || abandoned(owners, other, file, now, STALE_TEMPORARY)) {
            deleteQuietly(file.path());
          }
          break;
        case LOCK:
          if (!file.owner().equals(owner) && !owners.containsKey(file.owner())) {
            // Removes the lock files of dead processes that left no claims.
            owners.put(file.owner(), OwnerLock.check(directory, file.owner()));
          }
          break;
        case LOCK_TEMPORARY:
          if (now - file.modifiedMillis() > STALE_TEMPORARY.toMillis()) {
            deleteQuietly(file.path());
          }
          break;
        case FOREIGN_ENVELOPE:
          foreign++;
          firstForeign = firstForeign == null ? file.path().getFileName().toString() : firstForeign;
          moveAside(file.path(), file.path().getFileName().toString());
          break;
        default:
          break;
      }
    }
    if (foreign > 0) {
      warn.warn("Sentry set aside {} file(s) in its cache directory \"{}\" with names it does not write (the first: {})",
          foreign, directory, firstForeign);
    }
    List<Listing.Found> files = list();
    List<Listing.Found> kept = new ArrayList<>();
    for (Listing.Found file : files) {
      if (file.kind() == Listing.Kind.READY && now - file.name().createdMillis() > settings.maxAge().toMillis()) {
        if (deleteQuietly(file.path())) {
          LOG.debug("Removed {}: older than {}", file.path().getFileName(), settings.maxAge());
          listener.discarded(OutboxListener.Discard.EXPIRED, file.name().category(), file.name().eventId(),
              file.name().base());
        }
      } else if (file.kind() == Listing.Kind.READY || file.kind() == Listing.Kind.SENDING) {
        kept.add(file);
      }
    }
    index.reset(kept);
    lastListedMillis = now;
  }

  private boolean abandoned(Map<String, OwnerLock.Liveness> owners, String other, Listing.Found file, long now,
      Duration staleAfter) {
    OwnerLock.Liveness liveness = owners.computeIfAbsent(other, id -> OwnerLock.check(directory, id));
    return liveness == OwnerLock.Liveness.DEAD
        || (liveness == OwnerLock.Liveness.UNKNOWN && now - file.modifiedMillis() > staleAfter.toMillis());
  }

  /**
   * Tells whether one more file of {@code size} bytes fits, after removing the oldest ready files
   * to make it fit when {@code evict} is true. Reads the index, not the directory.
   */
  boolean makeRoom(long size, boolean evict) {
    for (FileIndex.File oldest : evict ? index.ready() : List.<FileIndex.File>of()) {
      if (index.count() + 1 <= settings.maxItems() && index.bytes() + size <= settings.maxBytes()) {
        break;
      }
      index.remove(oldest.name());
      // A file gone since the listing (another process claimed or removed it) is only forgotten.
      if (deleteQuietly(directory.resolve(oldest.name().ready()))) {
        LOG.debug("Removed {} to make room", oldest.name().ready());
        listener.discarded(OutboxListener.Discard.OVERFLOW, oldest.name().category(), oldest.name().eventId(),
            oldest.name().base());
      }
    }
    if (index.count() + 1 <= settings.maxItems() && index.bytes() + size <= settings.maxBytes()) {
      return true;
    }
    LOG.debug("The outbox is full of envelopes being sent: this one is sent from memory only");
    return false;
  }

  /**
   * Moves a file to {@code corrupt}, keeping at most {@code maxItems} there, or removes it if it
   * cannot, with a warning.
   */
  void setAside(Path file, String name, String why) {
    moveAside(file, name);
    warn.warn("Sentry set aside {} in its cache directory: it is not a readable envelope ({})", name, why);
  }

  private void moveAside(Path file, String name) {
    Path aside = directory.resolve(CORRUPT);
    try {
      Files.createDirectories(aside);
      Files.move(file, aside.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      trimCorrupt(aside);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(file);
    }
  }

  private void trimCorrupt(Path aside) throws IOException {
    List<Path> kept = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(aside)) {
      entries.forEach(kept::add);
    }
    kept.sort(Comparator.comparing(path -> path.getFileName().toString()));
    for (int i = 0; i < kept.size() - settings.maxItems(); i++) {
      deleteQuietly(kept.get(i));
    }
  }

  private static boolean moveQuietly(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static boolean deleteQuietly(Path path) {
    try {
      return Files.deleteIfExists(path);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      LOG.debug("Could not remove {}: {}", path, e.toString());
      return false;
    }
  }
}
