package sentry.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.format.PatternFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import sentry.api.Mechanism;

/** Reads what the package wrote: strict UTF-8, strict JSON, and the shared event schema. */
public final class JsonSupport {
  static {
    // Surefire puts jackson-databind on the module path as a named module that the patched
    // sentry.core module does not read; the main code must not read it, so only tests add the edge.
    try {
      Module databind = Class.forName("com.fasterxml.jackson.databind.ObjectMapper").getModule();
      JsonSupport.class.getModule().addReads(databind);
    } catch (ClassNotFoundException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  static final EventDefaults DEFAULTS =
      new EventDefaults(
          new SdkInfo(
              "sentry.java.modular",
              "0.1.0",
              List.of("dedupe", "excepthook"),
              List.of(new SdkInfo.SdkPackage("maven:dev.sentrysdk:sentry-core", "0.1.0"))),
          Map.of(
              "runtime", Map.of("name", "OpenJDK Runtime Environment", "version", "17.0.15"),
              "os", Map.of("name", "Linux", "version", "6.1")),
          "default-host");
  static final ExceptionDescriber DESCRIBER = new ExceptionDescriber(List.of(), List.of());
  static final Mechanism UNHANDLED = new Mechanism("excepthook", false);

  /**
   * Draft-07 with Relay's reading of {@code format: uuid}: a UUID as 32 hex digits or in the dashed
   * form (a generic validator takes only the dashed one; Sentry's event schema asks for the 32 digits).
   */
  static final JsonMetaSchema RELAY_DRAFT_7 = JsonMetaSchema.builder(JsonMetaSchema.getV7())
      .format(PatternFormat.of("uuid",
          "^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$", null))
      .build();

  private static final ThreadLocal<List<JsonNode>> PARSED_EVENTS = ThreadLocal.withInitial(ArrayList::new);
  private static JsonSchema schema;

  private JsonSupport() {}

  /** The shared directory: {@code sentry.shared.dir}, else {@code ../../shared} from the module. */
  public static Path sharedDir() {
    String configured = System.getProperty("sentry.shared.dir");
    return Path.of(configured != null ? configured : "../../shared").toAbsolutePath().normalize();
  }

  /** Decodes strictly: malformed or unmappable UTF-8 fails the test. */
  public static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return fail("output is not valid UTF-8: " + e);
    }
  }

  /** Parses JSON after checking it is valid UTF-8 with no repeated keys. */
  public static JsonNode parse(byte[] json) {
    strictUtf8(json);
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses an event and keeps it for {@link #validateParsedEvents()}, which test classes call after
   * each test: the content checks run even where the schema is missing.
   */
  public static JsonNode parseEvent(byte[] json) {
    JsonNode node = parse(json);
    PARSED_EVENTS.get().add(node);
    return node;
  }

  /** Checks every event parsed by this thread's test against the shared schema, then forgets them. */
  public static void validateParsedEvents() {
    List<JsonNode> events = new ArrayList<>(PARSED_EVENTS.get());
    PARSED_EVENTS.get().clear();
    if (events.isEmpty()) {
      return;
    }
    JsonSchema checker = schema();
    for (JsonNode event : events) {
      Set<ValidationMessage> problems = checker.validate(event);
      assertThat(problems).as("schema problems of %s", abbreviate(event.toString())).isEmpty();
    }
  }

  /** Skips the calling test, saying why, when the shared event schema is not there. */
  static Path assumeSchema() {
    Path file = sharedDir().resolve("schemas/relay-event.schema.json");
    Assumptions.assumeTrue(Files.isRegularFile(file), file + " is missing: schema check skipped");
    return file;
  }

  private static synchronized JsonSchema schema() {
    Path file = assumeSchema();
    if (schema == null) {
      try {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, factory -> factory.metaSchema(RELAY_DRAFT_7))
            .getSchema(MAPPER.readTree(file.toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return schema;
  }

  private static String abbreviate(String text) {
    return text.length() <= 2000 ? text : text.substring(0, 2000) + "...";
  }
}
