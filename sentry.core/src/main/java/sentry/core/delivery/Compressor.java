package sentry.core.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Serializes and gzips envelopes with a buffer and a deflater it keeps from one envelope to the
 * next, instead of a new stream, buffer and native deflater each time. One per thread that
 * serializes: the worker has its own; the closing thread, which spills rarely, uses
 * {@link EnvelopeBytes#gzip}. Not thread-safe. The bytes it returns are fresh arrays, the caller's
 * to keep.
 */
final class Compressor {
  /** A gzip member header: magic, deflate, no flags, no time, no extra flags, OS unknown. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  /** Buffers that grew past this for one large envelope are not kept for the next. */
  private static final int KEEP_BYTES = 256 * 1024;

  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
  private final CRC32 crc = new CRC32();
  private final byte[] chunk = new byte[8192];
  private Buffer raw = new Buffer();
  private Buffer gzipped = new Buffer();

  /** Writes an envelope, uncompressed, as it is sent and stored. */
  byte[] serialize(OutboundEnvelope envelope) throws IOException {
    raw = Buffer.reuse(raw);
    envelope.writeTo(raw);
    return raw.toByteArray();
  }

  /**
   * Writes an envelope and gzips it straight from the buffer it was written to, without a copy of
   * the uncompressed bytes; {@link #lastSerialized()} copies them out when they are needed after
   * all.
   */
  byte[] serializeGzipped(OutboundEnvelope envelope) throws IOException {
    raw = Buffer.reuse(raw);
    envelope.writeTo(raw);
    return gzip(raw.array(), raw.size());
  }

  /** The uncompressed bytes of the last {@link #serializeGzipped} call, copied. */
  byte[] lastSerialized() {
    return raw.toByteArray();
  }

  /** Compresses bytes into one gzip member, as {@link java.util.zip.GZIPOutputStream} would. */
  byte[] gzip(byte[] data) {
    return gzip(data, data.length);
  }

  private byte[] gzip(byte[] data, int length) {
    gzipped = Buffer.reuse(gzipped);
    gzipped.write(HEADER, 0, HEADER.length);
    deflater.reset();
    deflater.setInput(data, 0, length);
    deflater.finish();
    while (!deflater.finished()) {
      gzipped.write(chunk, 0, deflater.deflate(chunk));
    }
    crc.reset();
    crc.update(data, 0, length);
    writeIntLittleEndian((int) crc.getValue());
    writeIntLittleEndian(length);
    return gzipped.toByteArray();
  }

  /** Frees the native deflater; the compressor is not used after. */
  void end() {
    deflater.end();
  }

  private void writeIntLittleEndian(int value) {
    for (int shift = 0; shift < 32; shift += 8) {
      gzipped.write(value >>> shift);
    }
  }

  /** A byte buffer that can be emptied and used again. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(8192);
    }

    /** The buffer itself, valid up to {@link #size()}. */
    byte[] array() {
      return buf;
    }

    /** The same buffer emptied, or a new one when it grew too large to keep. */
    static Buffer reuse(Buffer buffer) {
      if (buffer.buf.length > KEEP_BYTES) {
        return new Buffer();
      }
      buffer.reset();
      return buffer;
    }
  }
}
