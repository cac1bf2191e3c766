package sentry.integration.threading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

/** Real threads for the tests: started, joined with a deadline, their failures brought back. */
final class Threads {
  static final Duration DEADLINE = Duration.ofSeconds(30);
  /** What the bodies of the threads made by {@link #create} threw. */
  private static final Map<Thread, AtomicReference<Throwable>> FAILURES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Threads() {}

  /** A test body that may throw. */
  interface Body {
    void run() throws Exception;
  }

  /** Runs a body that may crash in a new thread with this name and waits for the thread to end. */
  static void crash(String name, Runnable body) throws InterruptedException {
    Thread thread = new Thread(body, name);
    thread.start();
    join(thread);
  }

  /**
   * Runs a body in a new thread with this name and waits for it; an exception or a failed
   * assertion in the body fails the calling test instead of crashing the thread.
   */
  static void run(String name, Body body) throws InterruptedException {
    join(start(name, body));
  }

  /** Makes and starts a thread like {@link #run}; join it with {@link #join}. */
  static Thread start(String name, Body body) {
    Thread thread = create(name, body);
    thread.start();
    return thread;
  }

  /** Makes (does not start) a thread like {@link #run}. */
  static Thread create(String name, Body body) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable e) {
        failure.set(e);
      }
    }, name);
    FAILURES.put(thread, failure);
    return thread;
  }

  /** Waits for a thread to end, and fails with what its body threw, if it was made here. */
  static void join(Thread thread) throws InterruptedException {
    thread.join(DEADLINE.toMillis());
    assertThat(thread.isAlive()).as("thread %s ended within %s", thread.getName(), DEADLINE).isFalse();
    AtomicReference<Throwable> failure = FAILURES.remove(thread);
    if (failure != null && failure.get() != null) {
      throw new AssertionError("thread " + thread.getName() + " failed", failure.get());
    }
  }

  /**
   * What the JVM itself prints when this exception escapes a thread with this name: the test runs
   * the thread with no default handler at all, then puts the handler back.
   */
  static String printedByTheJvm(String name, RuntimeException exception) throws InterruptedException {
    Thread.UncaughtExceptionHandler installed = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(null);
    try (Stderr err = Stderr.capture()) {
      crash(name, () -> {
        throw exception;
      });
      return err.text();
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(installed);
    }
  }

  /** A thread factory that names its threads {@code prefix-1, prefix-2, …} and keeps them. */
  static final class Recording implements ThreadFactory {
    private final String prefix;
    private final List<Thread> made = new CopyOnWriteArrayList<>();

    Recording(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, prefix + "-" + (made.size() + 1));
      made.add(thread);
      return thread;
    }

    List<Thread> made() {
      return List.copyOf(made);
    }
  }

  /** Replaces System.err until closed, keeping what is printed. */
  static final class Stderr implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private Stderr() {
      System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    static Stderr capture() {
      return new Stderr();
    }

    String text() {
      System.err.flush();
      return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      System.setErr(original);
    }
  }
}
