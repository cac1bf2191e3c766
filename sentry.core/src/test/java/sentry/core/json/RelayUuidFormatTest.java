package sentry.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The schema check reads {@code format: uuid} as Relay does: 32 hex digits or the dashed form. */
class RelayUuidFormatTest {
  private static final JsonSchema UUID_FIELD =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, factory -> factory.metaSchema(JsonSupport.RELAY_DRAFT_7))
          .getSchema("{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
              + "\"properties\":{\"event_id\":{\"type\":\"string\",\"format\":\"uuid\"}}}");

  @ParameterizedTest
  @CsvSource({
      "808bca9aec8f439c801e35a20ec61ccc, true",
      "808bca9a-ec8f-439c-801e-35a20ec61ccc, true",
      "808bca9aec8f439c801e35a20ec61cc, false",
      "808bca9a-ec8f439c801e35a20ec61ccc, false",
      "not-a-uuid, false"})
  void takesBothFormsRelayTakesAndNothingElse(String id, boolean valid) {
    ObjectNode event = JsonSupport.MAPPER.createObjectNode().put("event_id", id);
    assertThat(UUID_FIELD.validate(event).isEmpty()).as(id).isEqualTo(valid);
  }
}
