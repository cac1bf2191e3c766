package sentry.integration.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Sentry;

/**
 * Real threads crash with the real SDK sending to a real HTTP server on 127.0.0.1; the default
 * handler is the one {@code Sentry.init} installed for the whole test JVM.
 */
class ThreadCrashTest {
  private TestReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    receiver = TestReceiver.start();
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  @Test
  void anExceptionEscapingAPlatformThreadIsReportedThenPrintedExactlyAsTheJvmPrintsIt() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration());
    IllegalStateException boom = new IllegalStateException("worker failed", new IllegalArgumentException("cause"));
    String printedByTheJvm = Threads.printedByTheJvm("worker", boom);

    String printed;
    try (Threads.Stderr err = Threads.Stderr.capture()) {
      Threads.crash("worker", () -> {
        Sentry.configureScope(scope -> scope.setTag("step", "parsing"));
        throw boom;
      });
      printed = err.text();
    }

    assertThat(printedByTheJvm).startsWith("Exception in thread \"worker\" java.lang.IllegalStateException: worker failed");
    assertThat(printed).isEqualTo(printedByTheJvm);
    List<JsonNode> events = Sdk.sent(receiver);
    assertThat(events).hasSize(1);
    JsonNode event = events.get(0);
    assertThat(event.path("level").asText()).isEqualTo("error");
    assertThat(Sdk.mechanism(event)).isEqualTo("threading/false");
    assertThat(Sdk.thrown(event).path("type").asText()).isEqualTo("IllegalStateException");
    assertThat(Sdk.thrown(event).path("value").asText()).isEqualTo("worker failed");
    assertThat(event.at("/exception/values/0/value").asText()).isEqualTo("cause");
    // Captured on the crashing thread, with its hub.
    assertThat(event.at("/threads/values/0/name").asText()).isEqualTo("worker");
    assertThat(event.at("/threads/values/0/crashed").asBoolean()).isTrue();
    assertThat(Sdk.tags(event)).containsEntry("step", "parsing");
    assertThat(event.at("/sdk/integrations").toString()).contains("\"threading\"");
  }

  @Test
  void theInstalledHandlerKnowsTheMainThreadAndLeavesItToExcepthook() throws Exception {
    assumeTrue(MainThread.isMain(Thread.currentThread()), "tests run on the launcher's main thread");
    Sdk.init(receiver, new ThreadingIntegration());
    assertThat(UncaughtHandler.installed()).hasValueSatisfying(
        installed -> assertThat(installed.mainThread()).isSameAs(Thread.currentThread()));
    List<String> passedOn = new CopyOnWriteArrayList<>();
    UncaughtHandler handler = new UncaughtHandler(
        (thread, throwable) -> passedOn.add(thread.getName() + ": " + throwable.getMessage()), Thread.currentThread());

    handler.uncaughtException(Thread.currentThread(), new IllegalStateException("main failed"));
    Threads.run("worker", () -> handler.uncaughtException(Thread.currentThread(), new IllegalStateException("worker failed")));

    assertThat(passedOn).containsExactly("main: main failed", "worker: worker failed");
    List<JsonNode> events = Sdk.sent(receiver);
    assertThat(events).hasSize(1);
    assertThat(Sdk.thrown(events.get(0)).path("value").asText()).isEqualTo("worker failed");
  }

  @Test
  void withoutTheIntegrationTheHandlerPassesStraightOn() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration()); // installs the handler, if no test did yet
    Sdk.init(receiver);
    IllegalStateException boom = new IllegalStateException("worker failed");
    String printedByTheJvm = Threads.printedByTheJvm("worker", boom);

    String printed;
    try (Threads.Stderr err = Threads.Stderr.capture()) {
      Threads.crash("worker", () -> {
        throw boom;
      });
      printed = err.text();
    }

    assertThat(printed).isEqualTo(printedByTheJvm);
    assertThat(Sdk.sent(receiver)).isEmpty();
  }

  @Test
  void uninstallPutsThePreviousHandlerBackWhenOursIsOnTop() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration());
    // Make ours the top of the chain, whatever other tests installed over it.
    ThreadingIntegration.uninstall();
    UncaughtHandler.install();
    UncaughtHandler ours = UncaughtHandler.installed().orElseThrow();
    try {
      assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(ours);

      assertThat(ThreadingIntegration.uninstall()).isTrue();

      assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(ours.previous());
      assertThat(UncaughtHandler.installed()).isEmpty();
      assertThat(ThreadingIntegration.uninstall()).isFalse();
    } finally {
      UncaughtHandler.install();
    }
  }

  @Test
  void uninstallUnderAnotherHandlerLeavesTheChainAndOnlyPassesOn() throws Exception {
    Sdk.init(receiver, new ThreadingIntegration());
    UncaughtHandler ours = UncaughtHandler.installed().orElseThrow();
    Thread.UncaughtExceptionHandler below = Thread.getDefaultUncaughtExceptionHandler();
    List<String> seenOnTop = new CopyOnWriteArrayList<>();
    Thread.setDefaultUncaughtExceptionHandler((thread, throwable) -> {
      seenOnTop.add(thread.getName());
      below.uncaughtException(thread, throwable);
    });
    try {
      assertThat(ThreadingIntegration.uninstall()).isFalse();
      String printed;
      try (Threads.Stderr err = Threads.Stderr.capture()) {
        Threads.crash("worker", () -> {
          throw new IllegalStateException("after uninstall");
        });
        printed = err.text();
      }

      assertThat(seenOnTop).containsExactly("worker");
      assertThat(printed).startsWith("Exception in thread \"worker\" java.lang.IllegalStateException: after uninstall");
      assertThat(Sdk.sent(receiver)).isEmpty();
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(below);
      if (below == ours) {
        Thread.setDefaultUncaughtExceptionHandler(ours.previous());
      }
      UncaughtHandler.install();
    }
  }
}
