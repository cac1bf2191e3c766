package sentry.integration.threading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Hub;
import sentry.api.Sentry;
import sentry.testing.Receiver;

/** How a new thread gets its hub, with {@code propagateHub} off and on; real threads, real events. */
class PropagationTest {
  private Receiver receiver;

  @BeforeEach
  void start() throws Exception {
    receiver = Receiver.start();
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  @Test
  void byDefaultANewThreadStartsFromACopyOfItsCreatorsHub() throws Exception {
    assertThat(new ThreadingIntegration().isPropagateHub()).isTrue();
    Sdk.init(receiver, new ThreadingIntegration());
    Sentry.configureScope(scope -> scope.setTag("mydata", "42"));

    Threads.run("child", () -> Sentry.captureMessage("from child"));

    assertThat(Sdk.tags(Sdk.message(Sdk.sent(receiver), "from child"))).containsOnlyKeys("mydata");
  }

  @Test
  void offANewThreadStartsFromItsOwnCopyOfTheMainHub() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration().withPropagateHub(false));
    Hub.main().configureScope(scope -> scope.setTag("everywhere", "yes"));
    Sentry.configureScope(scope -> scope.setTag("mydata", "42"));

    Threads.run("child", () -> {
      Sentry.configureScope(scope -> scope.setTag("child", "1"));
      Sentry.captureMessage("from child");
    });
    Threads.run("sibling", () -> Sentry.captureMessage("from sibling"));
    Sentry.captureMessage("from parent");

    List<JsonNode> events = Sdk.sent(receiver);
    assertThat(Sdk.tags(Sdk.message(events, "from child"))).containsOnlyKeys("everywhere", "child");
    assertThat(Sdk.tags(Sdk.message(events, "from sibling"))).containsOnlyKeys("everywhere");
    assertThat(Sdk.tags(Sdk.message(events, "from parent"))).containsOnlyKeys("everywhere", "mydata");
  }

  @Test
  void onANewThreadStartsWithAForkOfItsCreatorsHubAndNothingLeaksBack() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration().withPropagateHub(true));
    Sentry.configureScope(scope -> scope.setTag("mydata", "42"));

    Thread child = Threads.create("child", () -> {
      Sentry.configureScope(scope -> scope.setTag("child", "1"));
      Threads.run("grandchild", () -> Sentry.captureMessage("from grandchild"));
      Sentry.captureMessage("from child");
    });
    // The fork is made when the Thread object is made (Python forks at start()).
    Sentry.configureScope(scope -> scope.setTag("later", "1"));
    child.start();
    Threads.join(child);
    Threads.run("sibling", () -> Sentry.captureMessage("from sibling"));
    Sentry.captureMessage("from parent");

    List<JsonNode> events = Sdk.sent(receiver);
    assertThat(Sdk.tags(Sdk.message(events, "from child"))).containsOnlyKeys("mydata", "child");
    assertThat(Sdk.tags(Sdk.message(events, "from grandchild"))).containsOnlyKeys("mydata", "child");
    assertThat(Sdk.tags(Sdk.message(events, "from sibling"))).containsOnlyKeys("mydata", "later");
    assertThat(Sdk.tags(Sdk.message(events, "from parent"))).containsOnlyKeys("mydata", "later");
  }

  @Test
  void onACrashingChildIsReportedWithItsForkOfTheParentsHub() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration().withPropagateHub(true));
    Sentry.configureScope(scope -> scope.setTag("request", "r-17"));

    try (Threads.Stderr err = Threads.Stderr.capture()) {
      Threads.crash("worker", () -> {
        throw new IllegalStateException("worker failed");
      });
      assertThat(err.text()).startsWith("Exception in thread \"worker\" java.lang.IllegalStateException: worker failed");
    }

    List<JsonNode> events = Sdk.sent(receiver);
    assertThat(events).hasSize(1);
    assertThat(Sdk.mechanism(events.get(0))).isEqualTo("threading/false");
    assertThat(Sdk.tags(events.get(0))).containsEntry("request", "r-17");
  }

  /** The seed's "Manual propagation", as written, in Java: works without propagateHub. */
  @Test
  @SuppressWarnings("try") // the binding is used for its scope only, like Python's `with hub:`
  void seedManualPropagation() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration().withPropagateHub(false));

    Sentry.configureScope(scope -> scope.setTag("mydata", "42"));

    // We take all context data (the tags map and even the entire client configuration), and pass
    // it as explicit variable into the thread.
    Hub threadHub = Hub.current().copy();

    Thread tr = new Thread(() -> {
      try (Hub.Binding bound = threadHub.bind()) {
        Sentry.captureMessage("hi"); // event will have `mydata` tag attached
      }
    });
    tr.start();
    tr.join();

    // Without the boilerplate, the thread does not see it.
    Threads.run("plain", () -> Sentry.captureMessage("plain"));
    List<JsonNode> events = Sdk.sent(receiver);
    assertThat(Sdk.tags(Sdk.message(events, "hi"))).containsEntry("mydata", "42");
    assertThat(Sdk.tags(Sdk.message(events, "plain"))).doesNotContainKey("mydata");
  }

  /** The seed's "Example B: Automatic propagation", as written, in Java. */
  @Test
  void seedAutomaticPropagation() throws Exception {
    Sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.addIntegration(new ThreadingIntegration().withPropagateHub(true));
    });

    Sentry.configureScope(scope -> scope.setTag("mydata", "42"));

    Runnable run = () -> Sentry.captureMessage("hi"); // event will have `mydata` tag attached

    // The JDK's InheritableThreadLocal passes existing context data when a Thread is made.
    Thread tr = new Thread(run);
    tr.start();
    tr.join();

    List<JsonNode> events = Sdk.sent(receiver);
    assertThat(Sdk.tags(Sdk.message(events, "hi"))).containsEntry("mydata", "42");
  }

  /**
   * A pool makes its threads lazily, inside whichever task submits first: such a thread serves
   * every later task, so it must not keep the scope of the request that made it. A thread the
   * application makes itself still starts from its creator's scope.
   */
  @Test
  void aThreadAPoolMakesDoesNotKeepTheScopeOfTheRequestThatMadeIt() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(1);
    java.util.concurrent.ForkJoinPool forkJoin = new java.util.concurrent.ForkJoinPool(1);
    try {
      Threads.run("request-1", () -> {
        Sentry.configureScope(scope -> scope.setTag("request", "1"));
        // Each pool makes its thread now, inside request 1.
        pool.submit(() -> { }).get();
        forkJoin.submit(() -> { }).get();
        Threads.run("own", () -> Sentry.captureMessage("own thread of request 1"));
      });
      // A later task, not wrapped, on the threads request 1 made.
      pool.submit(() -> Sentry.captureMessage("later pool task")).get();
      forkJoin.submit(() -> Sentry.captureMessage("later fork-join task")).get();
    } finally {
      pool.shutdown();
      forkJoin.shutdown();
    }

    List<JsonNode> events = Sdk.sent(receiver);
    assertThat(Sdk.tags(Sdk.message(events, "later pool task"))).doesNotContainKey("request");
    assertThat(Sdk.tags(Sdk.message(events, "later fork-join task"))).doesNotContainKey("request");
    assertThat(Sdk.tags(Sdk.message(events, "own thread of request 1"))).containsEntry("request", "1");
  }
}
