package sentry.transport.httpcore;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Makes HttpCore's I/O reactor threads recognisably the SDK's: named {@code sentry-http-io-N}.
 *
 * <p>{@code AsyncRequesterBootstrap} takes no thread factory: it names its threads
 * {@code requester-dispatch-N} and makes them (daemons) in the thread group of the thread that
 * builds it. So we build it on a short-lived thread of our own group and rename the group's new
 * threads. (The SDK's engine marks itself inside the SDK when it handles an answer, whichever
 * thread that runs on.)
 */
final class ReactorThreads {
  /** One group for every transport: a group per transport would never be freed on Java 17. */
  private static final ThreadGroup GROUP = new ThreadGroup("sentry-http");
  private static final AtomicInteger COUNT = new AtomicInteger();

  private ReactorThreads() {}

  /**
   * Runs {@code builder} on a thread of the SDK's group, so that the threads it makes join it,
   * then names those threads.
   *
   * @param builder builds and starts the reactor
   * @param <T> what it builds
   * @return what it built
   */
  static <T> T build(Supplier<T> builder) {
    AtomicReference<T> built = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread starter = new Thread(GROUP, () -> {
      try {
        built.set(builder.get());
      } catch (RuntimeException | Error e) {
        failure.set(e);
      }
    }, "sentry-http-start");
    starter.setDaemon(true);
    starter.start();
    joinUninterruptibly(starter);
    Throwable thrown = failure.get();
    if (thrown instanceof RuntimeException runtime) {
      throw runtime;
    } else if (thrown instanceof Error error) {
      throw error;
    }
    rename();
    return built.get();
  }


  private static void rename() {
    Thread[] threads = new Thread[GROUP.activeCount() + 8];
    int count = GROUP.enumerate(threads, false);
    for (int i = 0; i < count; i++) {
      if (!threads[i].getName().startsWith("sentry-")) {
        threads[i].setName("sentry-http-io-" + COUNT.incrementAndGet());
      }
    }
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
