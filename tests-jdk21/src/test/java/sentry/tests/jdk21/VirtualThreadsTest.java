package sentry.tests.jdk21;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Hub;
import sentry.api.Sentry;
import sentry.integration.threading.SentryExecutors;
import sentry.integration.threading.ThreadingIntegration;
import sentry.testing.Receiver;

/**
 * Virtual threads behave as platform threads do: their crashes are reported and printed as the
 * JVM prints them, they inherit their creator's hub with {@code propagateHub} (unless their builder
 * turns inheritable thread locals off), and a wrapped virtual-thread-per-task executor carries the
 * submitter's hub. Real threads, the real SDK, a real HTTP server on 127.0.0.1.
 */
class VirtualThreadsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

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
  void anExceptionEscapingAVirtualThreadIsReportedThenPrintedExactlyAsTheJvmPrintsIt() throws Exception {
    init(new ThreadingIntegration());
    IllegalStateException boom = new IllegalStateException("virtual failed");
    String printedByTheJvm = printedByTheJvm(Thread.ofVirtual().name("virtual-worker"), boom);

    String printed;
    try (Stderr err = new Stderr()) {
      join(Thread.ofVirtual().name("virtual-worker").start(() -> {
        Sentry.configureScope(scope -> scope.setTag("step", "parsing"));
        throw boom;
      }));
      printed = err.text();
    }

    assertThat(printedByTheJvm).startsWith("Exception in thread \"virtual-worker\" java.lang.IllegalStateException: virtual failed");
    assertThat(printed).isEqualTo(printedByTheJvm);
    List<JsonNode> events = sent();
    assertThat(events).hasSize(1);
    JsonNode event = events.get(0);
    assertThat(mechanism(event)).isEqualTo("threading/false");
    assertThat(event.path("level").asText()).isEqualTo("error");
    assertThat(event.at("/threads/values/0/name").asText()).isEqualTo("virtual-worker");
    assertThat(tags(event)).containsEntry("step", "parsing");
  }

  @Test
  void anUnnamedVirtualThreadCrashesAsTheJvmPrintsIt() throws Exception {
    init(new ThreadingIntegration());
    IllegalStateException boom = new IllegalStateException("unnamed failed");
    String printedByTheJvm = printedByTheJvm(Thread.ofVirtual(), boom);

    String printed;
    try (Stderr err = new Stderr()) {
      join(Thread.startVirtualThread(() -> {
        throw boom;
      }));
      printed = err.text();
    }

    assertThat(printed).isEqualTo(printedByTheJvm).startsWith("Exception in thread \"\" java.lang.IllegalStateException");
    assertThat(sent()).hasSize(1);
  }

  @Test
  void propagateHubOffAVirtualThreadStartsFromItsOwnCopyOfTheMainHub() throws Exception {
    init(new ThreadingIntegration().withPropagateHub(false));
    Sentry.configureScope(scope -> scope.setTag("mydata", "42"));

    join(Thread.ofVirtual().start(() -> Sentry.captureMessage("from virtual")));

    assertThat(tags(message(sent(), "from virtual"))).doesNotContainKey("mydata");
  }

  @Test
  void propagateHubOnAVirtualThreadForksItsCreatorsHubAndNothingLeaksBack() throws Exception {
    init(new ThreadingIntegration().withPropagateHub(true));
    Sentry.configureScope(scope -> scope.setTag("mydata", "42"));
    AtomicReference<Thread> grandchild = new AtomicReference<>();

    join(Thread.ofVirtual().start(() -> {
      Sentry.configureScope(scope -> scope.setTag("child", "1"));
      // A virtual thread made by a virtual thread.
      grandchild.set(Thread.ofVirtual().start(() -> Sentry.captureMessage("from grandchild")));
      Sentry.captureMessage("from child");
    }));
    join(grandchild.get());
    Sentry.captureMessage("from parent");

    List<JsonNode> events = sent();
    assertThat(tags(message(events, "from child"))).containsOnlyKeys("mydata", "child");
    assertThat(tags(message(events, "from grandchild"))).containsOnlyKeys("mydata", "child");
    assertThat(tags(message(events, "from parent"))).containsOnlyKeys("mydata");
  }

  @Test
  void propagateHubOnAVirtualThreadWithoutInheritableThreadLocalsStartsFromTheMainHub() throws Exception {
    init(new ThreadingIntegration().withPropagateHub(true));
    Sentry.configureScope(scope -> scope.setTag("mydata", "42"));

    join(Thread.ofVirtual().inheritInheritableThreadLocals(false)
        .start(() -> Sentry.captureMessage("not inherited")));

    assertThat(tags(message(sent(), "not inherited"))).doesNotContainKey("mydata");
  }

  /** The seed's "Automatic propagation", with a virtual thread. */
  @Test
  void seedAutomaticPropagationWithAVirtualThread() throws Exception {
    Sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.addIntegration(new ThreadingIntegration().withPropagateHub(true));
    });

    Sentry.configureScope(scope -> scope.setTag("mydata", "42"));

    Thread tr = Thread.ofVirtual().unstarted(() -> Sentry.captureMessage("hi"));
    tr.start();
    tr.join();

    assertThat(tags(message(sent(), "hi"))).containsEntry("mydata", "42");
  }

  @Test
  void aWrappedVirtualThreadPerTaskExecutorCarriesTheSubmittersHubAndReportsACrashOnce() throws Exception {
    init(new ThreadingIntegration());
    Sentry.configureScope(scope -> scope.setTag("submitter", "test"));
    List<Thread> made = new CopyOnWriteArrayList<>();
    ThreadFactory virtual = Thread.ofVirtual().name("task-", 1).factory();

    String printed;
    try (ExecutorService pool = SentryExecutors.wrap(Executors.newThreadPerTaskExecutor(task -> {
      Thread thread = virtual.newThread(task);
      made.add(thread);
      return thread;
    }))) {
      pool.submit(() -> Sentry.captureMessage("from task")).get();
      try (Stderr err = new Stderr()) {
        pool.execute(() -> {
          throw new IllegalStateException("task failed");
        });
        join(made.get(1));
        printed = err.text();
      }
    }

    assertThat(printed).startsWith("Exception in thread \"task-2\" java.lang.IllegalStateException: task failed");
    assertThat(printed.split("Exception in thread", -1)).hasSize(2);
    List<JsonNode> events = sent();
    assertThat(events).hasSize(2);
    assertThat(tags(message(events, "from task"))).containsEntry("submitter", "test");
    JsonNode crash = events.stream().filter(event -> event.has("exception")).findFirst().orElseThrow();
    assertThat(mechanism(crash)).isEqualTo("threading/false");
    assertThat(crash.at("/threads/values/0/name").asText()).isEqualTo("task-2");
    assertThat(tags(crash)).containsEntry("submitter", "test");
  }

  private void init(ThreadingIntegration threading) {
    Sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
      options.addIntegration(threading);
    });
  }

  private List<JsonNode> sent() {
    assertThat(Sentry.flush(DEADLINE)).as("flushed within %s", DEADLINE).isTrue();
    return receiver.events();
  }

  private static void join(Thread thread) throws InterruptedException {
    assertThat(thread.join(DEADLINE)).as("thread %s ended within %s", thread, DEADLINE).isTrue();
  }

  /** What the JVM itself prints when this exception escapes such a thread, with no default handler. */
  private static String printedByTheJvm(Thread.Builder builder, RuntimeException exception) throws Exception {
    Thread.UncaughtExceptionHandler installed = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(null);
    try (Stderr err = new Stderr()) {
      join(builder.start(() -> {
        throw exception;
      }));
      return err.text();
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(installed);
    }
  }

  private static JsonNode message(List<JsonNode> events, String formatted) {
    List<JsonNode> found = events.stream()
        .filter(event -> event.at("/logentry/formatted").asText().equals(formatted)).toList();
    assertThat(found).as("events with message %s in %s", formatted, events).hasSize(1);
    return found.get(0);
  }

  private static Map<String, String> tags(JsonNode event) {
    Map<String, String> tags = new TreeMap<>();
    event.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
    return tags;
  }

  private static String mechanism(JsonNode event) {
    JsonNode values = event.at("/exception/values");
    JsonNode mechanism = values.get(values.size() - 1).path("mechanism");
    return mechanism.path("type").asText() + "/" + mechanism.path("handled").asText();
  }

  /** Replaces System.err until closed, keeping what is printed. */
  private static final class Stderr implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Stderr() {
      System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
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
