package sentry.integration.threading;

/**
 * Finds the thread the {@code java} launcher made to run {@code main}: named {@code "main"}, in the
 * thread group {@code "main"} directly under the root group ({@code "system"}). A JVM made with
 * JNI's {@code JNI_CreateJavaVM} gives the same name and group to the thread that made it, which is
 * where the launcher calls {@code main}.
 *
 * <p>The same rule as the {@code excepthook} integration's (a copy: integrations depend only on
 * {@code sentry.api}), so that the two agree on which thread is whose.
 */
final class MainThread {
  private static final String MAIN = "main";

  private MainThread() {}

  /**
   * Returns the main thread if it is alive: the calling thread if it is the one, else the first
   * such thread under the root thread group.
   *
   * @return the main thread, or null when it has ended or was renamed
   */
  static Thread find() {
    Thread current = Thread.currentThread();
    if (isMain(current)) {
      return current;
    }
    ThreadGroup root = current.getThreadGroup();
    while (root != null && root.getParent() != null) {
      root = root.getParent();
    }
    if (root == null) {
      return null;
    }
    // enumerate() fills at most the array's length; leave room for threads started meanwhile.
    Thread[] threads = new Thread[root.activeCount() + 16];
    int count = root.enumerate(threads, true);
    for (int i = 0; i < count; i++) {
      if (isMain(threads[i])) {
        return threads[i];
      }
    }
    return null;
  }

  /** Tells whether a thread looks like the launcher's main thread. */
  static boolean isMain(Thread thread) {
    ThreadGroup group = thread.getThreadGroup(); // null once the thread has ended
    return MAIN.equals(thread.getName()) && group != null && MAIN.equals(group.getName())
        && group.getParent() != null && group.getParent().getParent() == null;
  }
}
