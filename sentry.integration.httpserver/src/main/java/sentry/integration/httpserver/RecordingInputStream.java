package sentry.integration.httpserver;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import sentry.api.internal.BodyRecorder;

/** The request body as the handler reads it, with a copy of each chunk handed to a recorder. */
final class RecordingInputStream extends FilterInputStream {
  private final BodyRecorder recorder;

  RecordingInputStream(InputStream in, BodyRecorder recorder) {
    super(in);
    this.recorder = recorder;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      recorder.ended();
    } else {
      recorder.record(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n < 0) {
      recorder.ended();
    } else {
      recorder.record(buffer, offset, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes are consumed all the same: read them, so the copy stays whole.
    byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    int read = scratch.length == 0 ? 0 : read(scratch, 0, scratch.length);
    return Math.max(read, 0);
  }
}
