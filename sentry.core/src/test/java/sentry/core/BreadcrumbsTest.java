package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import sentry.api.Breadcrumb;

class BreadcrumbsTest {
  @Test
  void keepsTheNewestOldestFirst() {
    Breadcrumbs crumbs = Breadcrumbs.EMPTY;
    for (int i = 0; i < 10; i++) {
      crumbs = crumbs.add(new Breadcrumb("c" + i), 3);
    }
    assertThat(crumbs.toList(3)).extracting(Breadcrumb::getMessage).containsExactly("c7", "c8", "c9");
  }

  @Test
  void memoryStaysBoundedHoweverManyAreAdded() {
    Breadcrumbs crumbs = Breadcrumbs.EMPTY;
    for (int i = 0; i < 100_000; i++) {
      crumbs = crumbs.add(new Breadcrumb("c" + i), 100);
      assertThat(crumbs.size()).isLessThanOrEqualTo(200);
    }
    assertThat(crumbs.toList(100)).hasSize(100).last().extracting(Breadcrumb::getMessage).isEqualTo("c99999");
  }

  @Test
  void snapshotsAreNotChangedByLaterAdds() {
    Breadcrumbs before = Breadcrumbs.EMPTY.add(new Breadcrumb("a"), 5);
    Breadcrumbs after = before.add(new Breadcrumb("b"), 5);
    assertThat(before.toList(5)).extracting(Breadcrumb::getMessage).isEqualTo(List.of("a"));
    assertThat(after.toList(5)).extracting(Breadcrumb::getMessage).isEqualTo(List.of("a", "b"));
  }

  @Test
  void everyVersionKeepsItsNewestInOrderAndItsBytes() {
    // Across the arrays' edges: each version, kept aside, still lists the newest max in order.
    int max = 37;
    List<Breadcrumbs> versions = new java.util.ArrayList<>();
    Breadcrumbs crumbs = Breadcrumbs.EMPTY;
    for (int i = 0; i < 200; i++) {
      crumbs = crumbs.add(new Breadcrumb("c" + i), max);
      versions.add(crumbs);
      assertThat(crumbs.size()).isLessThanOrEqualTo(max + 2 * Breadcrumbs.CHUNK);
    }
    for (int i = 0; i < versions.size(); i++) {
      Breadcrumbs version = versions.get(i);
      int count = Math.min(i + 1, max);
      List<String> expected = new java.util.ArrayList<>();
      for (int j = i + 1 - count; j <= i; j++) {
        expected.add("c" + j);
      }
      assertThat(version.toList(max)).extracting(Breadcrumb::getMessage).isEqualTo(expected);
      assertThat(version.toList(5)).extracting(Breadcrumb::getMessage)
          .isEqualTo(expected.subList(Math.max(0, expected.size() - 5), expected.size()));
      long bytes = version.toList(version.size()).stream().mapToLong(EventSize::breadcrumb).sum();
      assertThat(version.bytes()).isEqualTo(bytes);
    }
  }

  @Test
  void aSmallMaxKeepsAtMostTwiceMax() {
    for (int max = 1; max <= 40; max++) {
      Breadcrumbs crumbs = Breadcrumbs.EMPTY;
      for (int i = 0; i < 300; i++) {
        crumbs = crumbs.add(new Breadcrumb("c" + i), max);
        assertThat(crumbs.size()).as("max %d after %d", max, i + 1).isLessThanOrEqualTo(2 * max);
        assertThat(crumbs.toList(max)).hasSize(Math.min(max, i + 1)).last()
            .extracting(Breadcrumb::getMessage).isEqualTo("c" + i);
      }
    }
  }

  @Test
  void zeroMaxKeepsNothing() {
    assertThat(Breadcrumbs.EMPTY.add(new Breadcrumb("a"), 0).toList(0)).isEmpty();
  }
}
