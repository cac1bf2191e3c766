package sentry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The worker's compressor, reused from one envelope to the next: each result is one whole gzip
 * member that the JDK's reader (as Relay's would) reads back to exactly what went in, whatever came
 * before it (a larger envelope, a buffer grown past what is kept, an empty one).
 */
class CompressorTest {
  private final Compressor compressor = new Compressor();

  private static byte[] gunzip(byte[] gzipped) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(int size, long seed) {
    byte[] data = new byte[size];
    Random random = new Random(seed);
    // Half random, half repeated, so that both stored and compressed blocks occur.
    for (int i = 0; i < size; i++) {
      data[i] = i % 2 == 0 ? (byte) random.nextInt() : (byte) 'a';
    }
    return data;
  }

  @Test
  void eachResultReadsBackToItsInputWhateverCameBefore() throws IOException {
    int[] sizes = {1000, 10, 0, 300_000, 64, 70_000, 1};
    for (int i = 0; i < sizes.length; i++) {
      byte[] data = bytes(sizes[i], i);
      byte[] gzipped = compressor.gzip(data);
      assertThat(gunzip(gzipped)).as("size %d after %d others", sizes[i], i).isEqualTo(data);
    }
    compressor.end();
  }

  @Test
  void serializeReturnsWhatTheEnvelopeWritesEachTime() throws IOException {
    TestEnvelope large = TestEnvelope.error(1, "{\"message\":\"" + "x".repeat(300_000) + "\"}");
    TestEnvelope small = TestEnvelope.error(2);

    assertThat(compressor.serialize(large)).isEqualTo(large.body());
    assertThat(compressor.serialize(small)).isEqualTo(small.body());
    assertThat(gunzip(compressor.gzip(compressor.serialize(small)))).isEqualTo(small.body());
    compressor.end();
  }
}
