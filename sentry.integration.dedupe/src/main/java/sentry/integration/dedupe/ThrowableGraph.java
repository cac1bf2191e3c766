package sentry.integration.dedupe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Collects a throwable with everything reachable through causes and suppressed exceptions. */
final class ThrowableGraph {
  /** Enough for any real chain; keeps a pathological graph from costing the capturing thread. */
  static final int MAX_MEMBERS = 1000;

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
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> members = new ArrayList<>();
    Deque<Throwable> pending = new ArrayDeque<>();
    for (Throwable root : roots) {
      if (root != null) {
        pending.addLast(root);
      }
    }
    while (!pending.isEmpty() && members.size() < MAX_MEMBERS) {
      Throwable current = pending.removeFirst();
      if (!seen.add(current)) {
        continue;
      }
      members.add(current);
      try {
        Throwable cause = current.getCause();
        if (cause != null) {
          pending.addLast(cause);
        }
        for (Throwable suppressed : current.getSuppressed()) {
          if (suppressed != null) {
            pending.addLast(suppressed);
          }
        }
      } catch (RuntimeException e) {
        // An application's throwable with a broken override: keep what we have of this branch.
      }
    }
    return members;
  }
}
