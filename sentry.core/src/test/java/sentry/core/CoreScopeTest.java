package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import sentry.api.Breadcrumb;
import sentry.api.Level;
import sentry.api.User;

class CoreScopeTest {
  @Test
  void copiesShareNothingMutable() {
    CoreScope parent = new CoreScope(10, CoreScope.State.EMPTY);
    parent.setTag("a", "1");
    CoreScope child = parent.copy();
    child.setTag("b", "2");
    parent.setTag("c", "3");
    assertThat(parent.getTags()).containsOnlyKeys("a", "c");
    assertThat(child.getTags()).containsOnlyKeys("a", "b");
  }

  @Test
  void snapshotIsStableWhileTheScopeChanges() {
    CoreScope scope = new CoreScope(10, CoreScope.State.EMPTY);
    scope.setExtra("k", "v");
    scope.addBreadcrumb(new Breadcrumb("one"));
    CoreScope.State snapshot = scope.state();
    scope.setExtra("k", "changed");
    scope.addBreadcrumb(new Breadcrumb("two"));
    scope.setUser(User.ofId("u"));
    assertThat(snapshot.extra()).containsEntry("k", "v");
    assertThat(snapshot.breadcrumbs().toList(10)).hasSize(1);
    assertThat(snapshot.user()).isNull();
  }

  @Test
  void aBreadcrumbWithNothingToCutIsKeptAsItIsOthersAsACutCopy() {
    CoreScope scope = new CoreScope(10, 20, CoreScope.State.EMPTY);
    Breadcrumb plain = new Breadcrumb("short").setCategory("ui");
    Breadcrumb longMessage = new Breadcrumb("m".repeat(21));
    Breadcrumb withData = new Breadcrumb("short").setData("k", "v");
    scope.addBreadcrumb(plain);
    scope.addBreadcrumb(longMessage);
    scope.addBreadcrumb(withData);
    withData.setData("k", "changed later");
    List<Breadcrumb> kept = scope.state().breadcrumbs().toList(10);
    assertThat(kept.get(0)).isSameAs(plain);
    assertThat(kept.get(1)).isNotSameAs(longMessage);
    assertThat(kept.get(1).getMessage()).hasSize(20).endsWith("...");
    assertThat(kept.get(1).getTimestamp()).isEqualTo(longMessage.getTimestamp());
    assertThat(kept.get(2).getData()).containsExactly(java.util.Map.entry("k", "v"));
  }

  @Test
  void copiesAndClearsTakeTheBreadcrumbsWithTheState() {
    CoreScope scope = new CoreScope(10, CoreScope.State.EMPTY);
    scope.addBreadcrumb(new Breadcrumb("one"));
    CoreScope copy = scope.copy();
    scope.addBreadcrumb(new Breadcrumb("two"));
    copy.addBreadcrumb(new Breadcrumb("copy"));
    assertThat(scope.state().breadcrumbs().toList(10)).extracting(Breadcrumb::getMessage).containsExactly("one", "two");
    assertThat(copy.state().breadcrumbs().toList(10)).extracting(Breadcrumb::getMessage).containsExactly("one", "copy");
    CoreScope.State before = scope.state();
    assertThat(scope.state()).as("an unchanged scope gives the same snapshot").isSameAs(before);
    scope.clearBreadcrumbs();
    assertThat(scope.state().breadcrumbs().isEmpty()).isTrue();
    assertThat(before.breadcrumbs().size()).isEqualTo(2);
    copy.setTag("t", "v");
    copy.clear();
    assertThat(copy.state()).isEqualTo(CoreScope.State.EMPTY);
  }

  @Test
  void tagKeysAndValuesAreCutToProtocolLimits() {
    CoreScope scope = new CoreScope(10, CoreScope.State.EMPTY);
    scope.setTag("k".repeat(40), "v".repeat(300));
    String key = scope.getTags().keySet().iterator().next();
    assertThat(key).hasSize(32);
    assertThat(scope.getTags().get(key)).hasSize(199);
  }

  @Test
  void nullRemovesAndClearEmpties() {
    CoreScope scope = new CoreScope(10, CoreScope.State.EMPTY);
    scope.setTag("a", "1");
    scope.setTag("a", null);
    assertThat(scope.getTags()).isEmpty();
    scope.setLevel(Level.WARNING);
    scope.setFingerprint(List.of("x"));
    scope.clear();
    assertThat(scope.state()).isEqualTo(CoreScope.State.EMPTY);
  }
}
