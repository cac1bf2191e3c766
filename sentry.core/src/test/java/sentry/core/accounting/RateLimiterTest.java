package sentry.core.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sentry.core.transport.Transport;

class RateLimiterTest {
  // Far from zero, to show that the clock's absolute value does not matter.
  private final AtomicLong clock = new AtomicLong(-123_456_789_000L);
  private final RateLimiter limiter = new RateLimiter(clock::get);

  private void advanceSeconds(double seconds) {
    clock.addAndGet((long) (seconds * TimeUnit.SECONDS.toNanos(1)));
  }

  @Test
  void nothingIsLimitedAtFirst() {
    assertThat(limiter.isLimited("error")).isFalse();
    assertThat(limiter.isLimited("transaction")).isFalse();
  }

  @Test
  void listedCategoriesAreLimitedUntilTheyExpire() {
    limiter.update(200, null, "60:error;attachment:key");

    assertThat(limiter.isLimited("error")).isTrue();
    assertThat(limiter.isLimited("attachment")).isTrue();
    assertThat(limiter.isLimited("session")).isFalse();
    assertThat(limiter.isLimited("internal")).isFalse();

    advanceSeconds(59.9);
    assertThat(limiter.isLimited("error")).isTrue();
    advanceSeconds(0.2);
    assertThat(limiter.isLimited("error")).isFalse();
    assertThat(limiter.isLimited("attachment")).isFalse();
  }

  @Test
  void emptyCategoriesMeanAll() {
    limiter.update(429, null, "30::organization:quota_exceeded");

    assertThat(limiter.isLimited("error")).isTrue();
    assertThat(limiter.isLimited("session")).isTrue();
    assertThat(limiter.isLimited("internal")).isTrue();
    assertThat(limiter.isLimited("something_new")).isTrue();
    advanceSeconds(31);
    assertThat(limiter.isLimited("error")).isFalse();
  }

  @Test
  void unknownCategoriesAreIgnored() {
    limiter.update(200, null, "60:transaction;profile;metric_bucket:organization:quota:custom");

    assertThat(limiter.isLimited("error")).isFalse();
    assertThat(limiter.isLimited("transaction")).isFalse();

    limiter.update(200, null, "60:transaction;session:key");
    assertThat(limiter.isLimited("session")).isTrue();
    assertThat(limiter.isLimited("error")).isFalse();
  }

  @Test
  void theLongerExpiryWinsWhicheverComesFirst() {
    limiter.update(200, null, "120:error:key");
    limiter.update(200, null, "10:error:key");
    limiter.update(200, null, "10:session:key, 120:session:organization");

    advanceSeconds(60);
    assertThat(limiter.isLimited("error")).isTrue();
    assertThat(limiter.isLimited("session")).isTrue();
    advanceSeconds(61);
    assertThat(limiter.isLimited("error")).isFalse();
    assertThat(limiter.isLimited("session")).isFalse();
  }

  @Test
  void aLimitOnAllDoesNotShortenACategoryLimit() {
    limiter.update(200, null, "100:error:key, 10::organization");

    advanceSeconds(11);
    assertThat(limiter.isLimited("session")).isFalse();
    assertThat(limiter.isLimited("error")).isTrue();
  }

  @Test
  void fractionsOfSecondsRoundUp() {
    limiter.update(200, null, "1.5:error:key");

    advanceSeconds(1.9);
    assertThat(limiter.isLimited("error")).isTrue();
    advanceSeconds(0.2);
    assertThat(limiter.isLimited("error")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", ",,,", ":", "::::", "60", "abc:error:key", "-5:error:key", "NaN:error:key",
      "1e3:error:key", "0x10:error:key", "60d:error:key", "Infinity::key", "1.2.3:error:key", "\u0000:\u0000",
      "99999999999999999999999999:weird;;;:key"})
  void malformedHeadersAreIgnoredSafely(String header) {
    assertThatCode(() -> limiter.update(200, null, header)).doesNotThrowAnyException();

    assertThat(limiter.isLimited("error")).isFalse();
    assertThat(limiter.isLimited("session")).isFalse();
  }

  @Test
  void wellFormedQuotasSurviveMalformedNeighbours() {
    limiter.update(200, null, "bogus, 60:error:key, :::, -1::org");

    assertThat(limiter.isLimited("error")).isTrue();
    assertThat(limiter.isLimited("session")).isFalse();
  }

  @Test
  void hugeRetryAfterIsCappedAtADayWithoutOverflow() {
    limiter.update(200, null, "9999999999999999:error:key");

    assertThat(limiter.isLimited("error")).isTrue();
    advanceSeconds(TimeUnit.HOURS.toSeconds(23));
    assertThat(limiter.isLimited("error")).isTrue();
    advanceSeconds(TimeUnit.HOURS.toSeconds(1) + 1);
    assertThat(limiter.isLimited("error")).isFalse();
  }

  @Test
  void aRetryAfterOfAYearIsCappedAtADay() {
    limiter.update(429, String.valueOf(TimeUnit.DAYS.toSeconds(365)), null);

    advanceSeconds(TimeUnit.DAYS.toSeconds(1) - 1);
    assertThat(limiter.isLimited("error")).isTrue();
    advanceSeconds(2);
    assertThat(limiter.isLimited("error")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", " ", ",,,", "abc:error:key", "-5::key, soon:error"})
  void aRateLimitHeaderWhereNothingParsesDoesNotCancelRetryAfter(String header) {
    limiter.update(429, "10", header);

    advanceSeconds(9);
    assertThat(limiter.isLimited("error")).isTrue();
    assertThat(limiter.isLimited("session")).isTrue();
    advanceSeconds(2);
    assertThat(limiter.isLimited("error")).isFalse();
  }

  @Test
  void aRateLimitHeaderWhereNothingParsesFallsBackToSixtySecondsWithoutRetryAfter() {
    limiter.update(429, null, "garbage");

    advanceSeconds(59);
    assertThat(limiter.isLimited("error")).isTrue();
    advanceSeconds(2);
    assertThat(limiter.isLimited("error")).isFalse();
  }

  @Test
  void aRateLimitHeaderWithOneParsableQuotaReplacesRetryAfter() {
    limiter.update(429, "600", "garbage, 10:transaction:key");

    assertThat(limiter.isLimited("error")).isFalse();
  }

  @Test
  void a429WithoutRateLimitsUsesRetryAfterForAllCategories() {
    limiter.update(429, "30", null);

    assertThat(limiter.isLimited("error")).isTrue();
    assertThat(limiter.isLimited("session")).isTrue();
    advanceSeconds(29);
    assertThat(limiter.isLimited("internal")).isTrue();
    advanceSeconds(2);
    assertThat(limiter.isLimited("error")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "Wed, 21 Oct 2015 07:28:00 GMT"})
  void a429WithoutUsableHeadersWaitsSixtySeconds(String retryAfter) {
    limiter.update(429, retryAfter.isEmpty() ? null : retryAfter, null);

    advanceSeconds(59);
    assertThat(limiter.isLimited("error")).isTrue();
    advanceSeconds(2);
    assertThat(limiter.isLimited("error")).isFalse();
  }

  @Test
  void rateLimitsTakePrecedenceOverRetryAfterOnA429() {
    limiter.update(429, "600", "10:error:key");

    assertThat(limiter.isLimited("error")).isTrue();
    assertThat(limiter.isLimited("session")).isFalse();
  }

  @Test
  void rateLimitsAreHonouredOnAnyStatus() {
    limiter.update(200, null, "10:session:key");
    limiter.update(500, null, "10:attachment:key");
    limiter.update(413, null, "10:internal:key");

    assertThat(limiter.isLimited("session")).isTrue();
    assertThat(limiter.isLimited("attachment")).isTrue();
    assertThat(limiter.isLimited("internal")).isTrue();
    assertThat(limiter.isLimited("error")).isFalse();
  }

  @Test
  void retryAfterAloneMeansNothingWithoutA429() {
    limiter.update(503, "30", null);
    limiter.update(200, "30", null);

    assertThat(limiter.isLimited("error")).isFalse();
  }

  @Test
  void updatesFromAResponse() {
    limiter.update(new Transport.Response(429, "5", null));

    assertThat(limiter.isLimited("error")).isTrue();
    assertThat(limiter.toString()).contains("all");
  }
}
