package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sentry.testing.Envelope;
import sentry.testing.Receiver;

/** Checks of what the SDK sent, per PROTOCOL.md: request line, headers, envelope layout. */
final class Wire {
  /** The item types the SDK may send. */
  static final Set<String> ITEM_TYPES = Set.of("event", "client_report", "attachment", "session");

  private static final Pattern EVENT_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern MARKER = Pattern.compile("(?m)^captured (\\w+) (\\S+)\\r?$");

  private Wire() {}

  /**
   * Checks one request: POST to the DSN's envelope endpoint with the auth, agent, type and
   * encoding headers; returns the parsed envelope after checking its layout.
   *
   * @param request the request
   * @param secret the DSN's secret, or null when it has none
   * @return the envelope
   */
  static Envelope checkRequest(Receiver.Request request, String secret) {
    assertThat(request.method()).as("method of %s", request).isEqualTo("POST");
    assertThat(request.uri()).as("path of %s", request).isEqualTo(Receiver.envelopePath());

    Map<String, String> auth = auth(request.header("X-Sentry-Auth"));
    assertThat(auth).as("X-Sentry-Auth of %s", request)
        .containsEntry("sentry_version", "7")
        .containsEntry("sentry_key", Receiver.PUBLIC_KEY)
        .containsKey("sentry_client");
    assertThat(auth.get("sentry_client")).as("sentry_client").matches("[^/\\s]+/\\S+");
    if (secret == null) {
      assertThat(auth).as("X-Sentry-Auth without a secret in the DSN").doesNotContainKey("sentry_secret");
    } else {
      assertThat(auth).as("X-Sentry-Auth with a secret in the DSN").containsEntry("sentry_secret", secret);
    }
    assertThat(request.header("User-Agent")).as("User-Agent: {sdk}/{version}, as sentry_client")
        .isEqualTo(auth.get("sentry_client"));
    assertThat(request.header("Content-Type")).as("Content-Type")
        .isNotNull()
        .satisfies(type -> assertThat(type.split(";")[0].trim()).isEqualTo("application/x-sentry-envelope"));
    assertThat(request.header("Content-Encoding")).as("Content-Encoding").isEqualTo("gzip");
    assertThat(request.decodeError()).as("gunzipping the body").isNull();

    Envelope envelope = request.envelope();
    checkEnvelope(envelope);
    return envelope;
  }

  /** Checks the envelope header against its items. */
  static void checkEnvelope(Envelope envelope) {
    assertThat(envelope.items()).as("items of %s", envelope.header()).isNotEmpty();
    for (Envelope.Item item : envelope.items()) {
      assertThat(item.type()).as("item type").isIn(ITEM_TYPES);
    }
    List<JsonNode> events = envelope.events();
    assertThat(events).as("event items in one envelope").hasSizeLessThanOrEqualTo(1);
    JsonNode header = envelope.header();
    assertThat(header.path("sent_at").isTextual()).as("sent_at in %s", header).isTrue();
    assertThat(Instant.parse(header.path("sent_at").asText())).as("sent_at").isNotNull();
    if (!events.isEmpty()) {
      String id = header.path("event_id").asText();
      assertThat(id).as("envelope header event_id").matches(EVENT_ID);
      assertThat(eventId(events.get(0))).as("the event's event_id").isEqualTo(id);
      if (header.has("trace")) {
        samplingContext(header, events.get(0));
      }
    }
  }

  /**
   * Checks an event envelope's {@code trace} header, the dynamic sampling context: an object of
   * string values, with the event's {@code contexts.trace.trace_id} as {@code trace_id}, a {@code
   * public_key}, and a {@code sample_rand} from 0 to 1 with six decimals when there is one.
   *
   * @param header the envelope header
   * @param event the envelope's event
   * @return the values by key, in order
   */
  static Map<String, String> samplingContext(JsonNode header, JsonNode event) {
    JsonNode trace = header.path("trace");
    assertThat(trace.isObject()).as("trace in %s", header).isTrue();
    Map<String, String> values = new LinkedHashMap<>();
    trace.properties().forEach(field -> {
      assertThat(field.getValue().isTextual()).as("trace.%s is a string", field.getKey()).isTrue();
      values.put(field.getKey(), field.getValue().asText());
    });
    assertThat(values.get("trace_id")).as("trace.trace_id").matches(EVENT_ID)
        .isEqualTo(event.at("/contexts/trace/trace_id").asText());
    assertThat(values.get("public_key")).as("trace.public_key").isNotBlank();
    if (values.containsKey("sample_rand")) {
      assertThat(values.get("sample_rand")).as("trace.sample_rand").matches("0\\.\\d{6}");
    }
    return values;
  }

  /**
   * Returns an event's id, checking that the payload carries it as 32 lower-case hex digits without
   * dashes, as Sentry's event schema asks and every Sentry SDK sends it.
   */
  static String eventId(JsonNode event) {
    String id = event.path("event_id").asText("");
    assertThat(id).as("event_id: 32 lower-case hex digits, no dashes").matches(EVENT_ID);
    return id;
  }

  /** Returns the identifiers in an event's {@code sdk.integrations}, in order; empty when it has none. */
  static List<String> integrations(JsonNode event) {
    JsonNode node = event.path("sdk").path("integrations");
    assertThat(node.isMissingNode() || node.isArray()).as("sdk.integrations in %s", event.path("sdk")).isTrue();
    List<String> identifiers = new ArrayList<>();
    node.forEach(n -> identifiers.add(n.asText()));
    return identifiers;
  }

  /** Parses {@code Sentry k=v, k=v} (commas with or without a space). */
  static Map<String, String> auth(String header) {
    assertThat(header).as("X-Sentry-Auth").isNotNull().startsWith("Sentry ");
    Map<String, String> values = new LinkedHashMap<>();
    for (String part : header.substring("Sentry ".length()).split(",")) {
      String[] kv = part.trim().split("=", 2);
      assertThat(kv).as("X-Sentry-Auth part %s", part).hasSize(2);
      values.put(kv[0], kv[1]);
    }
    return values;
  }

  /** Returns every event sent in the requests, in arrival order. */
  static List<JsonNode> events(List<Receiver.Request> requests) {
    List<JsonNode> events = new ArrayList<>();
    for (Receiver.Request request : requests) {
      if (request.decodeError() == null) {
        events.addAll(request.envelope().events());
      }
    }
    return events;
  }

  /** Counts the event items in the requests. */
  static int eventCount(List<Receiver.Request> requests) {
    return events(requests).size();
  }

  /** Reads the {@code captured <kind> <id>} markers a scenario printed. */
  static Map<String, String> markers(String stdout) {
    Map<String, String> ids = new LinkedHashMap<>();
    Matcher matcher = MARKER.matcher(stdout);
    while (matcher.find()) {
      ids.put(matcher.group(1), matcher.group(2));
    }
    return ids;
  }
}
