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
  static final Breadcrumbs EMPTY = new Breadcrumbs(null, null, 0);

  private final Breadcrumb newest;
  private final Breadcrumbs older;
  private final int size;

  private Breadcrumbs(Breadcrumb newest, Breadcrumbs older, int size) {
    this.newest = newest;
    this.older = older;
    this.size = size;
  }

  Breadcrumbs add(Breadcrumb crumb, int max) {
    if (max <= 0) {
      return EMPTY;
    }
    Breadcrumbs base = size >= 2 * max ? keepNewest(max - 1) : this;
    return new Breadcrumbs(crumb, base, base.size + 1);
  }

  private Breadcrumbs keepNewest(int count) {
    Breadcrumb[] kept = newestFirst(count);
    Breadcrumbs chain = EMPTY;
    for (int i = kept.length - 1; i >= 0; i--) {
      chain = new Breadcrumbs(kept[i], chain, chain.size + 1);
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
}
