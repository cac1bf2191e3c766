package sentry.core;

import java.util.Arrays;
import java.util.List;
import sentry.api.Breadcrumb;

/**
 * An immutable, persistent list of breadcrumbs, so that a scope can be copied and snapshotted in
 * constant time. Each version is one small node: the newest breadcrumb and the node before it, so
 * an add makes one object and copies nothing. Every {@value #CHUNK} adds the newest nodes are
 * folded into one array, kept in a short array of arrays shared by every later version until the
 * next fold. When one folds and the oldest array holds only breadcrumbs beyond the newest {@code
 * max}, the oldest is let go: an add never walks more than {@value #CHUNK} nodes, and a version
 * keeps at most twice {@code max} (at most {@code max} plus two arrays).
 */
final class Breadcrumbs {
  /** Breadcrumbs per array, at most; fewer for a {@code max} under twice this. */
  static final int CHUNK = 16;

  static final Breadcrumbs EMPTY = new Breadcrumbs(null, null, Folded.NONE, 0, 0);

  /** The arrays a version shares with every later one until the next fold; never changed once made. */
  private record Folded(Breadcrumb[][] arrays, long[] arrayBytes, int size, long bytes) {
    static final Folded NONE = new Folded(new Breadcrumb[0][], new long[0], 0, 0);
  }

  /** The newest breadcrumb; null only in {@link #EMPTY}. */
  private final Breadcrumb newest;
  /** The node before this one since the last fold, or null. */
  private final Breadcrumbs older;
  private final Folded folded;
  /** Breadcrumbs in the nodes since the last fold, this one included. */
  private final int nodes;
  /** What those nodes hold, roughly ({@link EventSize#breadcrumb}). */
  private final long nodeBytes;

  private Breadcrumbs(Breadcrumb newest, Breadcrumbs older, Folded folded, int nodes, long nodeBytes) {
    this.newest = newest;
    this.older = older;
    this.folded = folded;
    this.nodes = nodes;
    this.nodeBytes = nodeBytes;
  }

  Breadcrumbs add(Breadcrumb crumb, int max) {
    if (max <= 0) {
      return EMPTY;
    }
    long crumbBytes = EventSize.breadcrumb(crumb);
    // Arrays of at most half of max (rounded up), so that what is kept stays within twice max.
    int chunk = Math.max(1, Math.min(CHUNK, (max + 1) / 2));
    if (nodes < chunk) {
      return new Breadcrumbs(crumb, nodes == 0 ? null : this, folded, nodes + 1, nodeBytes + crumbBytes);
    }
    return new Breadcrumbs(crumb, null, fold(max), 1, crumbBytes);
  }

  /** Folds the nodes into an array; the oldest array goes when the newest max do not need it. */
  private Folded fold(int max) {
    Breadcrumb[] array = new Breadcrumb[nodes];
    Breadcrumbs node = this;
    for (int i = nodes - 1; i >= 0; i--) {
      array[i] = node.newest;
      node = node.older;
    }
    Breadcrumb[][] arrays = folded.arrays();
    long[] arrayBytes = folded.arrayBytes();
    int drop = arrays.length > 0 && size() + 1 - arrays[0].length >= max ? 1 : 0;
    int kept = arrays.length - drop;
    Breadcrumb[][] nextArrays = new Breadcrumb[kept + 1][];
    long[] nextBytes = new long[kept + 1];
    System.arraycopy(arrays, drop, nextArrays, 0, kept);
    System.arraycopy(arrayBytes, drop, nextBytes, 0, kept);
    nextArrays[kept] = array;
    nextBytes[kept] = nodeBytes;
    int size = folded.size() + nodes - (drop == 0 ? 0 : arrays[0].length);
    long bytes = folded.bytes() + nodeBytes - (drop == 0 ? 0 : arrayBytes[0]);
    return new Folded(nextArrays, nextBytes, size, bytes);
  }

  /** Returns the newest {@code max} breadcrumbs, oldest first. */
  List<Breadcrumb> toList(int max) {
    int count = Math.min(Math.max(0, max), size());
    Breadcrumb[] out = new Breadcrumb[count];
    int end = count;
    for (Breadcrumbs node = this; end > 0 && node != null && node.newest != null; node = node.older) {
      out[--end] = node.newest;
    }
    Breadcrumb[][] arrays = folded.arrays();
    for (int next = arrays.length - 1; end > 0 && next >= 0; next--) {
      Breadcrumb[] part = arrays[next];
      int take = Math.min(end, part.length);
      System.arraycopy(part, part.length - take, out, end - take, take);
      end -= take;
    }
    return Arrays.asList(out);
  }

  boolean isEmpty() {
    return size() == 0;
  }

  int size() {
    return folded.size() + nodes;
  }

  /** What they hold in memory, roughly: at most what twice {@code max} breadcrumbs hold. */
  long bytes() {
    return folded.bytes() + nodeBytes;
  }
}
