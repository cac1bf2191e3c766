package sentry.core.outbox;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Makes, or checks before trusting, the directory of one DSN's outbox. Whoever can write there can
 * have envelopes sent with the application's DSN, and can remove or poison pending ones, so the
 * directory must be this process's user's alone. Where the file system has POSIX attributes, a
 * directory that already exists is refused when it is a symbolic link, is not a directory, is not
 * owned by the process's user, or is writable by its group or by others; one the SDK makes is made
 * {@code rwx------}. Elsewhere (Windows) it is refused when it is a symbolic link or not owned by
 * the process's user, where the file system tells owners, and otherwise relies on the access lists
 * it inherits from the cache directory.
 */
final class PrivateDirectory {
  private static final Set<PosixFilePermission> SHARED_WRITE =
      Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private PrivateDirectory() {}

  /** A directory the outbox must not use; the message says why. */
  static final class Untrusted extends IOException {
    private static final long serialVersionUID = 1L;

    Untrusted(String message) {
      super(message);
    }
  }

  /**
   * Makes the directory, its owner's alone, or checks the one that is there.
   *
   * @param directory the outbox directory of one DSN; its parent exists
   * @throws Untrusted if it exists and must not be trusted
   * @throws IOException if it cannot be made or read
   */
  static void makeOrCheck(Path directory) throws IOException {
    try {
      if (isPosix(directory.getFileSystem())) {
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(directory);
      }
    } catch (FileAlreadyExistsException e) {
      check(directory);
    }
  }

  private static void check(Path directory) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attributes.isSymbolicLink()) {
      throw new Untrusted(directory + " is a symbolic link, which the outbox does not follow");
    }
    if (!attributes.isDirectory()) {
      throw new Untrusted(directory + " is not a directory");
    }
    boolean posix = isPosix(directory.getFileSystem());
    if (!posix && !directory.getFileSystem().supportedFileAttributeViews().contains("owner")) {
      return;
    }
    UserPrincipal owner = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS);
    UserPrincipal self = currentUser(directory);
    if (self != null && !owner.equals(self)) {
      throw new Untrusted(directory + " is owned by " + owner.getName() + ", not by this process's user "
          + self.getName() + ": an outbox directory must be its user's alone");
    }
    if (posix) {
      Set<PosixFilePermission> permissions =
          Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).permissions();
      if (permissions.stream().anyMatch(SHARED_WRITE::contains)) {
        throw new Untrusted(directory + " is writable by others (" + PosixFilePermissions.toString(permissions)
            + "): an outbox directory must be writable by its owner only");
      }
    }
  }

  /**
   * The process's user, as the owner of a file it makes beside the directory (a user name may be
   * unknown to the system, as a container's arbitrary user id is); null when it cannot tell.
   */
  private static UserPrincipal currentUser(Path directory) {
    Path parent = directory.toAbsolutePath().getParent();
    try {
      Path probe = Files.createTempFile(parent, ".sentry-owner-", ".tmp");
      try {
        return Files.getOwner(probe);
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** File attributes that make a file its owner's alone, where the file system has them. */
  static FileAttribute<?>[] privateFile(Path directory) {
    if (isPosix(directory.getFileSystem())) {
      return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }
    return new FileAttribute<?>[0];
  }

  private static boolean isPosix(FileSystem fileSystem) {
    return fileSystem.supportedFileAttributeViews().contains("posix");
  }
}
