package sentry.integration.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Sentry;
import sentry.testing.Receiver;

/** Wrapped pools carry the submitter's hub into each task and report what would vanish. */
class ExecutorsTest {
  private final List<ExecutorService> pools = new CopyOnWriteArrayList<>();
  private Receiver receiver;

  @BeforeEach
  void start() throws Exception {
    receiver = Receiver.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (ExecutorService pool : pools) {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(Threads.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }
    Sentry.close();
    receiver.close();
  }

  private <T extends ExecutorService> T pool(T pool) {
    pools.add(pool);
    return pool;
  }

  @Test
  void aTaskRunsWithItsSubmittersHubNotWhatThePoolThreadInherited() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration().withPropagateHub(true));
    ExecutorService raw = pool(Executors.newSingleThreadExecutor(new Threads.Recording("pool")));
    // The pool's only thread is made for the first submitter; being a pool's, it does not take
    // that thread's hub (it would carry the first submitter's data into every later task).
    Threads.run("first-submitter", () -> {
      Sentry.configureScope(scope -> scope.setTag("submitter", "first"));
      raw.submit(() -> {}).get();
    });
    ExecutorService pool = SentryExecutors.wrap(raw);
    Sentry.configureScope(scope -> scope.setTag("submitter", "second"));

    pool.submit(() -> Sentry.captureMessage("wrapped")).get();
    raw.submit(() -> Sentry.captureMessage("raw, after")).get();

    List<JsonNode> events = Sdk.sent(receiver);
    assertThat(Sdk.tags(Sdk.message(events, "wrapped"))).containsEntry("submitter", "second");
    // The pool thread's own hub is back once the task is over: neither the wrapped task's
    // submitter's nor the first submitter's.
    assertThat(Sdk.tags(Sdk.message(events, "raw, after"))).doesNotContainKey("submitter");
  }

  @Test
  void whatATaskChangesReachesNeitherItsSubmitterNorTheNextTask() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration());
    ExecutorService pool = pool(SentryExecutors.wrap(Executors.newSingleThreadExecutor()));
    Sentry.configureScope(scope -> scope.setTag("mydata", "42"));

    pool.submit(() -> {
      Sentry.configureScope(scope -> scope.setTag("task", "first"));
      Sentry.captureMessage("first task");
    }).get();
    pool.submit(() -> Sentry.captureMessage("second task")).get();
    Sentry.captureMessage("submitter");

    List<JsonNode> events = Sdk.sent(receiver);
    assertThat(Sdk.tags(Sdk.message(events, "first task"))).containsOnlyKeys("mydata", "task");
    assertThat(Sdk.tags(Sdk.message(events, "second task"))).containsOnlyKeys("mydata");
    assertThat(Sdk.tags(Sdk.message(events, "submitter"))).containsOnlyKeys("mydata");
  }

  @Test
  void anExecutedTaskThatCrashesItsPoolThreadIsReportedOnceWithTheSubmittersHubAndStillPrinted() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration());
    Threads.Recording threads = new Threads.Recording("pool");
    ExecutorService pool = pool(SentryExecutors.wrap(Executors.newFixedThreadPool(1, threads)));
    Sentry.configureScope(scope -> scope.setTag("submitter", "test"));

    String printed;
    try (Threads.Stderr err = Threads.Stderr.capture()) {
      pool.execute(() -> {
        throw new IllegalStateException("task failed");
      });
      Threads.join(threads.made().get(0)); // the task's exception ends the pool thread
      printed = err.text();
    }

    assertThat(printed).startsWith("Exception in thread \"pool-1\" java.lang.IllegalStateException: task failed");
    assertThat(printed.split("Exception in thread", -1)).hasSize(2);
    List<JsonNode> events = Sdk.sent(receiver);
    assertThat(events).hasSize(1);
    JsonNode event = events.get(0);
    assertThat(Sdk.mechanism(event)).isEqualTo("threading/false");
    assertThat(event.path("level").asText()).isEqualTo("error");
    assertThat(Sdk.thrown(event).path("value").asText()).isEqualTo("task failed");
    assertThat(event.at("/threads/values/0/name").asText()).isEqualTo("pool-1");
    assertThat(Sdk.tags(event)).containsEntry("submitter", "test");
  }

  @Test
  void anExecutedTaskIsReportedEvenWhenThePoolThreadHasAHandlerOfItsOwn() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration());
    List<String> ownHandler = new CopyOnWriteArrayList<>();
    Threads.Recording threads = new Threads.Recording("pool");
    ExecutorService pool = pool(SentryExecutors.wrap(Executors.newFixedThreadPool(1, task -> {
      Thread thread = threads.newThread(task);
      thread.setUncaughtExceptionHandler((t, e) -> ownHandler.add(e.getMessage()));
      return thread;
    })));

    pool.execute(() -> {
      throw new IllegalStateException("task failed");
    });
    Threads.join(threads.made().get(0));

    assertThat(ownHandler).containsExactly("task failed");
    assertThat(Sdk.sent(receiver)).hasSize(1);
  }

  @Test
  void aSubmittedTaskFailsIntoItsFutureAndIsNotReportedByDefault() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration());
    ExecutorService pool = pool(SentryExecutors.wrap(Executors.newSingleThreadExecutor()));
    IllegalStateException boom = new IllegalStateException("task failed");

    Future<?> runnable = pool.submit((Runnable) () -> {
      throw boom;
    });
    Future<Object> callable = pool.submit((Callable<Object>) () -> {
      throw boom;
    });

    assertThatThrownBy(runnable::get).isInstanceOf(ExecutionException.class).extracting(Throwable::getCause).isSameAs(boom);
    assertThatThrownBy(callable::get).isInstanceOf(ExecutionException.class).extracting(Throwable::getCause).isSameAs(boom);
    assertThat(Sdk.sent(receiver)).isEmpty();
  }

  @Test
  void withReportFutureExceptionsASubmittedTaskIsReportedWithItsSubmittersHub() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration().withReportFutureExceptions(true));
    ExecutorService pool = pool(SentryExecutors.wrap(Executors.newSingleThreadExecutor()));
    Sentry.configureScope(scope -> scope.setTag("submitter", "test"));
    IllegalStateException boom = new IllegalStateException("task failed");

    Future<Object> future = pool.submit(() -> {
      throw boom;
    });

    assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class).extracting(Throwable::getCause).isSameAs(boom);
    List<JsonNode> events = Sdk.sent(receiver);
    assertThat(events).hasSize(1);
    assertThat(Sdk.mechanism(events.get(0))).isEqualTo("threading/false");
    assertThat(Sdk.tags(events.get(0))).containsEntry("submitter", "test");
  }

  @Test
  void aPeriodicTaskThatFailsIsReportedAlways() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration());
    ScheduledExecutorService scheduler = pool(SentryExecutors.wrap(Executors.newSingleThreadScheduledExecutor()));
    IllegalStateException boom = new IllegalStateException("tick failed");

    ScheduledFuture<?> ticks = scheduler.scheduleAtFixedRate(() -> {
      throw boom;
    }, 0, 1, TimeUnit.MILLISECONDS);

    assertThatThrownBy(() -> ticks.get(Threads.DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(ExecutionException.class).extracting(Throwable::getCause).isSameAs(boom);
    List<JsonNode> events = Sdk.sent(receiver);
    assertThat(events).hasSize(1);
    assertThat(Sdk.thrown(events.get(0)).path("value").asText()).isEqualTo("tick failed");
  }

  @Test
  void aTaskRunOnTheSubmittingThreadThrowsToItsCallerUnreported() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration());
    Executor direct = Runnable::run;
    IllegalStateException boom = new IllegalStateException("task failed");

    assertThatThrownBy(() -> SentryExecutors.wrap(direct).execute(() -> {
      throw boom;
    })).isSameAs(boom);

    assertThat(Sdk.sent(receiver)).isEmpty();
  }

  @Test
  void aWrappedTaskThatEscapesAThreadIsReportedOnceWithTheHubItWasWrappedWith() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration());
    Sentry.configureScope(scope -> scope.setTag("wrapped-by", "test"));
    Runnable task = SentryExecutors.wrap((Runnable) () -> {
      throw new IllegalStateException("task failed");
    });

    try (Threads.Stderr err = Threads.Stderr.capture()) {
      Threads.crash("plain", task);
      assertThat(err.text()).startsWith("Exception in thread \"plain\" java.lang.IllegalStateException: task failed");
    }

    List<JsonNode> events = Sdk.sent(receiver);
    assertThat(events).hasSize(1);
    assertThat(Sdk.tags(events.get(0))).containsEntry("wrapped-by", "test");
    assertThat(events.get(0).at("/threads/values/0/name").asText()).isEqualTo("plain");
  }

  @Test
  void withoutTheIntegrationTasksPassStraightThrough() throws Exception {
    Sdk.init(receiver);
    Runnable runnable = () -> {};
    Callable<String> callable = () -> "done";
    Threads.Recording threads = new Threads.Recording("pool");
    ExecutorService pool = pool(SentryExecutors.wrap(Executors.newFixedThreadPool(1, threads)));

    assertThat(SentryExecutors.wrap(runnable)).isSameAs(runnable);
    assertThat(SentryExecutors.wrap(callable)).isSameAs(callable);
    try (Threads.Stderr err = Threads.Stderr.capture()) {
      pool.execute(() -> {
        throw new IllegalStateException("task failed");
      });
      Threads.join(threads.made().get(0));
      assertThat(err.text()).startsWith("Exception in thread \"pool-1\" java.lang.IllegalStateException: task failed");
    }
    assertThat(Sdk.sent(receiver)).isEmpty();
  }

  @Test
  void shutdownNowReturnsTheTasksThatNeverStartedAsTheyWereGiven() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration());
    ExecutorService pool = SentryExecutors.wrap(Executors.newSingleThreadExecutor());
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Runnable waiting = () -> {};
    pool.execute(() -> {
      running.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(running.await(Threads.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    pool.execute(waiting);

    assertThat(pool.shutdownNow()).containsExactly(waiting);
    assertThat(pool.awaitTermination(Threads.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(pool.isTerminated()).isTrue();
  }

  @Test
  void wrappingIsIdempotentAndKeepsTheScheduledInterface() {
    ScheduledExecutorService scheduler = pool(Executors.newSingleThreadScheduledExecutor());
    ScheduledExecutorService wrapped = SentryExecutors.wrap(scheduler);

    assertThat(SentryExecutors.wrap(wrapped)).isSameAs(wrapped);
    assertThat(SentryExecutors.wrap((ExecutorService) wrapped)).isSameAs(wrapped);
    assertThat(SentryExecutors.wrap((Executor) wrapped)).isSameAs(wrapped);
    assertThatThrownBy(() -> SentryExecutors.wrap((Runnable) null)).isInstanceOf(NullPointerException.class);
  }
}
