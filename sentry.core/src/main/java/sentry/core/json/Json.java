package sentry.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The package's one jackson factory, and a way to write one JSON document into bytes. */
final class Json {
  /** Thread-safe; never closes the streams it is given (the caller owns them). */
  static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private Json() {}

  /** Writes one JSON document. */
  @FunctionalInterface
  interface Body {
    /**
     * Writes the document.
     *
     * @param out the generator
     * @param bytes the bytes written so far, not counting what the generator still buffers
     * @throws IOException never in memory, but jackson's methods declare it
     */
    void write(JsonGenerator out, ByteArrayOutputStream bytes) throws IOException;
  }

  /**
   * Writes a document into a byte array.
   *
   * @param body what to write
   * @return compact UTF-8 JSON
   */
  static byte[] render(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
      body.write(out, bytes);
    } catch (IOException e) {
      // A ByteArrayOutputStream does not fail; only a bug in the body could get here.
      throw new UncheckedIOException("could not write JSON in memory", e);
    }
    return bytes.toByteArray();
  }
}
