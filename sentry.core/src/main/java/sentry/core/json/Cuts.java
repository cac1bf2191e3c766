package sentry.core.json;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the serializer left out of one event to keep it under the size limit, from nothing to
 * everything but what identifies the error. The event says so in its {@code errors} list (see
 * {@link EventSerializer}). Not thread-safe; one per {@link EventSerializer#serialize} call.
 */
final class Cuts {
  /** The oldest this many breadcrumbs are left out. */
  int breadcrumbsDropped;
  /** These extra keys are left out. */
  final Set<String> extrasDropped = new LinkedHashSet<>();
  /** At most this many frames are kept per exception, half at each end. */
  int frameWindow = Integer.MAX_VALUE;
  /** Only what identifies the error is written: no user, tags, extra, contexts, modules, crumbs. */
  boolean minimal;
  /** On top of {@link #minimal}: strings cut to {@link #TINY_CHARS} and no fingerprint. */
  boolean tiny;

  /** The longest string in {@link #tiny} mode. */
  static final int TINY_CHARS = 256;

  /** The longest string otherwise: the {@code maxValueLength} option. */
  private final int maxValueLength;

  /**
   * Makes the cuts of one event, none yet.
   *
   * @param maxValueLength the longest string, at least 1
   */
  Cuts(int maxValueLength) {
    this.maxValueLength = maxValueLength;
  }

  /**
   * Tells whether anything was left out.
   *
   * @return true when some cut applies
   */
  boolean any() {
    return breadcrumbsDropped > 0 || !extrasDropped.isEmpty() || frameWindow != Integer.MAX_VALUE || minimal;
  }

  /**
   * Returns the longest string to write.
   *
   * @return the {@code maxValueLength} option, or at most {@link #TINY_CHARS} in tiny mode
   */
  int maxChars() {
    return tiny ? Math.min(TINY_CHARS, maxValueLength) : maxValueLength;
  }
}
