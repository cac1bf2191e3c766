package sentry.core.outbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Reads a stored envelope back: gunzips it and checks that it starts with an envelope header. */
final class EnvelopeCheck {
  private static final JsonFactory JSON = new JsonFactory();

  private EnvelopeCheck() {}

  /**
   * Gunzips a stored envelope and checks its header line.
   *
   * @param gzipped the file's bytes
   * @param maxBytes how large the envelope may be once uncompressed
   * @return the envelope, uncompressed
   * @throws IOException if it is not gzip, is truncated, is larger than {@code maxBytes}, or its
   *     first line is not a JSON object
   */
  static byte[] gunzipAndCheck(byte[] gzipped, long maxBytes) throws IOException {
    byte[] envelope;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      envelope = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    }
    if (envelope.length > maxBytes) {
      throw new IOException("larger than " + maxBytes + " bytes once uncompressed");
    }
    int end = 0;
    while (end < envelope.length && envelope[end] != '\n') {
      end++;
    }
    try (JsonParser parser = JSON.createParser(envelope, 0, end)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("the envelope header is not a JSON object");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new IOException("the envelope header line holds more than one JSON value");
      }
    }
    return envelope;
  }
}
