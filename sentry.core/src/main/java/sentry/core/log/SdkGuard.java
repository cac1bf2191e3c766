package sentry.core.log;

/**
 * Marks the threads that are inside the SDK right now: a capture in progress, or one of the SDK's
 * own threads. Integrations ask through {@code Sentry.isInsideSdk()} so that what the SDK logs
 * while sending never loops back into it.
 */
public final class SdkGuard {
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private SdkGuard() {}

  /**
   * Tells whether the calling thread is inside the SDK.
   *
   * @return true inside the SDK
   */
  public static boolean inside() {
    return DEPTH.get()[0] > 0;
  }

  /**
   * Enters the SDK on the calling thread; entries nest. Pair every call with {@link #exit()} in a
   * {@code finally} block.
   */
  public static void enter() {
    DEPTH.get()[0]++;
  }

  /** Leaves the SDK on the calling thread. */
  public static void exit() {
    DEPTH.get()[0]--;
  }

  /** Marks the calling thread as the SDK's own for the rest of its life (worker threads). */
  public static void markSdkThread() {
    DEPTH.get()[0] = 1 << 20;
  }
}
