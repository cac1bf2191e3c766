package sentry.core;

import java.util.Arrays;
import java.util.List;
import sentry.api.Breadcrumb;

/**
 * An immutable, persistent list of breadcrumbs, so that a scope can be copied and snapshotted in
 * constant time. The newest breadcrumbs sit in a small array that an add copies (at most {@value
 * #CHUNK} references); full arrays are chained newest first and shared by every later version.
 * Once the chain holds a whole array more than {@code max}, that oldest array is let go, which
 * rebuilds the few links of the chain: an add never walks breadcrumbs one by one, and memory
 * stays at most {@code max} plus two arrays.
 */
final class Breadcrumbs {
  /** Breadcrumbs per array. */
  static final int CHUNK = 16;

  static final Breadcrumbs EMPTY = new Breadcrumbs(new Breadcrumb[0], 0, null, 0, 0);

  /** A full array of breadcrumbs, oldest first, and the older ones. */
  private record Chunk(Breadcrumb[] crumbs, long bytes, Chunk older) {}

  /** The newest breadcrumbs, oldest first; never changed once made. */
  private final Breadcrumb[] head;
  private final long headBytes;
  private final Chunk older;
  private final int size;
  /** A rough estimate of what all of them hold in memory ({@link EventSize#breadcrumb}). */
  private final long bytes;

  private Breadcrumbs(Breadcrumb[] head, long headBytes, Chunk older, int size, long bytes) {
    this.head = head;
    this.headBytes = headBytes;
    this.older = older;
    this.size = size;
    this.bytes = bytes;
  }

  Breadcrumbs add(Breadcrumb crumb, int max) {
    if (max <= 0) {
      return EMPTY;
    }
    long crumbBytes = EventSize.breadcrumb(crumb);
    Breadcrumb[] nextHead;
    long nextHeadBytes;
    Chunk nextOlder;
    if (head.length < CHUNK) {
      nextHead = Arrays.copyOf(head, head.length + 1);
      nextHead[head.length] = crumb;
      nextHeadBytes = headBytes + crumbBytes;
      nextOlder = older;
    } else {
      nextHead = new Breadcrumb[] {crumb};
      nextHeadBytes = crumbBytes;
      nextOlder = new Chunk(head, headBytes, older);
    }
    int nextSize = size + 1;
    long nextBytes = bytes + crumbBytes;
    // Every array in the chain is full: when the oldest holds only breadcrumbs beyond the newest
    // max, let it go.
    if (nextOlder != null && nextSize - CHUNK >= max) {
      Chunk dropped = oldest(nextOlder);
      nextOlder = withoutOldest(nextOlder);
      nextSize -= CHUNK;
      nextBytes -= dropped.bytes();
    }
    return new Breadcrumbs(nextHead, nextHeadBytes, nextOlder, nextSize, nextBytes);
  }

  private static Chunk oldest(Chunk chain) {
    Chunk chunk = chain;
    while (chunk.older() != null) {
      chunk = chunk.older();
    }
    return chunk;
  }

  /** The chain without its oldest array: the links before it are made anew, the arrays shared. */
  private static Chunk withoutOldest(Chunk chain) {
    if (chain.older() == null) {
      return null;
    }
    return new Chunk(chain.crumbs(), chain.bytes(), withoutOldest(chain.older()));
  }

  /** Returns the newest {@code max} breadcrumbs, oldest first. */
  List<Breadcrumb> toList(int max) {
    int count = Math.min(Math.max(0, max), size);
    Breadcrumb[] out = new Breadcrumb[count];
    int end = count;
    Breadcrumb[] part = head;
    Chunk next = older;
    while (end > 0) {
      int take = Math.min(end, part.length);
      System.arraycopy(part, part.length - take, out, end - take, take);
      end -= take;
      if (next == null) {
        break;
      }
      part = next.crumbs();
      next = next.older();
    }
    return Arrays.asList(out);
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** What they hold in memory, roughly: at most {@code max} plus two arrays of breadcrumbs. */
  long bytes() {
    return bytes;
  }
}
