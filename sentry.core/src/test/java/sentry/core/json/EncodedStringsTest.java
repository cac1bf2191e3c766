package sentry.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.SerializableString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A string encoded once is written exactly as the generator writes the cleaned string itself. */
class EncodedStringsTest {
  private final EncodedStrings strings = new EncodedStrings(EncodedStrings.MAX_KEPT);

  @ParameterizedTest
  @ValueSource(strings = {"", "Main.java", "com.acme.Main$Inner", "lambda$run$0", "quote\"back\\slash",
      "tab\tnew\nline\u0001", "ünïcödé → 日本", "emoji \uD83D\uDE00", "lone \uD800 surrogate", "<init>"})
  void writesWhatTheGeneratorWrites(String value) {
    String plain = text(Json.render((out, bytes) -> out.writeString(Text.clean(value, Text.MAX_CHARS))));

    // Twice: the kept encoding is the same. A string with a surrogate is left to the generator.
    for (int i = 0; i < 2; i++) {
      SerializableString encoded = strings.of(value);
      assertThat(encoded == null).isEqualTo(Text.hasSurrogate(value));
      if (encoded != null) {
        assertThat(text(Json.render((out, bytes) -> out.writeString(encoded)))).isEqualTo(plain);
      }
    }
  }

  @Test
  void keepsABoundedNumberAndLeavesTheRestToTheGenerator() {
    for (int i = 0; i < EncodedStrings.MAX_KEPT + 100; i++) {
      String value = "com.acme.Generated" + i;
      SerializableString encoded = strings.of(value);
      if (encoded != null) {
        assertThat(text(Json.render((out, bytes) -> out.writeString(encoded)))).isEqualTo("\"" + value + "\"");
      }
    }
    assertThat(strings.kept()).isLessThanOrEqualTo(EncodedStrings.MAX_KEPT);
    assertThat(strings.of("com.acme.NeverSeen")).isNull();
    assertThat(strings.of("x".repeat(EncodedStrings.MAX_LENGTH + 1))).isNull();
  }

  private static String text(byte[] json) {
    return new String(json, StandardCharsets.UTF_8);
  }
}
