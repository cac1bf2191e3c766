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
 * Called by {@link Outbox} under its lock.
 */
final class Housekeeping {
  private static final SdkLog LOG = SdkLog.get("sentry.core.outbox.Outbox");
  /** When the file system cannot lock: how long a claim may stand before it counts as abandoned. */
  private static final Duration STALE_CLAIM = Duration.ofHours(1);
  /** How long a half-written or half-locked file of someone else's may stand before it is removed. */
  private static final Duration STALE_TEMPORARY = Duration.ofHours(1);
  private static final String CORRUPT = "corrupt";

  /** Logs a warning and counts it. */
  @FunctionalInterface
  interface Warn {
    void warn(String pattern, Object... args);
  }

  private final OutboxSettings settings;
  private final Path directory;
  private final Clock clock;
  private final Outbox.Listener listener;
  private final String owner;
  private final Warn warn;

  Housekeeping(OutboxSettings settings, Path directory, Clock clock, Outbox.Listener listener, String owner,
      Warn warn) {
    this.settings = settings;
    this.directory = directory;
    this.clock = clock;
    this.listener = listener;
    this.owner = owner;
    this.warn = warn;
  }

  /**
   * Takes back the files of dead processes, removes stale temporary files and expired envelopes,
   * sets aside envelope files with names not of ours.
   *
   * @return the envelope files left, oldest first
   */
  List<Listing.Found> maintain() {
    Map<String, OwnerLock.Liveness> owners = new HashMap<>();
    long now = clock.millis();
    for (Listing.Found file : Listing.scan(directory)) {
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
          setAside(file.path(), file.path().getFileName().toString(), "not a name the outbox writes");
          break;
        default:
          break;
      }
    }
    List<Listing.Found> files = Listing.scan(directory);
    List<Listing.Found> kept = new ArrayList<>();
    for (Listing.Found file : files) {
      if (file.kind() == Listing.Kind.READY && now - file.name().createdMillis() > settings.maxAge().toMillis()) {
        if (deleteQuietly(file.path())) {
          LOG.debug("Removed {}: older than {}", file.path().getFileName(), settings.maxAge());
          listener.discarded(Outbox.Discard.EXPIRED, file.name().category(), file.name().eventId(),
              file.name().base());
        }
      } else if (file.kind() == Listing.Kind.READY || file.kind() == Listing.Kind.SENDING) {
        kept.add(file);
      }
    }
    return kept;
  }

  private boolean abandoned(Map<String, OwnerLock.Liveness> owners, String other, Listing.Found file, long now,
      Duration staleAfter) {
    OwnerLock.Liveness liveness = owners.computeIfAbsent(other, id -> OwnerLock.check(directory, id));
    return liveness == OwnerLock.Liveness.DEAD
        || (liveness == OwnerLock.Liveness.UNKNOWN && now - file.modifiedMillis() > staleAfter.toMillis());
  }

  /**
   * Tells whether one more file of {@code size} bytes fits, after removing the oldest ready files
   * to make it fit when {@code evict} is true.
   */
  boolean makeRoom(long size, boolean evict) {
    List<Listing.Found> files = Listing.scan(directory);
    int count = 0;
    long bytes = 0;
    List<Listing.Found> ready = new ArrayList<>();
    for (Listing.Found file : files) {
      if (file.kind() == Listing.Kind.READY || file.kind() == Listing.Kind.SENDING) {
        count++;
        bytes += file.size();
        if (file.kind() == Listing.Kind.READY) {
          ready.add(file);
        }
      }
    }
    for (Listing.Found oldest : evict ? ready : List.<Listing.Found>of()) {
      if (count + 1 <= settings.maxItems() && bytes + size <= settings.maxBytes()) {
        break;
      }
      if (deleteQuietly(oldest.path())) {
        count--;
        bytes -= oldest.size();
        LOG.debug("Removed {} to make room", oldest.path().getFileName());
        listener.discarded(Outbox.Discard.OVERFLOW, oldest.name().category(), oldest.name().eventId(),
            oldest.name().base());
      }
    }
    if (count + 1 <= settings.maxItems() && bytes + size <= settings.maxBytes()) {
      return true;
    }
    LOG.debug("The outbox is full of envelopes being sent: this one is sent from memory only");
    return false;
  }

  /** Moves a file to {@code corrupt}, keeping at most {@code maxItems} there; removes it if it cannot. */
  void setAside(Path file, String name, String why) {
    Path aside = directory.resolve(CORRUPT);
    try {
      Files.createDirectories(aside);
      Files.move(file, aside.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      trimCorrupt(aside);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(file);
    }
    warn.warn("Sentry set aside {} in its cache directory: it is not a readable envelope ({})", name, why);
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
