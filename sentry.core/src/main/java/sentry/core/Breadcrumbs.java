package sentry.core;

import java.util.Arrays;
import java.util.List;
import sentry.api.Breadcrumb;

/**
 * An immutable, persistent list of breadcrumbs, newest first, so that a scope can be copied and
 * snapshotted in constant time. Adding is amortised constant time: the chain is cut back to the
 * newest {@code max} only once it reaches twice that, so memory stays bounded.
 */
final class Breadcrumbs {
  static final Breadcrumbs EMPTY = new Breadcrumbs(null, null, 0, 0);

  private final Breadcrumb newest;
  private final Breadcrumbs older;
  private final int size;
  /** A rough estimate of what the whole chain holds in memory ({@link EventSize#breadcrumb}). */
  private final long bytes;

  private Breadcrumbs(Breadcrumb newest, Breadcrumbs older, int size, long bytes) {
    this.newest = newest;
    this.older = older;
    this.size = size;
    this.bytes = bytes;
  }

  private static Breadcrumbs link(Breadcrumb crumb, Breadcrumbs older) {
    return new Breadcrumbs(crumb, older, older.size + 1, older.bytes + EventSize.breadcrumb(crumb));
  }

  Breadcrumbs add(Breadcrumb crumb, int max) {
    if (max <= 0) {
      return EMPTY;
    }
    Breadcrumbs base = size >= 2 * max ? keepNewest(max - 1) : this;
    return link(crumb, base);
  }

  private Breadcrumbs keepNewest(int count) {
    Breadcrumb[] kept = newestFirst(count);
    Breadcrumbs chain = EMPTY;
    for (int i = kept.length - 1; i >= 0; i--) {
      chain = link(kept[i], chain);
    }
    return chain;
  }

  private Breadcrumb[] newestFirst(int count) {
    Breadcrumb[] out = new Breadcrumb[Math.min(count, size)];
    Breadcrumbs node = this;
    for (int i = 0; i < out.length; i++) {
      out[i] = node.newest;
      node = node.older;
    }
    return out;
  }

  /** Returns the newest {@code max} breadcrumbs, oldest first. */
  List<Breadcrumb> toList(int max) {
    Breadcrumb[] out = newestFirst(max);
    for (int i = 0, j = out.length - 1; i < j; i++, j--) {
      Breadcrumb swap = out[i];
      out[i] = out[j];
      out[j] = swap;
    }
    return Arrays.asList(out);
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** What the chain holds in memory, roughly: at most twice what {@code max} breadcrumbs hold. */
  long bytes() {
    return bytes;
  }
}
