package sentry.integration.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import sentry.api.Level;

/** The options and the level mappings, without the SDK. */
class LoggingIntegrationTest {
  @Test
  void defaultsAreInfoForBreadcrumbsAndErrorForEvents() {
    LoggingIntegration defaults = new LoggingIntegration();

    assertThat(defaults.level()).contains(Level.INFO);
    assertThat(defaults.eventLevel()).contains(Level.ERROR);
    assertThat(defaults.makesBreadcrumb(Level.INFO)).isTrue();
    assertThat(defaults.makesBreadcrumb(Level.DEBUG)).isFalse();
    assertThat(defaults.makesEvent(Level.FATAL)).isTrue();
    assertThat(defaults.makesEvent(Level.WARNING)).isFalse();
  }

  @Test
  void optionsMakeNewInstancesAndNullSwitchesOff() {
    LoggingIntegration defaults = new LoggingIntegration();
    LoggingIntegration off = defaults.withLevel(null).withEventLevel(null).ignoreLogger("a.*");

    assertThat(defaults.ignoredLoggers()).isEmpty();
    assertThat(off.level()).isEmpty();
    assertThat(off.eventLevel()).isEmpty();
    assertThat(off.makesBreadcrumb(Level.FATAL)).isFalse();
    assertThat(off.makesEvent(Level.FATAL)).isFalse();
    assertThat(off.ignoredLoggers()).containsExactly("a.*");
  }

  @Test
  void ignoredPatternsUseStarsAndMatchWholeNames() {
    LoggingIntegration integration = new LoggingIntegration().ignoreLogger("com.example.*")
        .ignoreLogger("*Health*").ignoreLogger("exact.name").ignoreLogger("a.b(c)+");

    assertThat(integration.isIgnored("com.example.deep.Name")).isTrue();
    assertThat(integration.isIgnored("com.example.")).isTrue();
    assertThat(integration.isIgnored("com.examples")).isFalse();
    assertThat(integration.isIgnored("app.HealthCheck")).isTrue();
    assertThat(integration.isIgnored("exact.name")).isTrue();
    assertThat(integration.isIgnored("exact.name.child")).isFalse();
    assertThat(integration.isIgnored("a.b(c)+")).as("regex characters are literal").isTrue();
    assertThat(integration.isIgnored("a.bcc")).isFalse();
    assertThat(new LoggingIntegration().ignoreLogger("*").isIgnored(null)).as("the root logger").isTrue();
  }

  @Test
  void theSdksOwnLoggersAreAlwaysIgnored() {
    LoggingIntegration integration = new LoggingIntegration();

    assertThat(integration.isIgnored("sentry")).isTrue();
    assertThat(integration.isIgnored("sentry.core.client")).isTrue();
    assertThat(integration.isIgnored("sentryish")).isFalse();
    assertThat(integration.isIgnored("com.sentry")).isFalse();
    assertThat(integration.isIgnored(null)).isFalse();
  }

  @Test
  void aBlankPatternFailsAtOnceNamingTheSetting() {
    assertThatThrownBy(() -> new LoggingIntegration().ignoreLogger(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ignoreLogger");
  }

  @Test
  void julLevelsMapByValue() {
    assertThat(JulHandler.level(java.util.logging.Level.SEVERE)).isEqualTo(Level.ERROR);
    assertThat(JulHandler.level(java.util.logging.Level.WARNING)).isEqualTo(Level.WARNING);
    assertThat(JulHandler.level(java.util.logging.Level.INFO)).isEqualTo(Level.INFO);
    assertThat(JulHandler.level(java.util.logging.Level.CONFIG)).isEqualTo(Level.DEBUG);
    assertThat(JulHandler.level(java.util.logging.Level.FINEST)).isEqualTo(Level.DEBUG);
    assertThat(JulHandler.level(new CustomLevel("NOTICE", 850))).isEqualTo(Level.INFO);
    assertThat(JulHandler.level(new CustomLevel("ALERT", 1100))).isEqualTo(Level.ERROR);
  }

  private static final class CustomLevel extends java.util.logging.Level {
    private static final long serialVersionUID = 1L;

    CustomLevel(String name, int value) {
      super(name, value);
    }
  }
}
