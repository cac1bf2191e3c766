package sentry.core;

import java.util.Arrays;
import java.util.List;
import sentry.api.Breadcrumb;

/**
 * An immutable, persistent list of breadcrumbs, so that a scope can be copied and snapshotted in
 * constant time. The newest breadcrumbs sit in a small array that an add copies (at most {@value
 * #CHUNK} references); full arrays are kept in a short array of arrays, shared by every later
 * version until the next array fills. When one fills and the oldest holds only breadcrumbs beyond
 * the newest {@code max}, the oldest is let go: an add never walks breadcrumbs one by one, and
 * it keeps at most twice {@code max} (at most {@code max} plus two arrays).
 */
final class Breadcrumbs {
  /** Breadcrumbs per array, at most; fewer for a {@code max} under twice this. */
  static final int CHUNK = 16;

  static final Breadcrumbs EMPTY = new Breadcrumbs(new Breadcrumb[0], 0, new Breadcrumb[0][], new long[0], 0, 0);

  /** The newest breadcrumbs, oldest first; never changed once made. */
  private final Breadcrumb[] head;
  private final long headBytes;
  /** Full arrays, oldest first, each oldest first; never changed once made. */
  private final Breadcrumb[][] full;
  /** What each full array holds, roughly. */
  private final long[] fullBytes;
  private final int size;
  /** A rough estimate of what all of them hold in memory ({@link EventSize#breadcrumb}). */
  private final long bytes;

  private Breadcrumbs(Breadcrumb[] head, long headBytes, Breadcrumb[][] full, long[] fullBytes, int size,
      long bytes) {
    this.head = head;
    this.headBytes = headBytes;
    this.full = full;
    this.fullBytes = fullBytes;
    this.size = size;
    this.bytes = bytes;
  }

  Breadcrumbs add(Breadcrumb crumb, int max) {
    if (max <= 0) {
      return EMPTY;
    }
    long crumbBytes = EventSize.breadcrumb(crumb);
    // Arrays of at most half of max (rounded up), so that what is kept stays within twice max.
    int chunk = Math.max(1, Math.min(CHUNK, (max + 1) / 2));
    if (head.length < chunk) {
      Breadcrumb[] nextHead = Arrays.copyOf(head, head.length + 1);
      nextHead[head.length] = crumb;
      return new Breadcrumbs(nextHead, headBytes + crumbBytes, full, fullBytes, size + 1, bytes + crumbBytes);
    }
    // The head is full: it joins the full arrays, and the oldest goes when the newest max do not need it.
    int drop = full.length > 0 && size + 1 - full[0].length >= max ? 1 : 0;
    int kept = full.length - drop;
    Breadcrumb[][] nextFull = new Breadcrumb[kept + 1][];
    long[] nextFullBytes = new long[kept + 1];
    System.arraycopy(full, drop, nextFull, 0, kept);
    System.arraycopy(fullBytes, drop, nextFullBytes, 0, kept);
    nextFull[kept] = head;
    nextFullBytes[kept] = headBytes;
    long dropped = drop == 0 ? 0 : fullBytes[0];
    return new Breadcrumbs(new Breadcrumb[] {crumb}, crumbBytes, nextFull, nextFullBytes,
        size + 1 - (drop == 0 ? 0 : full[0].length), bytes + crumbBytes - dropped);
  }

  /** Returns the newest {@code max} breadcrumbs, oldest first. */
  List<Breadcrumb> toList(int max) {
    int count = Math.min(Math.max(0, max), size);
    Breadcrumb[] out = new Breadcrumb[count];
    int end = count;
    Breadcrumb[] part = head;
    for (int next = full.length - 1; end > 0; next--) {
      int take = Math.min(end, part.length);
      System.arraycopy(part, part.length - take, out, end - take, take);
      end -= take;
      if (next < 0) {
        break;
      }
      part = full[next];
    }
    return Arrays.asList(out);
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** What they hold in memory, roughly: at most what twice {@code max} breadcrumbs hold. */
  long bytes() {
    return bytes;
  }
}
