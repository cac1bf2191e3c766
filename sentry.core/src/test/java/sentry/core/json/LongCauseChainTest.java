package sentry.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sentry.api.Mechanism;
import sentry.api.SentryEvent;

/** A 10,000-deep cause chain on the wire: both ends kept, the middle said, the schema met. */
class LongCauseChainTest {
  @AfterEach
  void everyEventWrittenMatchesTheSchema() {
    JsonSupport.validateParsedEvents();
  }

  @Test
  void theEventKeepsTheRootCauseAndSaysHowManyWereLeftOut() {
    Throwable chain = new IllegalStateException("root cause");
    for (int i = 1; i < 10_000; i++) {
      chain = new RuntimeException("link " + i, chain);
    }
    SentryEvent event = SentryEvent.fromThrowable(chain, Mechanism.GENERIC);

    JsonNode json = JsonSupport.parseEvent(new EventSerializer(JsonSupport.DEFAULTS, JsonSupport.DESCRIBER).serialize(event));

    JsonNode values = json.path("exception").path("values");
    assertThat(values.size()).isEqualTo(ExceptionDescriber.MAX_EXCEPTIONS);
    assertThat(values.get(0).path("value").asText()).isEqualTo("root cause");
    assertThat(values.get(values.size() - 1).path("value").asText()).isEqualTo("link 9999");
    JsonNode omitted = values.get(24);
    assertThat(omitted.path("type").asText()).isEqualTo("OmittedCauses");
    assertThat(omitted.path("value").asText()).startsWith("9951 exceptions of this cause chain were left out");
    assertThat(omitted.path("mechanism").path("type").asText()).isEqualTo("chained");
    assertThat(omitted.has("stacktrace")).isFalse();
  }
}
