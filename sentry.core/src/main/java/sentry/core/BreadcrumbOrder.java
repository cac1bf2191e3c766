package sentry.core;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import sentry.api.Breadcrumb;

/**
 * Puts an event's breadcrumbs in timestamp order, as Python's scope does when it applies them: a
 * crumb given an earlier explicit timestamp comes first. The sort is stable, so crumbs with equal
 * timestamps keep the order they were added in; crumbs without a timestamp, and null entries, go
 * last.
 */
final class BreadcrumbOrder {
  private static final Comparator<Breadcrumb> BY_TIME = Comparator.nullsLast(
      Comparator.comparing(Breadcrumb::getTimestamp, Comparator.nullsLast(Comparator.<Instant>naturalOrder())));

  private BreadcrumbOrder() {}

  /**
   * Sorts the list in place, unless it is in order already (the common case costs one pass).
   *
   * @param breadcrumbs the event's live list
   */
  static void sort(List<Breadcrumb> breadcrumbs) {
    for (int i = 1; i < breadcrumbs.size(); i++) {
      if (BY_TIME.compare(breadcrumbs.get(i - 1), breadcrumbs.get(i)) > 0) {
        breadcrumbs.sort(BY_TIME);
        return;
      }
    }
  }
}
