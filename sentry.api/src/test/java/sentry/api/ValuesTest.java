package sentry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void randomIdsAreVersion4HexAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      SentryId id = SentryId.random();
      assertThat(id.value()).matches("[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}");
      assertThat(seen.add(id.value())).isTrue();
    }
    assertThat(SentryId.EMPTY.isEmpty()).isTrue();
  }

  @Test
  void idsAreEqualByTheirDigitsHoweverMade() {
    SentryId random = SentryId.random();
    SentryId parsed = new SentryId(random.value());
    assertThat(parsed).isEqualTo(random).hasSameHashCodeAs(random);
    assertThat(random).isEqualTo(parsed);
    assertThat(parsed.toString()).isEqualTo(random.value());
    assertThat(new SentryId("0".repeat(32))).isEqualTo(SentryId.EMPTY);
    assertThat(new SentryId("0".repeat(32)).isEmpty()).isTrue();
    assertThat(SentryId.EMPTY.value()).isEqualTo("0".repeat(32));
    assertThat(new SentryId("f".repeat(32)).value()).isEqualTo("f".repeat(32));
    assertThat(new SentryId("f".repeat(32))).isNotEqualTo(new SentryId("f".repeat(31) + "e"));
    assertThat(new SentryId("808bca9aec8f439c801e35a20ec61ccc").isEmpty()).isFalse();
  }

  @Test
  void badIdsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> new SentryId("abc")).hasMessageContaining("has 3 characters");
    assertThatThrownBy(() -> new SentryId("G".repeat(32))).hasMessageContaining("'G' at 0");
    assertThatThrownBy(() -> new SentryId("a".repeat(31) + "A")).hasMessageContaining("'A' at 31");
  }

  @Test
  void hintKeysAreTypedAndCompareByIdentity() {
    Hint.Key<String> key = new Hint.Key<>("log_record", String.class);
    Hint.Key<String> twin = new Hint.Key<>("log_record", String.class);
    Hint hint = Hint.of(key, "record");
    assertThat(hint.get(key)).contains("record");
    assertThat(hint.get(twin)).isEmpty();
    hint.set(key, null);
    assertThat(hint.contains(key)).isFalse();
  }

  @Test
  void aBreadcrumbMayBeStampedWithAGivenTime() {
    java.time.Instant then = java.time.Instant.parse("2024-01-02T03:04:05Z");
    Breadcrumb crumb = new Breadcrumb(then);
    assertThat(crumb.getTimestamp()).isEqualTo(then);
    assertThat(crumb.getType()).isEqualTo("default");
    assertThat(crumb.getLevel()).isEqualTo(Level.INFO);
    assertThatThrownBy(() -> new Breadcrumb((java.time.Instant) null)).isInstanceOf(NullPointerException.class)
        .hasMessage("timestamp must not be null");
  }

  @Test
  void aBreadcrumbStampedNowHasTheClocksMillisecondUntilItIsSetOtherwise() {
    long before = System.currentTimeMillis();
    Breadcrumb crumb = new Breadcrumb("now");
    long after = System.currentTimeMillis();
    java.time.Instant at = crumb.getTimestamp();
    assertThat(at.toEpochMilli()).isBetween(before, after);
    assertThat(at.getNano() % 1_000_000).isZero();
    assertThat(crumb.getTimestamp()).isSameAs(at);
    java.time.Instant then = java.time.Instant.parse("2024-01-02T03:04:05.123456Z");
    assertThat(crumb.setTimestamp(then).getTimestamp()).isEqualTo(then);
    assertThat(crumb.setTimestamp(null).getTimestamp()).isNull();
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aHintHoldsManyKeysReplacesAndRemovesInTheMiddle() {
    List<Hint.Key<Integer>> keys = new ArrayList<>();
    Hint hint = new Hint();
    for (int i = 0; i < 10; i++) {
      Hint.Key<Integer> key = new Hint.Key<>("k" + i, Integer.class);
      keys.add(key);
      hint.set(key, i);
    }
    hint.set(keys.get(3), 33);
    hint.set(keys.get(5), null);
    hint.set(keys.get(0), null);
    assertThat(hint.get(keys.get(3))).contains(33);
    assertThat(hint.contains(keys.get(5))).isFalse();
    assertThat(hint.get(keys.get(9))).contains(9);
    assertThat(hint).hasToString("Hint[k1, k2, k3, k4, k6, k7, k8, k9]");
    assertThatThrownBy(() -> hint.set((Hint.Key) keys.get(1), "text")).isInstanceOf(ClassCastException.class);
  }

  @Test
  void optionSettersNameTheOptionTheValueAndTheRule() {
    SentryOptions options = new SentryOptions();
    assertThatThrownBy(() -> options.setSampleRate(2))
        .hasMessage("option sampleRate is 2.0: expected a number from 0.0 to 1.0");
    assertThatThrownBy(() -> options.setMaxBreadcrumbs(-1))
        .hasMessage("option maxBreadcrumbs is -1: expected a whole number from 0 to 1000");
    assertThatThrownBy(() -> options.setShutdownTimeoutMillis(-5))
        .hasMessageContaining("shutdownTimeoutMillis is -5");
    assertThatThrownBy(() -> new SentryOptions.Proxy("", 80, null, null)).hasMessageContaining("no host");
  }

  @Test
  void proxyNeverShowsItsPassword() {
    assertThat(new SentryOptions.Proxy("p", 3128, "user", "hunter2").toString())
        .doesNotContain("hunter2")
        .contains("user");
  }

  @Test
  void environmentFallsBackToProduction() {
    SentryOptions options = new SentryOptions();
    options.setEnvironment(" ");
    assertThat(options.getEnvironment()).isEqualTo("production");
  }
}
