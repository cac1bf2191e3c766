package sentry.faults;

import java.nio.file.Path;

/** Not written yet. */
final class LoadScenario {
  private LoadScenario() {}

  static Books run() {
    throw new UnsupportedOperationException("not written yet");
  }
}
