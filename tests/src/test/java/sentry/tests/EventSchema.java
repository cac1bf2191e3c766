package sentry.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.format.PatternFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import sentry.testing.Envelope;

/**
 * Validates event payloads against Relay's event schema (draft-07), read from the shared folder
 * ({@code schemas/relay-event.schema.json} under the system property {@code sentry.shared.dir}).
 * Where the schema is missing, the calling test is skipped with an assumption that says so.
 */
final class EventSchema {
  /**
   * Draft-07 with Relay's reading of {@code format: uuid}: 32 hex digits or the dashed form. A
   * generic validator takes only the dashed one, while Sentry's event schema asks for the 32 digits
   * ("Dashes are not allowed") and Relay takes both.
   */
  static final JsonMetaSchema RELAY_DRAFT_7 = JsonMetaSchema.builder(JsonMetaSchema.getV7())
      .format(PatternFormat.of("uuid",
          "^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$", null))
      .build();

  private static JsonSchema schema;

  private EventSchema() {}

  /** Returns where the schema is expected. */
  static Path location() {
    return BuildPaths.sharedDir().resolve("schemas").resolve("relay-event.schema.json");
  }

  /**
   * Fails when an event does not validate; skips the test when the schema is missing.
   *
   * @param event the event payload as sent
   */
  static void assertValid(JsonNode event) {
    Set<ValidationMessage> errors = load().validate(event);
    if (!errors.isEmpty()) {
      throw new AssertionError("event " + event.path("event_id").asText("?") + " does not validate against "
          + location() + ":\n  " + errors.stream().map(ValidationMessage::toString).sorted()
              .collect(Collectors.joining("\n  "))
          + "\nevent: " + event.toPrettyString());
    }
  }

  private static synchronized JsonSchema load() {
    Path file = location();
    assumeTrue(Files.isRegularFile(file),
        () -> "the event schema is missing at " + file + " (set -Dsentry.shared.dir to the shared folder):"
            + " cannot validate events, skipping");
    if (schema == null) {
      try {
        JsonNode node = Envelope.json(Files.readAllBytes(file), file.toString());
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, factory -> factory.metaSchema(RELAY_DRAFT_7))
            .getSchema(node);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the event schema " + file, e);
      }
    }
    return schema;
  }
}
