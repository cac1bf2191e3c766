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

  /** A buffer that grew past this for one large document is not kept for the thread's next one. */
  private static final int KEEP_BYTES = 64 * 1024;
  /**
   * Each thread's buffer, emptied for each document: an event is some 20 KB, and a buffer that
   * started small grew five times for each, which was the largest share of what a serializer
   * thread allocated. A thread keeps at most what its largest document took, up to
   * {@link #KEEP_BYTES}.
   */
  private static final ThreadLocal<Reusable> BUFFER = ThreadLocal.withInitial(Reusable::new);

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
    Reusable kept = BUFFER.get();
    // A body that renders another document while it writes gets a buffer of its own.
    Reusable bytes = kept.inUse ? new Reusable() : kept;
    bytes.reset();
    bytes.inUse = true;
    try {
      try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
        body.write(out, bytes);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      // A ByteArrayOutputStream does not fail; only a bug in the body could get here.
      throw new UncheckedIOException("could not write JSON in memory", e);
    } finally {
      bytes.inUse = false;
      // Also after a body that threw: a thread keeps no buffer grown past the limit.
      if (bytes == kept && bytes.capacity() > KEEP_BYTES) {
        BUFFER.remove();
      }
    }
  }

  /** A byte buffer for one document at a time, emptied before each. */
  private static final class Reusable extends ByteArrayOutputStream {
    boolean inUse;

    Reusable() {
      super(1024);
    }

    int capacity() {
      return buf.length;
    }
  }
}
