package sentry.core.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an {@link Outbox} knows of its envelope files between two listings of the directory: each
 * ready or claimed file by name, oldest first, with its size. A listing ({@link #reset}) replaces
 * it; this process's own writes, claims, releases and removals keep it up to date in between, so
 * that a write or a claim does not list the whole directory. What other processes do meanwhile is
 * seen at the next listing. Thread-safe.
 */
final class FileIndex {
  /** A file as the index knows it: its name, who claims it (null: ready) and its size. */
  record File(FileName name, String claimedBy, long size) {}

  private final Map<String, File> files = new TreeMap<>();
  private long bytes;

  /** Replaces what the index knows with a listing's ready and claimed files. */
  synchronized void reset(List<Listing.Found> found) {
    files.clear();
    bytes = 0;
    for (Listing.Found file : found) {
      if (file.kind() == Listing.Kind.READY || file.kind() == Listing.Kind.SENDING) {
        put(new File(file.name(), file.claimedBy(), file.size()));
      }
    }
  }

  /** A file was written, claimed or released: it is now claimed by {@code claimedBy}, or ready. */
  synchronized void put(FileName name, String claimedBy, long size) {
    put(new File(name, claimedBy, size));
  }

  private void put(File file) {
    File before = files.put(file.name().base(), file);
    bytes += file.size() - (before == null ? 0 : before.size());
  }

  /** A file is gone: removed, set aside, or claimed by another process since the last listing. */
  synchronized void remove(FileName name) {
    File before = files.remove(name.base());
    if (before != null) {
      bytes -= before.size();
    }
  }

  /** How many envelope files there are, ready and claimed. */
  synchronized int count() {
    return files.size();
  }

  /** How many bytes they take. */
  synchronized long bytes() {
    return bytes;
  }

  /** The ready files, oldest first. */
  synchronized List<File> ready() {
    List<File> ready = new ArrayList<>();
    for (File file : files.values()) {
      if (file.claimedBy() == null) {
        ready.add(file);
      }
    }
    return ready;
  }

  /** How many files are ready. */
  synchronized int readyCount() {
    int ready = 0;
    for (File file : files.values()) {
      if (file.claimedBy() == null) {
        ready++;
      }
    }
    return ready;
  }
}
