package sentry.integration.atexit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sentry.api.Hub;
import sentry.api.SentryClient;
import sentry.api.SentryOptions;
import sentry.api.Sentry;
import sentry.testing.Receiver;

/**
 * Runs the shutdown hook's code in this JVM against sentry.core and a real HTTP server on
 * 127.0.0.1. The JVM's own shutdown is covered by {@link AtexitJvmTest}.
 */
class AtexitIntegrationTest {
  /** Far more than the hook's own overhead, far less than the timeouts the tests tell apart. */
  private static final Duration MARGIN = Duration.ofMillis(700);

  private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @AfterEach
  void tearDown() throws Exception {
    if (originalErr != null) {
      System.setErr(originalErr);
    }
    // The SDK first, so that nothing it is still sending fails and logs into the next test.
    Sentry.close();
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  @Test
  void theMessageSaysHowManyEventsAndHowLong() {
    assertThat(ShutdownMessage.lines(3, Duration.ofMillis(1900)))
        .containsExactly("Sentry is attempting to send 3 pending events", "Waiting up to 1.9 seconds");
    assertThat(ShutdownMessage.seconds(Duration.ofSeconds(2))).isEqualTo("2");
    assertThat(ShutdownMessage.seconds(Duration.ofMillis(1901))).isEqualTo("2");
    assertThat(ShutdownMessage.seconds(Duration.ofMillis(899))).isEqualTo("0.9");
    assertThat(ShutdownMessage.seconds(Duration.ofMillis(10))).isEqualTo("0.1");
    assertThat(String.join("\n", ShutdownMessage.lines(1, Duration.ofSeconds(2)))).doesNotContain("Ctrl");
  }

  @Test
  void initInstallsOneNamedShutdownHookThatUninstallRemoves() throws Exception {
    Receiver receiver = receiver(Receiver.start());
    init(receiver, options -> {});
    init(receiver, options -> {});

    assertThat(Hub.main().client().integration(AtexitIntegration.class)).isPresent();
    Thread hook = ShutdownHook.installed().orElseThrow();
    assertThat(hook.getName()).isEqualTo("sentry-atexit");
    assertThat(hook.getState()).isEqualTo(Thread.State.NEW);

    assertThat(AtexitIntegration.uninstall()).isTrue();
    assertThat(ShutdownHook.installed()).isEmpty();
    // The JVM no longer holds the hook: removing it again finds nothing.
    assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isFalse();
    assertThat(AtexitIntegration.uninstall()).isFalse();

    // Put it back for the tests that follow (setupOnce will not run again in this JVM).
    ShutdownHook.install();
    assertThat(ShutdownHook.installed()).isPresent();
  }

  @Test
  void theEventReportsTheIntegration() throws Exception {
    Receiver receiver = receiver(Receiver.start());
    init(receiver, options -> {});

    Sentry.captureMessage("hello");
    assertThat(Sentry.flush(Duration.ofSeconds(5))).isTrue();

    assertThat(receiver.awaitEnvelopes(1, Duration.ofSeconds(5)).get(0).eventTexts().get(0))
        .containsPattern("\"integrations\":\\[[^\\]]*\"atexit\"");
  }

  @Test
  void aSlowServerGetsTheMessageAndTheHookStopsAtTheDeadline() throws Exception {
    Receiver receiver = receiver(Receiver.hanging());
    init(receiver, options -> options.setShutdownTimeoutMillis(1500));
    Sentry.captureMessage("stuck");
    captureStderr();

    long started = System.nanoTime();
    runHook();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isBetween(Duration.ofMillis(1300), Duration.ofMillis(1500).plus(MARGIN));
    assertThat(stderrText())
        .contains("Sentry is attempting to send 1 pending events" + System.lineSeparator())
        .containsPattern("Waiting up to 1\\.[0-5] seconds")
        .doesNotContain("Ctrl");
  }

  @Test
  void aZeroShutdownTimeoutMeansNoWaitAndNoMessage() throws Exception {
    Receiver receiver = receiver(Receiver.hanging());
    init(receiver, options -> options.setShutdownTimeoutMillis(0));
    Sentry.captureMessage("stuck");
    receiver.awaitEnvelopes(1, Duration.ofSeconds(5));
    captureStderr();

    long started = System.nanoTime();
    runHook();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).as("no wait: far less than the 0.1 s after which the message would show").isLessThan(MARGIN);
    assertThat(Hub.main().client().pendingEvents()).isEqualTo(1);
    assertThat(stderrText()).doesNotContain("Sentry is attempting");
  }

  @Test
  void nothingPendingMeansNoMessage() throws Exception {
    Receiver receiver = receiver(Receiver.start());
    init(receiver, options -> options.setShutdownTimeoutMillis(5000));
    Sentry.captureMessage("sent");
    assertThat(Sentry.flush(Duration.ofSeconds(5))).isTrue();
    captureStderr();

    long started = System.nanoTime();
    runHook();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(MARGIN);
    assertThat(stderrText()).doesNotContain("Sentry is attempting");
  }

  @Test
  void aCallbackReplacesTheMessage() throws Exception {
    List<String> told = new CopyOnWriteArrayList<>();
    AtexitIntegration quiet = new AtexitIntegration()
        .withCallback((pending, timeout) -> told.add(pending + " in " + timeout.toMillis()));
    Receiver receiver = receiver(Receiver.hanging());
    init(receiver, options -> {
      options.setShutdownTimeoutMillis(800);
      options.addIntegration(quiet);
    });
    assertThat(Hub.main().client().integration(AtexitIntegration.class)).containsSame(quiet);
    Sentry.captureMessage("one");
    Sentry.captureMessage("two");
    captureStderr();

    runHook();

    assertThat(told).hasSize(1);
    assertThat(told.get(0)).matches("2 in [1-7]\\d\\d");
    assertThat(stderrText()).doesNotContain("Sentry is attempting");
  }

  @Test
  void aCallbackThatThrowsDoesNotStopTheWait() throws Exception {
    Receiver receiver = receiver(Receiver.hanging());
    init(receiver, options -> {
      options.setShutdownTimeoutMillis(800);
      options.addIntegration(new AtexitIntegration().withCallback((pending, timeout) -> {
        throw new IllegalStateException("callback broke");
      }));
    });
    Sentry.captureMessage("stuck");

    long started = System.nanoTime();
    runHook();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(600));
  }

  @Test
  void withCallbackRejectsNull() {
    assertThatNullPointerException().isThrownBy(() -> new AtexitIntegration().withCallback(null))
        .withMessageContaining("atexit callback is null");
  }

  @Test
  void theHookPassesThroughWhenTheClientDoesNotHaveTheIntegration() throws Exception {
    Receiver receiver = receiver(Receiver.hanging());
    init(receiver, options -> {
      options.setShutdownTimeoutMillis(5000);
      options.addDisabledIntegration("atexit");
    });
    assertThat(Hub.main().client().integration(AtexitIntegration.class)).isEmpty();
    Sentry.captureMessage("stuck");
    captureStderr();

    long started = System.nanoTime();
    runHook();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(MARGIN);
    assertThat(stderrText()).doesNotContain("Sentry is attempting");
  }

  @Test
  void theHookPassesThroughWhenTheClientIsDisabled() throws Exception {
    init(null, options -> options.setShutdownTimeoutMillis(5000));
    SentryClient client = Hub.main().client();
    assertThat(client.isEnabled()).isFalse();
    captureStderr();

    long started = System.nanoTime();
    ShutdownHook.flush(client);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(MARGIN);
    assertThat(stderrText()).doesNotContain("Sentry is attempting");
  }

  @Test
  void theHookSharesTheDeadlineWithAnEarlierFlush() throws Exception {
    Receiver receiver = receiver(Receiver.hanging());
    init(receiver, options -> options.setShutdownTimeoutMillis(1000));
    Sentry.captureMessage("stuck");
    captureStderr();

    // What the excepthook integration does when main throws: flush until the shared deadline.
    long started = System.nanoTime();
    SentryClient client = Hub.main().client();
    client.flush(Duration.between(java.time.Instant.now(), client.shutdownDeadline()));
    runHook();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isLessThan(Duration.ofMillis(1000).plus(MARGIN));
    assertThat(stderrText()).doesNotContain("Sentry is attempting");
  }

  private Receiver receiver(Receiver receiver) {
    toClose.add(receiver);
    return receiver;
  }

  private static void init(Receiver receiver, Consumer<SentryOptions> more) {
    Sentry.init(options -> {
      options.setDsn(receiver == null ? "" : receiver.dsn());
      more.accept(options);
    });
  }

  /** Runs the installed hook's code on this thread, as the JVM would run it on its own. */
  private static void runHook() {
    ShutdownHook.installed().ifPresentOrElse(Thread::run, ShutdownHook::run);
  }

  private void captureStderr() {
    originalErr = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  private String stderrText() {
    return stderr.toString(StandardCharsets.UTF_8);
  }
}
