package sentry.integration.dedupe;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The throwables already sent, each with the capture that owns it, held weakly and compared by
 * identity. A throwable the application no longer references is collected, and its slot is
 * reused or dropped when its table next grows, so memory stays bounded by what the application
 * itself keeps alive (at most four slots per live throwable, after a rehash).
 *
 * <p>Not a {@link java.util.WeakHashMap}: that compares keys with {@code equals} and {@code
 * hashCode}. {@link Throwable} does not override them, so it would be identity for the JDK's
 * throwables, but an application's exception class may override them, and two distinct but equal
 * exceptions are two errors.
 *
 * <p>Made for the capturing thread: {@value #SEGMENTS} open-addressed tables (linear probing, keyed
 * by {@link System#identityHashCode}), each under its own lock, so captures on different threads
 * rarely meet; one entry (the weak reference itself) per throwable marked, no map nodes, and no
 * reference queue for the garbage collector to fill. Thread-safe: a capture locks the segments its
 * throwables fall into, in ascending order (so two captures never wait on each other in a cycle),
 * and checks and marks all of them while it holds them, so that "all or nothing" is atomic.
 */
final class SeenThrowables {
  /** A power of two. */
  static final int SEGMENTS = 16;

  private final Segment[] segments = new Segment[SEGMENTS];

  SeenThrowables() {
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment();
    }
  }

  /**
   * Marks every member as seen by {@code owner}, unless one of them was seen already.
   *
   * @param members the throwables of one capture, distinct by identity
   * @param owner the capture that marks them, compared by identity when unmarking
   * @return true if none was seen and all are now marked; false if one was seen (nothing marked)
   */
  boolean markAllUnlessAnySeen(List<Throwable> members, Object owner) {
    int count = members.size();
    int[] hashes = new int[count];
    int locked = 0;
    for (int i = 0; i < count; i++) {
      hashes[i] = System.identityHashCode(members.get(i));
      locked |= 1 << segmentOf(hashes[i]);
    }
    lock(locked);
    try {
      for (int i = 0; i < count; i++) {
        if (segments[segmentOf(hashes[i])].find(members.get(i), hashes[i]) != null) {
          return false;
        }
      }
      for (int i = 0; i < count; i++) {
        segments[segmentOf(hashes[i])].insert(members.get(i), hashes[i], owner);
      }
      return true;
    } finally {
      unlock(locked);
    }
  }

  /**
   * Forgets the members still marked by {@code owner}, so that a capture that never reached Sentry
   * does not keep later captures of the same throwable out.
   *
   * @param members the throwables the owner marked
   * @param owner the capture that marked them
   */
  void unmark(List<Throwable> members, Object owner) {
    for (Throwable member : members) {
      int hash = System.identityHashCode(member);
      Segment segment = segments[segmentOf(hash)];
      segment.lock.lock();
      try {
        segment.removeIfOwned(member, hash, owner);
      } finally {
        segment.lock.unlock();
      }
    }
  }

  /**
   * Tells whether a throwable is marked.
   *
   * @param throwable the throwable
   * @return true if it is marked
   */
  boolean contains(Throwable throwable) {
    int hash = System.identityHashCode(throwable);
    Segment segment = segments[segmentOf(hash)];
    segment.lock.lock();
    try {
      return segment.find(throwable, hash) != null;
    } finally {
      segment.lock.unlock();
    }
  }

  /**
   * Returns how many throwables are marked and not yet collected.
   *
   * @return the number of live entries
   */
  int size() {
    int size = 0;
    for (Segment segment : segments) {
      segment.lock.lock();
      try {
        size += segment.live();
      } finally {
        segment.lock.unlock();
      }
    }
    return size;
  }

  /**
   * Returns how many slots the tables have in all: bounded by a multiple of the live entries.
   *
   * @return the slots
   */
  int slots() {
    int slots = 0;
    for (Segment segment : segments) {
      segment.lock.lock();
      try {
        slots += segment.slots.length;
      } finally {
        segment.lock.unlock();
      }
    }
    return slots;
  }

  /** The segment of a hash: its top bits, mixed, so that the slot index (its low bits) differs. */
  private static int segmentOf(int hash) {
    return (hash * 0x9E3779B9) >>> (Integer.SIZE - Integer.numberOfTrailingZeros(SEGMENTS));
  }

  private void lock(int mask) {
    for (int bits = mask; bits != 0; bits &= bits - 1) {
      segments[Integer.numberOfTrailingZeros(bits)].lock.lock();
    }
  }

  private void unlock(int mask) {
    for (int bits = mask; bits != 0; bits &= bits - 1) {
      segments[Integer.numberOfTrailingZeros(bits)].lock.unlock();
    }
  }

  /**
   * One open-addressed table: a slot is empty (null), live (an entry whose throwable is still
   * there) or dead (collected, or unmarked: {@link #REMOVED}). Lookups probe past dead slots up to
   * an empty one; the table grows or is rebuilt before half its slots are in use, so one always
   * comes. Guarded by its lock.
   */
  private static final class Segment {
    private static final int INITIAL = 16;
    /** A slot whose throwable was unmarked: dead, like a collected one. */
    private static final Entry REMOVED = new Entry(null, 0, null);

    final ReentrantLock lock = new ReentrantLock();
    Entry[] slots = new Entry[INITIAL];
    /** Slots that are not empty: live or dead. */
    private int used;

    Entry find(Throwable throwable, int hash) {
      Entry[] table = slots;
      int mask = table.length - 1;
      for (int i = hash & mask; ; i = (i + 1) & mask) {
        Entry entry = table[i];
        if (entry == null) {
          return null;
        }
        if (entry.hash == hash && entry.refersTo(throwable)) {
          return entry;
        }
      }
    }

    /** Marks a throwable known to be absent; reuses the first dead slot on its probe path. */
    void insert(Throwable throwable, int hash, Object owner) {
      if (used + 1 > slots.length / 2) {
        rebuild();
      }
      Entry[] table = slots;
      int mask = table.length - 1;
      int i = hash & mask;
      while (table[i] != null && !table[i].refersTo(null)) {
        i = (i + 1) & mask;
      }
      if (table[i] == null) {
        used++;
      }
      table[i] = new Entry(throwable, hash, owner);
    }

    void removeIfOwned(Throwable throwable, int hash, Object owner) {
      Entry[] table = slots;
      int mask = table.length - 1;
      for (int i = hash & mask; table[i] != null; i = (i + 1) & mask) {
        Entry entry = table[i];
        if (entry.hash == hash && entry.refersTo(throwable)) {
          if (entry.owner == owner) {
            table[i] = REMOVED;
          }
          return;
        }
      }
    }

    int live() {
      int live = 0;
      for (Entry entry : slots) {
        if (entry != null && !entry.refersTo(null)) {
          live++;
        }
      }
      return live;
    }

    /** Drops the dead slots; sized so that the live entries fill at most a quarter of it. */
    private void rebuild() {
      Entry[] old = slots;
      int live = live();
      int capacity = INITIAL;
      while (capacity < live * 4) {
        capacity <<= 1;
      }
      Entry[] table = new Entry[capacity];
      int mask = capacity - 1;
      int count = 0;
      for (Entry entry : old) {
        if (entry != null && !entry.refersTo(null)) {
          int i = entry.hash & mask;
          while (table[i] != null) {
            i = (i + 1) & mask;
          }
          table[i] = entry;
          count++;
        }
      }
      slots = table;
      used = count;
    }
  }

  /** A marked throwable, held weakly, with its identity hash and the capture that marked it. */
  private static final class Entry extends WeakReference<Throwable> {
    final int hash;
    final Object owner;

    Entry(Throwable referent, int hash, Object owner) {
      super(referent);
      this.hash = hash;
      this.owner = owner;
    }
  }
}
