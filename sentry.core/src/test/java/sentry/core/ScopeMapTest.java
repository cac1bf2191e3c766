package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeMapTest {
  @Test
  void keepsTheOrderKeysWereFirstSetAsALinkedHashMapDoes() {
    ScopeMap<String> map = ScopeMap.empty();
    Map<String, String> expected = new LinkedHashMap<>();
    String[][] steps = {{"b", "1"}, {"a", "2"}, {"c", "3"}, {"a", "4"}, {"b", null}, {"d", "5"}, {"b", "6"}};
    for (String[] step : steps) {
      if (step[1] == null) {
        map = map.without(step[0]);
        expected.remove(step[0]);
      } else {
        map = map.with(step[0], step[1]);
        expected.put(step[0], step[1]);
      }
      assertThat(map).isEqualTo(expected);
      assertThat(List.copyOf(map.keySet())).isEqualTo(List.copyOf(expected.keySet()));
      assertThat(map.hashCode()).isEqualTo(expected.hashCode());
    }
    assertThat(map.get("a")).isEqualTo("4");
    assertThat(map.get("zz")).isNull();
    assertThat(map.containsKey("c")).isTrue();
    assertThat(map.containsKey(42)).isFalse();
  }

  @Test
  void aChangeLeavesTheOldMapAsItWas() {
    ScopeMap<String> before = ScopeMap.<String>empty().with("k", "v").with("other", "o");
    ScopeMap<String> after = before.with("k", "changed").without("other").with("new", "n");
    assertThat(before).containsExactly(Map.entry("k", "v"), Map.entry("other", "o"));
    assertThat(after).containsExactly(Map.entry("k", "changed"), Map.entry("new", "n"));
    assertThat(before.without("absent")).isSameAs(before);
    assertThat(before.without("k").without("other")).isEmpty();
  }

  @Test
  void keysWithTheSameHashCodeStayApart() {
    // "Aa" and "BB" share a hash code: the keys themselves decide.
    ScopeMap<Integer> map = ScopeMap.<Integer>empty().with("Aa", 1).with("BB", 2);
    assertThat(map.get("Aa")).isEqualTo(1);
    assertThat(map.get("BB")).isEqualTo(2);
    assertThat(map.without("Aa")).containsExactly(Map.entry("BB", 2));
  }

  @Test
  void cannotBeChangedThroughTheMapInterface() {
    ScopeMap<String> map = ScopeMap.<String>empty().with("k", "v");
    assertThatThrownBy(() -> map.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.entrySet().iterator().next().setValue("w"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.remove("k")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(map).containsExactly(Map.entry("k", "v"));
  }
}
