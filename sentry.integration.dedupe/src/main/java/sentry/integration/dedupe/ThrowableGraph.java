package sentry.integration.dedupe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Collects a throwable with everything reachable through causes and suppressed exceptions. */
final class ThrowableGraph {
  /** Enough for any real chain; keeps a pathological graph from costing the capturing thread. */
  static final int MAX_MEMBERS = 1000;
  /** Up to this many members, identity is checked by scanning the list. */
  private static final int SCAN_LIMIT = 16;

  private ThrowableGraph() {}

  /**
   * Returns the roots and every throwable reachable from them through {@link Throwable#getCause()}
   * and {@link Throwable#getSuppressed()}, each once (by identity), at most {@value #MAX_MEMBERS}.
   * Cycles are fine. A {@code getCause} or {@code getSuppressed} that throws ends that branch.
   *
   * @param roots the throwables to start from; nulls are skipped
   * @return the members, roots first, distinct by identity
   */
  static List<Throwable> members(Throwable... roots) {
    // Breadth first, with the list itself as the queue: a throwable joins when first found,
    // which is the order a queue of pending throwables would give. A real chain is short, so
    // identity is checked by scanning the list; an identity set takes over for a long one.
    List<Throwable> members = new ArrayList<>(4);
    Set<Throwable> index = null;
    for (Throwable root : roots) {
      index = add(members, index, root);
    }
    for (int i = 0; i < members.size() && members.size() < MAX_MEMBERS; i++) {
      Throwable current = members.get(i);
      try {
        index = add(members, index, current.getCause());
        for (Throwable suppressed : current.getSuppressed()) {
          index = add(members, index, suppressed);
        }
      } catch (RuntimeException e) {
        // An application's throwable with a broken override: keep what we have of this branch.
      }
    }
    return members;
  }

  /** Adds a throwable not yet a member; returns the identity index, made once the list is long. */
  private static Set<Throwable> add(List<Throwable> members, Set<Throwable> index, Throwable throwable) {
    if (throwable == null || members.size() >= MAX_MEMBERS) {
      return index;
    }
    if (index != null) {
      if (index.add(throwable)) {
        members.add(throwable);
      }
      return index;
    }
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i) == throwable) {
        return null;
      }
    }
    members.add(throwable);
    if (members.size() < SCAN_LIMIT) {
      return null;
    }
    Set<Throwable> made = Collections.newSetFromMap(new IdentityHashMap<>());
    made.addAll(members);
    return made;
  }
}
