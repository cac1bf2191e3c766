package sentry.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.SerializableString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A string encoded once is written exactly as the generator writes the cleaned string itself. */
class EncodedStringsTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "Main.java", "com.acme.Main$Inner", "lambda$run$0", "quote\"back\\slash",
      "tab\tnew\nline\u0001", "ünïcödé → 日本", "emoji \uD83D\uDE00", "lone \uD800 surrogate", "<init>"})
  void writesWhatTheGeneratorWrites(String value) {
    String plain = text(Json.render((out, bytes) -> out.writeString(Text.clean(value, Text.MAX_CHARS))));

    // Twice: the kept encoding is the same. A string with a surrogate is left to the generator.
    for (int i = 0; i < 2; i++) {
      SerializableString encoded = EncodedStrings.of(value);
      assertThat(encoded == null).isEqualTo(Text.hasSurrogate(value));
      if (encoded != null) {
        assertThat(text(Json.render((out, bytes) -> out.writeString(encoded)))).isEqualTo(plain);
      }
    }
  }

  @Test
  void keepsABoundedNumber() {
    for (int i = 0; i < EncodedStrings.MAX_KEPT + 100; i++) {
      String value = "com.acme.Generated" + i;
      assertThat(text(Json.render((out, bytes) -> out.writeString(EncodedStrings.of(value)))))
          .isEqualTo("\"" + value + "\"");
    }
    assertThat(EncodedStrings.kept()).isLessThanOrEqualTo(EncodedStrings.MAX_KEPT);
  }

  private static String text(byte[] json) {
    return new String(json, StandardCharsets.UTF_8);
  }
}
