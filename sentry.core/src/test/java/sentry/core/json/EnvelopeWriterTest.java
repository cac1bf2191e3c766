package sentry.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static sentry.core.json.JsonSupport.DEFAULTS;
import static sentry.core.json.JsonSupport.DESCRIBER;
import static sentry.core.json.JsonSupport.parse;
import static sentry.core.json.JsonSupport.parseEvent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sentry.api.Mechanism;
import sentry.api.Message;
import sentry.api.SentryEvent;
import sentry.api.SentryId;

class EnvelopeWriterTest {
  private static final SentryId ID = new SentryId("808bca9aec8f439c801e35a20ec61ccc");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T01:28:10.807Z"), ZoneOffset.UTC);
  private final EnvelopeWriter writer = new EnvelopeWriter(DEFAULTS.sdk(), CLOCK);

  @AfterEach
  void everyEventWrittenMatchesTheSchema() {
    JsonSupport.validateParsedEvents();
  }

  @Test
  void anEventEnvelopeIsByteExact() throws IOException {
    String text = "{\"event_id\":\"x\",\"message\":\"caf\u00e9 \uD83D\uDE00\"}";
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    writer.writeEvent(out, ID, payload);

    String expected = "{\"event_id\":\"808bca9aec8f439c801e35a20ec61ccc\","
        + "\"sent_at\":\"2026-11-22T01:28:10.807Z\","
        + "\"sdk\":{\"name\":\"sentry.java.modular\",\"version\":\"0.1.0\"}}\n"
        + "{\"type\":\"event\",\"content_type\":\"application/json\",\"length\":" + payload.length + "}\n"
        + new String(payload, StandardCharsets.UTF_8) + "\n";
    assertThat(out.toByteArray()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    // The length counts bytes, not chars: é is two bytes for one char, the emoji four for two.
    assertThat(payload.length).isEqualTo(text.length() + 1 + 2);
  }

  @Test
  void aRealEventSurvivesTheRoundTrip() throws IOException {
    SentryEvent event = SentryEvent.fromThrowable(ExceptionDescriberTest.referenceChain(), Mechanism.GENERIC);
    event.setMessage(Message.of("line one\nline two \u2028 \u00e9"));
    byte[] payload = new EventSerializer(DEFAULTS, DESCRIBER).serialize(event);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    writer.writeEvent(out, event.getEventId(), payload, Map.of());

    List<byte[]> parts = split(out.toByteArray());
    assertThat(parts).hasSize(3);
    JsonNode header = parse(parts.get(0));
    assertThat(header.get("event_id").asText()).isEqualTo(event.getEventId().value());
    assertThat(header.has("dsn")).isFalse();
    JsonNode itemHeader = parse(parts.get(1));
    assertThat(itemHeader.get("length").asInt()).isEqualTo(parts.get(2).length).isEqualTo(payload.length);
    JsonNode parsed = parseEvent(parts.get(2));
    assertThat(parsed.get("logentry").get("formatted").asText())
        .isEqualTo("line one\nline two \u2028 \u00e9");
    assertThat(out.toByteArray()).doesNotContain((byte) '\r');
  }

  @Test
  void anEventEnvelopeCanCarryAClientReport() throws IOException {
    Map<String, Long> discarded = new LinkedHashMap<>();
    discarded.put("queue_overflow/error", 3L);
    discarded.put("ratelimit_backoff/attachment", 1L);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    writer.writeEvent(out, ID, "{}".getBytes(StandardCharsets.UTF_8), discarded);

    List<byte[]> parts = split(out.toByteArray());
    assertThat(parts).hasSize(5);
    assertThat(new String(parts.get(1), StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"event\",\"content_type\":\"application/json\",\"length\":2}");
    assertThat(parse(parts.get(3)).get("type").asText()).isEqualTo("client_report");
    assertThat(parse(parts.get(3)).get("length").asInt()).isEqualTo(parts.get(4).length);
    assertThat(new String(parts.get(4), StandardCharsets.UTF_8)).isEqualTo(
        "{\"timestamp\":\"2026-11-22T01:28:10.807Z\",\"discarded_events\":["
            + "{\"reason\":\"queue_overflow\",\"category\":\"error\",\"quantity\":3},"
            + "{\"reason\":\"ratelimit_backoff\",\"category\":\"attachment\",\"quantity\":1}]}");
  }

  @Test
  void aClientReportEnvelopeHasNoEventIdAndSkipsWhatItCannotReport() throws IOException {
    Map<String, Long> discarded = new LinkedHashMap<>();
    discarded.put("sample_rate/error", 5L);
    discarded.put("no-slash", 2L);
    discarded.put("before_send/", 2L);
    discarded.put("event_processor/error", 0L);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThat(writer.writeClientReport(out, discarded)).isTrue();

    List<byte[]> parts = split(out.toByteArray());
    assertThat(parts).hasSize(3);
    assertThat(new String(parts.get(0), StandardCharsets.UTF_8)).isEqualTo(
        "{\"sent_at\":\"2026-11-22T01:28:10.807Z\","
            + "\"sdk\":{\"name\":\"sentry.java.modular\",\"version\":\"0.1.0\"}}");
    assertThat(new String(parts.get(1), StandardCharsets.UTF_8)).isEqualTo(
        "{\"type\":\"client_report\",\"content_type\":\"application/json\",\"length\":"
            + parts.get(2).length + "}");
    JsonNode report = parse(parts.get(2));
    assertThat(report.get("discarded_events").toString())
        .isEqualTo("[{\"reason\":\"sample_rate\",\"category\":\"error\",\"quantity\":5}]");
  }

  @Test
  void nothingToReportWritesNothing() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThat(writer.writeClientReport(out, Map.of("sample_rate/error", 0L))).isFalse();
    assertThat(writer.writeClientReport(out, Map.of())).isFalse();
    assertThat(out.size()).isZero();
  }

  /**
   * Splits an envelope by its own rules: a header line, then per item a header line and exactly
   * {@code length} bytes followed by {@code \n}. Fails if the bytes do not follow them.
   */
  private static List<byte[]> split(byte[] envelope) {
    List<byte[]> parts = new ArrayList<>();
    int at = lineEnd(envelope, 0);
    parts.add(Arrays.copyOfRange(envelope, 0, at));
    at++;
    while (at < envelope.length) {
      int end = lineEnd(envelope, at);
      byte[] itemHeader = Arrays.copyOfRange(envelope, at, end);
      int length = parse(itemHeader).get("length").asInt();
      parts.add(itemHeader);
      parts.add(Arrays.copyOfRange(envelope, end + 1, end + 1 + length));
      at = end + 1 + length;
      assertThat(envelope[at]).as("byte after the payload").isEqualTo((byte) '\n');
      at++;
    }
    return parts;
  }

  private static int lineEnd(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    throw new AssertionError("no newline after byte " + from);
  }
}
