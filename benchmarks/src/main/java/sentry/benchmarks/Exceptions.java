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
  /** The shallowest stack {@link #ofDepth} can make: the maker thread's own frames and one more. */
  static final int MIN_DEPTH = 3;

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

  /**
   * Makes {@code count} distinct exceptions without a cause whose stacks are exactly {@code depth}
   * frames deep. They are made on a new thread, whose own stack is only a few frames deep, so that
   * a shallow stack is possible at all (a JMH benchmark method already runs about 14 frames deep);
   * each is thrown-shaped as usual, so its stack elements are not made until someone asks.
   *
   * @param count how many
   * @param depth frames in each stack, at least {@value #MIN_DEPTH}
   * @return the exceptions
   * @throws IllegalStateException if the stacks do not come out at that depth
   */
  static RuntimeException[] ofDepth(int count, int depth) {
    RuntimeException[] made = new RuntimeException[count];
    Throwable[] failure = new Throwable[1];
    Thread maker = new Thread(() -> {
      try {
        int base = new Throwable().getStackTrace().length;
        for (int i = 0; i < count; i++) {
          made[i] = plain(depth - base - 1, i); // plain(0) is one frame more
        }
      } catch (RuntimeException | Error e) {
        failure[0] = e;
      }
    }, "exception-maker");
    maker.start();
    try {
      maker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while making exceptions", e);
    }
    if (failure[0] != null) {
      throw new IllegalStateException("cannot make exceptions of depth " + depth, failure[0]);
    }
    int actual = made[0].getStackTrace().length;
    if (actual != depth) {
      throw new IllegalStateException("exceptions have " + actual + " frames, expected " + depth);
    }
    return made;
  }

  private static RuntimeException plain(int depth, int index) {
    if (depth <= 0) {
      return new IllegalStateException("order " + index + " is in a state that cannot be shipped");
    }
    return plain(depth - 1, index);
  }
}
