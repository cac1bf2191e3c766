package sentry.core.outbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads a stored envelope back: gunzips it and checks that it starts with an envelope header,
 * reading and inflating at most {@link #MAX_ENVELOPE_BYTES} bytes, so that a file planted or
 * damaged in a shared directory cannot exhaust the heap.
 */
final class EnvelopeCheck {
  /**
   * The largest envelope, compressed or not, read back from the outbox: 8 MiB. The SDK writes
   * envelopes of one event of at most 1 MiB (Sentry's own limit for an event) and a client report;
   * a larger file is not one of ours, and reading it could exhaust a small heap.
   */
  static final long MAX_ENVELOPE_BYTES = 8L << 20;
  private static final JsonFactory JSON = new JsonFactory();

  private EnvelopeCheck() {}

  /** A file larger than any envelope the SDK writes, found before it was read or inflated whole. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message);
    }
  }

  /**
   * Reads a stored file, at most {@link #MAX_ENVELOPE_BYTES}, and returns its envelope.
   *
   * @param file the file
   * @return the envelope, uncompressed
   * @throws TooLarge if the file, or what it inflates to, is larger than {@link #MAX_ENVELOPE_BYTES}
   * @throws IOException if it cannot be read, or is not a gzip-compressed envelope
   */
  static byte[] read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_ENVELOPE_BYTES) {
      throw new TooLarge(size + " bytes, larger than any envelope the SDK writes (" + MAX_ENVELOPE_BYTES + ")");
    }
    byte[] gzipped;
    try (InputStream in = Files.newInputStream(file)) {
      // The file may have grown since its size was read.
      gzipped = in.readNBytes((int) MAX_ENVELOPE_BYTES + 1);
    }
    if (gzipped.length > MAX_ENVELOPE_BYTES) {
      throw new TooLarge("larger than any envelope the SDK writes (" + MAX_ENVELOPE_BYTES + " bytes)");
    }
    return gunzipAndCheck(gzipped, MAX_ENVELOPE_BYTES);
  }

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
      throw new TooLarge("larger than " + maxBytes + " bytes once uncompressed");
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
