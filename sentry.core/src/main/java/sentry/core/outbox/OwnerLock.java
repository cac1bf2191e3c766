package sentry.core.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proves that an outbox user is alive: each one holds an exclusive OS file lock on its own file,
 * {@code owner-<id>.lock}, for as long as it is open. The OS frees the lock when the process dies,
 * even by {@code SIGKILL}, so whoever can take the lock of an owner knows that owner is gone and may
 * take its claimed files back.
 *
 * <p>The file appears under its final name only once it is locked (it is locked under a temporary
 * name, then renamed), so a live owner's lock file is never seen unlocked. Owners in this JVM are
 * known from a registry and their files never opened: the JVM holds locks for the whole process,
 * and closing any channel to a file may free every lock the process has on it.
 */
final class OwnerLock {
  /** What became of an owner. */
  enum Liveness { ALIVE, DEAD, UNKNOWN }

  static final String PREFIX = "owner-";
  static final String SUFFIX = ".lock";
  private static final Set<String> LIVE_IN_THIS_JVM = ConcurrentHashMap.newKeySet();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String owner;
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private OwnerLock(String owner, Path file, FileChannel channel, FileLock lock) {
    this.owner = owner;
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Makes a new owner id: 16 hex digits, random. */
  static String newOwner() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static Path fileOf(Path directory, String owner) {
    return directory.resolve(PREFIX + owner + SUFFIX);
  }

  /**
   * Creates and locks the lock file of a new owner.
   *
   * @throws IOException if the directory cannot hold it or the file system cannot lock
   */
  static OwnerLock acquire(Path directory, String owner) throws IOException {
    Path temporary = directory.resolve(PREFIX + owner + SUFFIX + ".tmp");
    Path file = fileOf(directory, owner);
    FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IOException("could not lock " + temporary);
      }
      LIVE_IN_THIS_JVM.add(owner);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      return new OwnerLock(owner, file, channel, lock);
    } catch (IOException | RuntimeException e) {
      LIVE_IN_THIS_JVM.remove(owner);
      channel.close();
      Files.deleteIfExists(temporary);
      throw e;
    }
  }

  String owner() {
    return owner;
  }

  /** Gives the lock up and removes its file; the owner counts as dead from now on. */
  void release() {
    try {
      // Removed while still locked, so no one sees our name unlocked and alive.
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A left-over lock file is found dead and removed by the next user.
    }
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // Closing frees the lock in any case.
    } finally {
      LIVE_IN_THIS_JVM.remove(owner);
    }
  }

  /**
   * Finds out whether another owner is alive. When it is dead, its lock file is removed.
   *
   * @return {@link Liveness#UNKNOWN} when the file system cannot lock
   */
  static Liveness check(Path directory, String owner) {
    if (LIVE_IN_THIS_JVM.contains(owner)) {
      return Liveness.ALIVE;
    }
    Path file = fileOf(directory, owner);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return Liveness.ALIVE;
      }
      try {
        Files.deleteIfExists(file);
      } finally {
        lock.release();
      }
      return Liveness.DEAD;
    } catch (NoSuchFileException e) {
      // Owners lock before they claim anything and remove the file only when they are done.
      return Liveness.DEAD;
    } catch (OverlappingFileLockException e) {
      return Liveness.ALIVE;
    } catch (IOException | UnsupportedOperationException e) {
      return Liveness.UNKNOWN;
    }
  }
}
