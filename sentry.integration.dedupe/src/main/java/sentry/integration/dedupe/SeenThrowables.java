package sentry.integration.dedupe;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The throwables already sent, each with the capture that owns it, held weakly and compared by
 * identity. A throwable the application no longer references is collected and its entry removed
 * on the next call, so memory stays bounded by what the application itself keeps alive.
 *
 * <p>Not a {@link java.util.WeakHashMap}: that compares keys with {@code equals} and {@code
 * hashCode}. {@link Throwable} does not override them, so it would be identity for the JDK's
 * throwables, but an application's exception class may override them, and two distinct but equal
 * exceptions are two errors. Thread-safe: every method reads and changes the map under the
 * instance's lock.
 */
final class SeenThrowables {
  private final Map<Key, Object> owners = new HashMap<>();
  private final ReferenceQueue<Throwable> collected = new ReferenceQueue<>();

  /**
   * Marks every member as seen by {@code owner}, unless one of them was seen already.
   *
   * @param members the throwables of one capture, distinct by identity
   * @param owner the capture that marks them, compared by identity when unmarking
   * @return true if none was seen and all are now marked; false if one was seen (nothing marked)
   */
  boolean markAllUnlessAnySeen(List<Throwable> members, Object owner) {
    // Each member's key is made once, outside the lock, and serves for the lookup and the mark.
    Key[] keys = new Key[members.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new Key(members.get(i), collected);
    }
    synchronized (this) {
      expunge();
      for (Key key : keys) {
        if (owners.containsKey(key)) {
          return false;
        }
      }
      for (Key key : keys) {
        owners.put(key, owner);
      }
      return true;
    }
  }

  /**
   * Forgets the members still marked by {@code owner}, so that a capture that never reached Sentry
   * does not keep later captures of the same throwable out.
   *
   * @param members the throwables the owner marked
   * @param owner the capture that marked them
   */
  synchronized void unmark(List<Throwable> members, Object owner) {
    expunge();
    for (Throwable member : members) {
      Key key = Key.lookup(member);
      if (owners.get(key) == owner) {
        owners.remove(key);
      }
    }
  }

  /**
   * Tells whether a throwable is marked.
   *
   * @param throwable the throwable
   * @return true if it is marked
   */
  synchronized boolean contains(Throwable throwable) {
    expunge();
    return owners.containsKey(Key.lookup(throwable));
  }

  /**
   * Returns how many throwables are marked, after removing the collected ones.
   *
   * @return the number of live entries
   */
  synchronized int size() {
    expunge();
    return owners.size();
  }

  private void expunge() {
    for (Reference<? extends Throwable> ref = collected.poll(); ref != null; ref = collected.poll()) {
      owners.remove(ref);
    }
  }

  /**
   * A weak reference that hashes and compares by the identity of its referent. Once cleared it is
   * equal only to itself, which is how {@link #expunge()} finds and removes it.
   */
  private static final class Key extends WeakReference<Throwable> {
    private final int hash;

    Key(Throwable referent, ReferenceQueue<Throwable> queue) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
    }

    /** A key for one lookup, not registered with the queue. */
    static Key lookup(Throwable referent) {
      return new Key(referent, null);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof Key key)) {
        return false;
      }
      Throwable referent = get();
      return referent != null && referent == key.get();
    }
  }
}
