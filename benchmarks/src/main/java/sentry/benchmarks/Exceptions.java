package sentry.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Makes a fresh exception per call whose stack is {@value #FRAMES} frames deep, with a cause, by
 * recursing from wherever it is called: the depth of the caller is measured once, on the first
 * call, so one instance serves one call site (JMH's benchmark method, or one worker thread).
 */
final class Exceptions {
  /** Frames in the stack of the exception; the cause was made four frames deeper. */
  static final int FRAMES = 55;

  private int recursion = -1;
  private int frames;
  private int causeFrames;

  /** Returns a new exception with a cause. */
  RuntimeException fresh() {
    if (recursion < 0) {
      // The measured stack includes fresh(); the wrapper is made in the last of recursion + 1
      // descend() frames.
      int callerDepth = new Throwable().getStackTrace().length;
      recursion = Math.max(0, FRAMES - callerDepth - 1);
      RuntimeException first = descend(recursion);
      frames = first.getStackTrace().length;
      causeFrames = first.getCause().getStackTrace().length;
      return first;
    }
    return descend(recursion);
  }

  private static RuntimeException descend(int depth) {
    if (depth == 0) {
      return new UncheckedIOException("could not load order 42", causeBelow(3));
    }
    return descend(depth - 1);
  }

  private static IOException causeBelow(int depth) {
    return depth == 0 ? new IOException("connection reset while reading the order") : causeBelow(depth - 1);
  }

  /** Returns how many frames the exceptions had, as {@code frames+causeFrames}, after the first call. */
  String frames() {
    return frames + "+" + causeFrames;
  }
}
