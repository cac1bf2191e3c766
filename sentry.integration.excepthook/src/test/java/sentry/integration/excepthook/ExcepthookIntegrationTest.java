package sentry.integration.excepthook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import sentry.api.Hub;
import sentry.api.Sentry;
import sentry.api.SentryOptions;
import sentry.api.internal.MainThread;
import sentry.testing.Receiver;

/**
 * Calls the handler directly in this JVM, with sentry.core sending to a real HTTP server on
 * 127.0.0.1. Surefire runs tests on the launcher's main thread, which is what the handler reports;
 * the real JVM exit is covered by {@link ExcepthookJvmTest}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExcepthookIntegrationTest {
  private static final Duration MARGIN = Duration.ofMillis(700);

  private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
  private final List<String> passedOn = new CopyOnWriteArrayList<>();
  private final Thread.UncaughtExceptionHandler previous =
      (thread, throwable) -> passedOn.add(thread.getName() + ": " + throwable.getMessage());
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private Thread.UncaughtExceptionHandler originalDefault;
  private PrintStream originalErr;

  @BeforeEach
  void rememberDefaultHandler() {
    originalDefault = Thread.getDefaultUncaughtExceptionHandler();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (originalErr != null) {
      System.setErr(originalErr);
    }
    Thread.setDefaultUncaughtExceptionHandler(originalDefault);
    // The SDK first, so that nothing it is still sending fails and logs into the next test.
    Sentry.close();
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  @Test
  @Order(1)
  void initInstallsOneDefaultHandlerThatKnowsTheMainThread() throws Exception {
    assumeTrue(MainThread.isMain(Thread.currentThread()), "tests run on the launcher's main thread");
    Receiver receiver = receiver(Receiver.start());
    init(receiver, options -> {});
    UncaughtHandler installed = UncaughtHandler.installed().orElseThrow();
    init(receiver, options -> {});

    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(installed);
    assertThat(UncaughtHandler.installed()).containsSame(installed);
    assertThat(installed.mainThread()).isSameAs(Thread.currentThread());
    assertThat(Hub.main().client().integration(ExcepthookIntegration.class)).isPresent();
  }

  @Test
  void theMainThreadIsFoundFromAnotherThread() throws Exception {
    assumeTrue(MainThread.isMain(Thread.currentThread()), "tests run on the launcher's main thread");
    AtomicReference<Thread> found = new AtomicReference<>();
    Thread other = new Thread(() -> found.set(MainThread.find()), "other");
    other.start();
    other.join();

    assertThat(found.get()).isSameAs(Thread.currentThread());
    assertThat(MainThread.isMain(other)).isFalse();
  }

  @Test
  void anExceptionEscapingMainIsSentAsAFatalUnhandledEventBeforeTheHandlerReturns() throws Exception {
    Receiver receiver = receiver(Receiver.start());
    init(receiver, options -> {});
    IllegalStateException boom = new IllegalStateException("boom");

    mainHandler().uncaughtException(Thread.currentThread(), boom);

    // No waiting here: the handler flushed.
    assertThat(receiver.envelopes()).hasSize(1);
    String event = receiver.envelopes().get(0).eventTexts().get(0);
    assertThat(event)
        .contains("\"level\":\"fatal\"")
        .contains("\"mechanism\":{\"type\":\"excepthook\",\"handled\":false")
        .contains("\"type\":\"IllegalStateException\"", "\"value\":\"boom\"")
        .containsPattern("\"integrations\":\\[[^\\]]*\"excepthook\"");
    assertThat(passedOn).containsExactly(Thread.currentThread().getName() + ": boom");
  }

  @Test
  void theFlushStopsAtTheSharedShutdownDeadline() throws Exception {
    Receiver receiver = receiver(Receiver.hanging());
    init(receiver, options -> options.setShutdownTimeoutMillis(800));

    long started = System.nanoTime();
    mainHandler().uncaughtException(Thread.currentThread(), new IllegalStateException("stuck"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isBetween(Duration.ofMillis(600), Duration.ofMillis(800).plus(MARGIN));
    assertThat(receiver.envelopes()).hasSize(1);
    assertThat(passedOn).hasSize(1);
    // The deadline is now fixed and past: a shutdown hook after us has no time left to add.
    assertThat(Hub.main().client().shutdownDeadline()).isBefore(Instant.now());
  }

  @Test
  void withoutAPreviousHandlerTheTraceIsPrintedExactlyAsTheJvmPrintsIt() throws Exception {
    RuntimeException boom = new RuntimeException("boom", new IllegalArgumentException("cause"));
    Thread.setDefaultUncaughtExceptionHandler(null);
    captureStderr();
    Thread thrower = new Thread(() -> {
      throw boom;
    }, "main");
    thrower.start();
    thrower.join();
    String printedByTheJvm = takeStderr();

    new UncaughtHandler(null, null, false).uncaughtException(thrower, boom);

    assertThat(printedByTheJvm).startsWith("Exception in thread \"main\" java.lang.RuntimeException: boom");
    assertThat(takeStderr()).isEqualTo(printedByTheJvm);
  }

  @Test
  void withoutAPreviousHandlerTheMainThreadsTraceIsPrintedAfterTheEventIsSent() throws Exception {
    Receiver receiver = receiver(Receiver.start());
    init(receiver, options -> {});
    captureStderr();

    new UncaughtHandler(null, Thread.currentThread(), false)
        .uncaughtException(Thread.currentThread(), new IllegalStateException("boom"));

    assertThat(receiver.envelopes()).hasSize(1);
    assertThat(takeStderr())
        .startsWith("Exception in thread \"" + Thread.currentThread().getName()
            + "\" java.lang.IllegalStateException: boom" + System.lineSeparator() + "\tat ");
  }

  @Test
  void otherThreadsPassStraightOn() throws Exception {
    Receiver receiver = receiver(Receiver.start());
    init(receiver, options -> {});
    Thread worker = new Thread(() -> {}, "worker");

    mainHandler().uncaughtException(worker, new IllegalStateException("in a worker"));

    assertThat(passedOn).containsExactly("worker: in a worker");
    assertThat(Sentry.flush(Duration.ofSeconds(2))).isTrue();
    assertThat(receiver.envelopes()).isEmpty();
  }

  @Test
  void theHandlerPassesStraightOnWhenTheClientDoesNotHaveTheIntegration() throws Exception {
    Receiver receiver = receiver(Receiver.start());
    init(receiver, options -> options.addDisabledIntegration("excepthook"));

    mainHandler().uncaughtException(Thread.currentThread(), new IllegalStateException("boom"));

    assertThat(passedOn).hasSize(1);
    assertThat(Sentry.flush(Duration.ofSeconds(2))).isTrue();
    assertThat(receiver.envelopes()).isEmpty();
  }

  @Test
  void theHandlerPassesStraightOnWhenTheSdkIsClosed() throws Exception {
    Receiver receiver = receiver(Receiver.start());
    init(receiver, options -> {});
    Sentry.close();

    long started = System.nanoTime();
    mainHandler().uncaughtException(Thread.currentThread(), new IllegalStateException("boom"));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(MARGIN);
    assertThat(passedOn).hasSize(1);
    assertThat(receiver.envelopes()).isEmpty();
  }

  @Test
  void inJShellNothingIsReportedWithoutAlwaysRun() throws Exception {
    Receiver receiver = receiver(Receiver.start());
    init(receiver, options -> {});
    UncaughtHandler inJShell = new UncaughtHandler(previous, Thread.currentThread(), true);

    inJShell.uncaughtException(new Thread(() -> {}, "Thread-0"), new IllegalStateException("snippet thread"));
    inJShell.uncaughtException(Thread.currentThread(), new IllegalStateException("agent"));

    assertThat(passedOn).hasSize(2);
    assertThat(Sentry.flush(Duration.ofSeconds(2))).isTrue();
    assertThat(receiver.envelopes()).isEmpty();
  }

  @Test
  void inJShellWithAlwaysRunTheSnippetsThreadsAreReported() throws Exception {
    Receiver receiver = receiver(Receiver.start());
    ExcepthookIntegration alwaysRun = new ExcepthookIntegration().withAlwaysRun(true);
    init(receiver, options -> options.addIntegration(alwaysRun));
    assertThat(Hub.main().client().integration(ExcepthookIntegration.class)).containsSame(alwaysRun);
    UncaughtHandler inJShell = new UncaughtHandler(previous, Thread.currentThread(), true);

    inJShell.uncaughtException(new Thread(() -> {}, "Thread-0"), new IllegalStateException("snippet thread"));

    assertThat(passedOn).containsExactly("Thread-0: snippet thread");
    String event = receiver.awaitEnvelopes(1, Duration.ofSeconds(5)).get(0).eventTexts().get(0);
    assertThat(event).contains("\"level\":\"fatal\"", "\"type\":\"excepthook\"", "\"value\":\"snippet thread\"");
  }

  @Test
  void installChainsToThePreviousDefaultAndUninstallPutsItBack() {
    UncaughtHandler.uninstall();
    Thread.setDefaultUncaughtExceptionHandler(previous);

    UncaughtHandler.install();
    Thread.UncaughtExceptionHandler ours = Thread.getDefaultUncaughtExceptionHandler();
    assertThat(ours).isInstanceOf(UncaughtHandler.class);
    ours.uncaughtException(new Thread(() -> {}, "worker"), new IllegalStateException("x"));
    assertThat(passedOn).containsExactly("worker: x");

    assertThat(ExcepthookIntegration.uninstall()).isTrue();
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(previous);
    assertThat(ExcepthookIntegration.uninstall()).isFalse();
    UncaughtHandler.install();
  }

  @Test
  void uninstallLeavesAHandlerSetOnTopOfOursInPlaceAndOursOnlyPassesOn() throws Exception {
    Receiver receiver = receiver(Receiver.start());
    init(receiver, options -> {});
    UncaughtHandler.uninstall();
    Thread.setDefaultUncaughtExceptionHandler(previous);
    UncaughtHandler.install();
    Thread.UncaughtExceptionHandler ours = Thread.getDefaultUncaughtExceptionHandler();
    Thread.UncaughtExceptionHandler onTop = (thread, throwable) -> {
      passedOn.add("on top");
      ours.uncaughtException(thread, throwable);
    };
    Thread.setDefaultUncaughtExceptionHandler(onTop);

    assertThat(ExcepthookIntegration.uninstall()).isFalse();
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(onTop);

    // Even the main thread: a retired handler no longer reports.
    onTop.uncaughtException(Thread.currentThread(), new IllegalStateException("after uninstall"));
    assertThat(passedOn).containsExactly("on top", Thread.currentThread().getName() + ": after uninstall");
    assertThat(Sentry.flush(Duration.ofSeconds(2))).isTrue();
    assertThat(receiver.envelopes()).isEmpty();
    UncaughtHandler.install();
  }

  @Test
  void alwaysRunIsAnOptionOfANewInstance() {
    ExcepthookIntegration byDefault = new ExcepthookIntegration();
    ExcepthookIntegration always = byDefault.withAlwaysRun(true);

    assertThat(byDefault.isAlwaysRun()).isFalse();
    assertThat(always.isAlwaysRun()).isTrue();
    assertThat(always.identifier()).isEqualTo("excepthook");
    assertThat(always.withAlwaysRun(false).isAlwaysRun()).isFalse();
  }

  @Test
  void jshellIsRecognisedByItsMainClass() {
    assertThat(JShellSession.isJShellCommand("jdk.jshell.execution.RemoteExecutionControl 38131")).isTrue();
    assertThat(JShellSession.isJShellCommand(
        "jdk.jshell/jdk.internal.jshell.tool.JShellToolProvider --execution local s.jsh")).isTrue();
    assertThat(JShellSession.isJShellCommand("com.example.Main jdk.jshell.execution.RemoteExecutionControl"))
        .isFalse();
    assertThat(JShellSession.isJShellCommand("app.jar")).isFalse();
    assertThat(JShellSession.isJShellCommand("")).isFalse();
    assertThat(JShellSession.isJShellArguments(List.of("-agentlib:jdwp=transport=dt_socket,address=localhost:1",
        "jdk.jshell.execution.RemoteExecutionControl", "38131"))).isTrue();
    assertThat(JShellSession.isJShellArguments(List.of("-cp", "app.jar", "com.example.Main"))).isFalse();
    assertThat(JShellSession.detect()).isFalse();
  }

  /** A handler like the installed one, on this (the main) thread, passing on to {@link #previous}. */
  private UncaughtHandler mainHandler() {
    return new UncaughtHandler(previous, Thread.currentThread(), false);
  }

  private Receiver receiver(Receiver receiver) {
    toClose.add(receiver);
    return receiver;
  }

  private static void init(Receiver receiver, Consumer<SentryOptions> more) {
    Sentry.init(options -> {
      options.setDsn(receiver.dsn());
      more.accept(options);
    });
  }

  private void captureStderr() {
    originalErr = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  private String takeStderr() {
    String text = stderr.toString(StandardCharsets.UTF_8);
    stderr.reset();
    return text;
  }
}
