package sentry.core.outbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import sentry.core.log.SdkLog;

/** Reads an outbox directory and tells its files apart by name. */
final class Listing {
  private static final SdkLog LOG = SdkLog.get("sentry.core.outbox.Outbox");

  private Listing() {}

  /** What a file of the directory is. */
  enum Kind { READY, SENDING, WRITING, LOCK, LOCK_TEMPORARY, FOREIGN_ENVELOPE }

  /** A file of the directory: its kind, parsed name, claimant, size and modification time. */
  record Found(Kind kind, Path path, FileName name, String claimedBy, String owner, long size,
      long modifiedMillis) {}

  /** Reads the directory; files that vanish meanwhile are left out. Sorted by name, oldest first. */
  static List<Found> scan(Path directory) {
    List<Found> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path path : entries) {
        Found file = classify(path);
        if (file != null) {
          found.add(file);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Could not list {}: {}", directory, e.toString());
    }
    found.sort(Comparator.comparing(file -> file.path().getFileName().toString()));
    return found;
  }

  private static Found classify(Path path) {
    String name = path.getFileName().toString();
    Kind kind;
    String base = name;
    String claimant = null;
    String lockOwner = null;
    if (name.endsWith(FileName.READY)) {
      kind = Kind.READY;
      base = name.substring(0, name.length() - FileName.READY.length());
    } else if (name.endsWith(FileName.SENDING) || name.endsWith(FileName.WRITING)) {
      kind = name.endsWith(FileName.SENDING) ? Kind.SENDING : Kind.WRITING;
      String stem = name.substring(0, name.lastIndexOf('.'));
      int tilde = stem.lastIndexOf('~');
      if (tilde < 0 || !FileName.isOwner(stem.substring(tilde + 1))) {
        return null;
      }
      base = stem.substring(0, tilde);
      claimant = stem.substring(tilde + 1);
    } else if (name.startsWith(OwnerLock.PREFIX) && name.endsWith(OwnerLock.SUFFIX)) {
      lockOwner = name.substring(OwnerLock.PREFIX.length(), name.length() - OwnerLock.SUFFIX.length());
      kind = Kind.LOCK;
      if (!FileName.isOwner(lockOwner)) {
        return null;
      }
    } else if (name.startsWith(OwnerLock.PREFIX) && name.endsWith(OwnerLock.SUFFIX + ".tmp")) {
      kind = Kind.LOCK_TEMPORARY;
    } else {
      return null;
    }
    FileName parsed = kind == Kind.LOCK || kind == Kind.LOCK_TEMPORARY ? null : FileName.parseBase(base);
    if (parsed == null && (kind == Kind.SENDING || kind == Kind.WRITING)) {
      return null;
    }
    if (parsed == null && kind == Kind.READY) {
      kind = Kind.FOREIGN_ENVELOPE;
    }
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return null;
      }
      return new Found(kind, path, parsed, claimant, lockOwner, attributes.size(),
          attributes.lastModifiedTime().toMillis());
    } catch (IOException e) {
      return null;
    }
  }

}
