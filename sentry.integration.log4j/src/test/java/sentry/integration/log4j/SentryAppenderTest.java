package sentry.integration.log4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import sentry.api.Level;

/** The appender's level mapping and builder, without the SDK. */
class SentryAppenderTest {
  @Test
  void log4jLevelsMapByValue() {
    assertThat(SentryAppender.level(org.apache.logging.log4j.Level.FATAL)).isEqualTo(Level.FATAL);
    assertThat(SentryAppender.level(org.apache.logging.log4j.Level.ERROR)).isEqualTo(Level.ERROR);
    assertThat(SentryAppender.level(org.apache.logging.log4j.Level.WARN)).isEqualTo(Level.WARNING);
    assertThat(SentryAppender.level(org.apache.logging.log4j.Level.INFO)).isEqualTo(Level.INFO);
    assertThat(SentryAppender.level(org.apache.logging.log4j.Level.DEBUG)).isEqualTo(Level.DEBUG);
    assertThat(SentryAppender.level(org.apache.logging.log4j.Level.TRACE)).isEqualTo(Level.DEBUG);
    assertThat(SentryAppender.level(org.apache.logging.log4j.Level.forName("NOTICE", 350))).isEqualTo(Level.INFO);
  }

  @Test
  void theBuilderNamesTheAppenderSentryUnlessToldOtherwise() {
    assertThat(SentryAppender.newBuilder().build().getName()).isEqualTo("Sentry");
    assertThat(SentryAppender.newBuilder().setName("Errors").build().getName()).isEqualTo("Errors");
    assertThatThrownBy(() -> SentryAppender.newBuilder().setName("").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
  }
}
