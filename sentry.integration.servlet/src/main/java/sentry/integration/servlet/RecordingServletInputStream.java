package sentry.integration.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import sentry.api.internal.BodyRecorder;

/** The request body as the application reads it, with a copy of each chunk handed to a recorder. */
final class RecordingServletInputStream extends ServletInputStream {
  private final ServletInputStream in;
  private final BodyRecorder recorder;

  RecordingServletInputStream(ServletInputStream in, BodyRecorder recorder) {
    this.in = in;
    this.recorder = recorder;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      recorder.ended();
    } else {
      recorder.record(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n < 0) {
      recorder.ended();
    } else {
      recorder.record(buffer, offset, n);
    }
    return n;
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  @Override
  public boolean isFinished() {
    boolean finished = in.isFinished();
    if (finished) {
      recorder.ended();
    }
    return finished;
  }

  @Override
  public boolean isReady() {
    return in.isReady();
  }

  @Override
  public void setReadListener(ReadListener listener) {
    in.setReadListener(listener);
  }
}
