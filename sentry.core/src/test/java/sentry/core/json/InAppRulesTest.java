package sentry.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules give the same answer for a class name they remember as for one they match afresh. */
class InAppRulesTest {
  private final InAppRules rules = new InAppRules(List.of("java.util.concurrent"), List.of("com.acme.vendor"));

  @Test
  void aRememberedClassNameStillHeedsTheFramesModule() {
    for (int i = 0; i < 3; i++) {
      assertThat(rules.isInApp("com.acme.Main", null)).isTrue();
      assertThat(rules.isInApp("com.acme.Main", "java.base")).isFalse();
      assertThat(rules.isInApp("com.acme.Main", "com.acme")).isTrue();
      assertThat(rules.isInApp("java.util.concurrent.FutureTask", "java.base")).isTrue();
      assertThat(rules.isInApp("com.acme.vendor.Lib", null)).isFalse();
      assertThat(rules.isInApp("java.lang.Thread", null)).isFalse();
      assertThat(rules.isInApp("javax.Foo", "com.acme")).isFalse();
    }
  }

  @Test
  void answersAlikePastWhatItRemembers() {
    for (int i = 0; i < InAppRules.MAX_REMEMBERED + 10; i++) {
      assertThat(rules.isInApp("com.acme.Gen" + i, null)).isTrue();
      assertThat(rules.isInApp("java.gen.Gen" + i, null)).isFalse();
    }
  }
}
