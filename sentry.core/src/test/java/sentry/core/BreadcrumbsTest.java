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
  void zeroMaxKeepsNothing() {
    assertThat(Breadcrumbs.EMPTY.add(new Breadcrumb("a"), 0).toList(0)).isEmpty();
  }
}
