package sentry.core.json;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The schema check must be able to fail, or the other tests prove nothing. */
class JsonSupportTest {
  @Test
  void theSchemaCheckRejectsWhatRelaysSchemaDoesNot() {
    JsonSupport.assumeSchema();
    JsonSupport.parseEvent("{\"platform\":\"java\",\"unknown_key\":1}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(JsonSupport::validateParsedEvents).hasMessageContaining("unknown_key");
  }

  @Test
  void theUtf8CheckRejectsALoneSurrogateEncodedAsCesu() {
    byte[] cesu = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};

    assertThatThrownBy(() -> JsonSupport.strictUtf8(cesu)).hasMessageContaining("not valid UTF-8");
  }
}
