package sentry.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
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
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the event schema " + file, e);
      }
    }
    return schema;
  }
}
