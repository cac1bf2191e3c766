package sentry.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Json#render} reuses its thread's buffer; no document sees another's bytes. */
class JsonRenderTest {
  @Test
  void aDocumentThatFailedHalfWayLeavesNothingForTheNext() {
    assertThatThrownBy(() -> Json.render((out, bytes) -> {
      out.writeStartObject();
      out.writeStringField("half", "x".repeat(5000));
      out.flush();
      throw new IllegalStateException("broken body");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(text(Json.render((out, bytes) -> {
      out.writeStartObject();
      out.writeEndObject();
    }))).isEqualTo("{}");
  }

  @Test
  void aDocumentRenderedWhileAnotherIsWrittenGetsItsOwnBuffer() {
    byte[][] inner = new byte[1][];
    byte[] outer = Json.render((out, bytes) -> {
      out.writeStartObject();
      out.writeStringField("a", "1");
      out.flush();
      inner[0] = Json.render((nested, nestedBytes) -> {
        nested.writeStartArray();
        nested.writeEndArray();
      });
      out.writeStringField("b", "2");
      out.writeEndObject();
    });

    assertThat(text(outer)).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
    assertThat(text(inner[0])).isEqualTo("[]");
  }

  @Test
  void aLargeDocumentIsWholeAndTheNextSmallOneToo() {
    String large = "y".repeat(100_000);
    assertThat(text(Json.render((out, bytes) -> out.writeString(large)))).isEqualTo("\"" + large + "\"");
    assertThat(text(Json.render((out, bytes) -> out.writeNumber(7)))).isEqualTo("7");
  }

  private static String text(byte[] json) {
    return new String(json, StandardCharsets.UTF_8);
  }
}
