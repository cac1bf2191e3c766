package sentry.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link Text#timestamp} writes what a {@link DateTimeFormatter} of the same pattern writes. */
class TextTimestampTest {
  private static final DateTimeFormatter REFERENCE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @ParameterizedTest
  @ValueSource(strings = {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2000-02-29T12:34:56.789Z",
      "2026-12-31T23:59:59.999999Z", "2100-03-01T00:00:00.001Z", "9999-12-31T23:59:59.999Z",
      "+10000-01-01T00:00:00Z", "-0001-06-15T08:00:00.5Z", "1600-02-29T00:00:00Z"})
  void writesEdgesAsTheFormatterDoes(String text) {
    Instant instant = Instant.parse(text);
    assertThat(Text.timestamp(instant)).isEqualTo(REFERENCE.format(instant.truncatedTo(ChronoUnit.MILLIS)));
  }

  @Test
  void writesRandomInstantsAsTheFormatterDoes() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 300_000_000_000L),
          random.nextInt(1_000_000_000));
      assertThat(Text.timestamp(instant)).as("%s", instant)
          .isEqualTo(REFERENCE.format(instant.truncatedTo(ChronoUnit.MILLIS)));
    }
  }
}
