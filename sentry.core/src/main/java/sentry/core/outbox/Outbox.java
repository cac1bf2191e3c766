package sentry.core.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import sentry.core.log.SdkLog;

/**
 * The offline outbox: envelopes on disk, one file each, in a directory of their DSN's own. It only
 * stores: what to send, when, and what an answer means is the dispatcher's business.
 *
 * <p>Files are written whole or not at all (a temporary file in the same directory, then an atomic
 * rename), already gzip-compressed, and never changed: a file sent again after a crash carries the
 * same event id. Each file is claimed by one process at a time, by renaming it to a name that
 * carries the claimant's owner id; each owner holds an OS lock on its own lock file while it lives
 * (see {@link OwnerLock}), so the files claimed by a process that died, even by {@code SIGKILL}, are
 * found and made ready again. The outbox stays within {@link OutboxSettings#maxItems()} files and
 * {@link OutboxSettings#maxBytes()} bytes by removing the oldest ready files, and removes files older
 * than {@link OutboxSettings#maxAge()}; either is told to the {@link OutboxListener}. A file that is not a
 * gzip-compressed envelope is moved to the {@code corrupt} sub-directory. Files survive the process,
 * not a power cut (they are not forced to the device).
 *
 * <p>The constructor touches no disk; {@link #open()} does, on the caller's thread (the SDK calls it
 * on its worker). If the directory cannot be used, {@link #open()} logs one warning and every later
 * call does nothing: the SDK carries on in memory. Thread-safe.
 */
public final class Outbox {
  private static final SdkLog LOG = SdkLog.get("sentry.core.outbox.Outbox");

  /** The state of an outbox. */
  public enum Status {
    /** Made, no disk touched yet. */
    NOT_OPEN,
    /** In use. */
    OPEN,
    /** The directory could not be used; everything is kept in memory. */
    UNUSABLE,
    /** Closed: this process's lock is released. */
    CLOSED
  }

  private final OutboxSettings settings;
  private final Path directory;
  private final Clock clock;
  private final OutboxListener listener;
  private final String owner = OwnerLock.newOwner();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger warnings = new AtomicInteger();
  private volatile Status status = Status.NOT_OPEN;
  private final FileIndex index = new FileIndex();
  private final Housekeeping housekeeping;
  private OwnerLock lock;
  private boolean writeFailureWarned;

  /**
   * Makes an outbox; touches no disk.
   *
   * @param settings where and how much
   * @param clock gives file ages and creation times
   * @param listener hears of files removed unsent
   */
  public Outbox(OutboxSettings settings, Clock clock, OutboxListener listener) {
    this.settings = settings;
    this.directory = settings.directory();
    this.clock = clock;
    this.listener = listener;
    this.housekeeping = new Housekeeping(settings, directory, clock, listener, owner, this::warn, index);
  }

  /**
   * Returns this DSN's directory.
   *
   * @return the directory
   */
  public Path directory() {
    return directory;
  }

  /**
   * Returns the state.
   *
   * @return the state
   */
  public Status status() {
    return status;
  }

  /**
   * Returns this process's owner id, which its claimed files carry.
   *
   * @return 16 hex digits
   */
  public String owner() {
    return owner;
  }

  /**
   * Returns how many warnings this outbox has logged: at most one for a directory it cannot use.
   *
   * @return the number of warnings
   */
  public int warnings() {
    return warnings.get();
  }

  /**
   * Creates the directory, takes this process's lock, takes back the files of dead processes and
   * removes expired ones. Does it once; later calls only tell the outcome.
   *
   * @return true if the outbox can be used
   */
  public synchronized boolean open() {
    if (status != Status.NOT_OPEN) {
      return status == Status.OPEN;
    }
    try {
      Files.createDirectories(settings.root());
      PrivateDirectory.makeOrCheck(directory);
      lock = OwnerLock.acquire(directory, owner);
      status = Status.OPEN;
    } catch (IOException | RuntimeException e) {
      status = Status.UNUSABLE;
      warn("Sentry cannot use the cache directory \"{}\" ({}): envelopes are kept in memory only", settings.root(),
          e.toString());
      return false;
    }
    housekeeping.maintain();
    return true;
  }

  /**
   * Writes an envelope as a file claimed by this process, making room first by removing the oldest
   * ready files ({@link OutboxListener.Discard#OVERFLOW}).
   *
   * @param gzipped the whole envelope, gzip-compressed
   * @param category the data category of its main item
   * @param eventId its event id, or null
   * @return the claimed file, or null when the outbox is not open, the envelope is larger than the
   *     byte bound, no room could be made, or writing failed (warned about once)
   */
  public Stored write(byte[] gzipped, String category, String eventId) {
    return write(gzipped, category, eventId, true);
  }

  /**
   * Writes an envelope as a file claimed by this process if it fits within the bounds as they are:
   * removes nothing to make room. For envelopes that could as well wait in memory, so that they do
   * not push older ones out.
   *
   * @param gzipped the whole envelope, gzip-compressed
   * @param category the data category of its main item
   * @param eventId its event id, or null
   * @return the claimed file, or null when the outbox is not open, the envelope does not fit, or
   *     writing failed (warned about once)
   */
  public Stored writeIfRoom(byte[] gzipped, String category, String eventId) {
    return write(gzipped, category, eventId, false);
  }

  private Stored write(byte[] gzipped, String category, String eventId, boolean evict) {
    // A file channel closes itself instead of writing on an interrupted thread, and the SDK's
    // threads may carry an interrupt from close(): write with the flag cleared, and set it again.
    boolean interrupted = Thread.interrupted();
    try {
      return writeUninterrupted(gzipped, category, eventId, evict);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private synchronized Stored writeUninterrupted(byte[] gzipped, String category, String eventId, boolean evict) {
    if (status != Status.OPEN) {
      return null;
    }
    long size = gzipped.length;
    if (size > settings.maxBytes()) {
      LOG.debug("Envelope {} ({} bytes) is larger than the outbox's bound of {} bytes: sent from memory only",
          eventId, size, settings.maxBytes());
      return null;
    }
    if (!housekeeping.makeRoom(size, evict)) {
      return null;
    }
    FileName name = FileName.of(clock.millis(), owner, sequence.getAndIncrement(), category, eventId);
    Path temporary = directory.resolve(name.writing(owner));
    Path target = directory.resolve(name.sending(owner));
    try {
      try (SeekableByteChannel out = Files.newByteChannel(temporary,
          EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), PrivateDirectory.privateFile(directory))) {
        ByteBuffer buffer = ByteBuffer.wrap(gzipped);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      index.put(name, owner, size);
      return new Stored(name, target, size);
    } catch (IOException | RuntimeException e) {
      Housekeeping.deleteQuietly(temporary);
      if (!writeFailureWarned) {
        writeFailureWarned = true;
        warn("Sentry could not write to its cache directory \"{}\" ({}): envelopes it cannot write are kept in"
            + " memory only", directory, e.toString());
      }
      return null;
    }
  }

  /**
   * Claims the oldest ready file whose category may be sent. It looks in what it knows of the
   * directory since it last listed it; it lists it again (taking back the files of dead processes
   * and removing expired ones) when it finds nothing to claim there, or when the last listing is a
   * minute old.
   *
   * @param sendable tells whether a data category may be sent now
   * @return the claimed file, or null when none is ready and sendable
   */
  public synchronized Stored claimNext(Predicate<String> sendable) {
    if (status != Status.OPEN) {
      return null;
    }
    boolean listed = housekeeping.listingDue();
    if (listed) {
      housekeeping.maintain();
    }
    while (true) {
      for (FileIndex.File file : index.ready()) {
        if (sendable.test(file.name().category())) {
          Stored claimed = claimReady(file.name(), file.size());
          if (claimed != null) {
            return claimed;
          }
        }
      }
      if (listed) {
        return null;
      }
      housekeeping.maintain();
      listed = true;
    }
  }

  /** Claims a ready file by renaming it; null when another process claimed or removed it first. */
  private Stored claimReady(FileName name, long size) {
    Path target = directory.resolve(name.sending(owner));
    try {
      Files.move(directory.resolve(name.ready()), target, StandardCopyOption.ATOMIC_MOVE);
      touch(target);
      index.put(name, owner, size);
      return new Stored(name, target, size);
    } catch (IOException e) {
      LOG.debug("Could not claim {}: {}", name.ready(), e.toString());
      index.remove(name);
      return null;
    }
  }

  /**
   * Claims again a file this process wrote and released, without reading the directory.
   *
   * @param released a file this process wrote, then released
   * @return the claimed file; null when the outbox is not open or the file is no longer ready:
   *     removed, or claimed by another process
   */
  public synchronized Stored claim(Stored released) {
    if (status != Status.OPEN) {
      return null;
    }
    return claimReady(released.name(), released.size());
  }

  /**
   * Counts the files that are ready to be claimed, as of the last listing and this process's own
   * doings since.
   *
   * @return the number of ready files; 0 when the outbox is not open
   */
  public synchronized int readyCount() {
    return status != Status.OPEN ? 0 : index.readyCount();
  }

  /** How many times this outbox listed its directory: for tests. */
  synchronized long listings() {
    return housekeeping.listings();
  }

  /**
   * Reads a claimed file back, reading and inflating at most
   * 8 MiB ({@code EnvelopeCheck.MAX_ENVELOPE_BYTES}). A file that is not a gzip-compressed envelope
   * is moved to {@code corrupt}; one larger than that, compressed or not, is removed; either is
   * warned of and told to the listener as {@link OutboxListener.Discard#CORRUPT}.
   *
   * @param stored a file this process claimed
   * @return the envelope, uncompressed; null if the file was corrupt, too large, or is gone
   */
  public byte[] read(Stored stored) {
    try {
      return EnvelopeCheck.read(stored.path());
    } catch (NoSuchFileException e) {
      LOG.debug("Could not read {}: {}", stored, e.toString());
      index.remove(stored.name());
      return null;
    } catch (EnvelopeCheck.TooLarge e) {
      index.remove(stored.name());
      Housekeeping.deleteQuietly(stored.path());
      warn("Sentry removed {} from its cache directory: {}", stored.name().ready(), e.getMessage());
    } catch (IOException | RuntimeException e) {
      index.remove(stored.name());
      housekeeping.setAside(stored.path(), stored.name().ready(), e.toString());
    }
    listener.discarded(OutboxListener.Discard.CORRUPT, stored.category(), stored.eventId(), stored.key());
    return null;
  }

  /**
   * Removes a claimed file: Sentry took it or refused it for good.
   *
   * @param stored a file this process claimed
   */
  public synchronized void delete(Stored stored) {
    // Synchronized, as release is: a listing that counts files against the bounds (write) must not
    // run while this process renames or removes one, or it may miss or double a file.
    Housekeeping.deleteQuietly(stored.path());
    index.remove(stored.name());
  }

  /**
   * Makes a claimed file ready again, for a later attempt by this process or another.
   *
   * @param stored a file this process claimed
   * @return false if it could not be renamed; it is then taken back once this process is gone
   */
  public synchronized boolean release(Stored stored) {
    try {
      Files.move(stored.path(), directory.resolve(stored.name().ready()), StandardCopyOption.ATOMIC_MOVE);
      index.put(stored.name(), null, stored.size());
      return true;
    } catch (IOException e) {
      LOG.debug("Could not release {}: {}", stored, e.toString());
      return false;
    }
  }

  /**
   * Gives up this process's lock. Files it still claims are taken back by the next process that
   * opens the directory. Idempotent.
   */
  public synchronized void close() {
    if (status == Status.OPEN) {
      lock.release();
    }
    if (status != Status.UNUSABLE) {
      status = Status.CLOSED;
    }
  }

  /**
   * Lists the envelope files of this DSN, ready and claimed, oldest first. For tests and
   * diagnostics; reads the directory each time.
   *
   * @return the files; empty when the directory does not exist
   */
  public List<OutboxEntry> entries() {
    return OutboxEntry.list(directory);
  }

  private void warn(String pattern, Object... args) {
    warnings.incrementAndGet();
    LOG.warn(pattern, args);
  }

  private void touch(Path path) {
    try {
      Files.setLastModifiedTime(path, FileTime.fromMillis(clock.millis()));
    } catch (IOException e) {
      // Only used when the file system cannot lock; the rename already claimed it.
    }
  }
}
