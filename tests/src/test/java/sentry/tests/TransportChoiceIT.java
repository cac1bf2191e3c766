package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sentry.testing.Receiver;

/**
 * A transport of the user's own, as the README's "Transports" table says: a module that provides
 * {@code sentry.api.transport.TransportProvider} (here a test double that answers 200 and says what
 * it got) wins over the SDK's, and debug names the one chosen; {@code -Dsentry.transport=jdk} picks
 * the SDK's {@code jdk} transport by name instead, and the events reach the receiver. Without
 * either, {@code sentry.transport.httpcore} on the module path (resolved by service binding alone)
 * wins over {@code jdk} and delivers. The provider's {@code create} runs on {@code
 * sentry-dispatcher}, not on the thread that called {@code init}.
 */
class TransportChoiceIT {
  private static final String MODULE_INFO = """
      module com.example.transport {
        requires sentry.api;
        provides sentry.api.transport.TransportProvider with com.example.transport.Recording;
      }
      """;
  private static final String PROVIDER = """
      package com.example.transport;

      import java.time.Duration;
      import java.util.concurrent.CompletableFuture;
      import sentry.api.transport.Transport;
      import sentry.api.transport.TransportConfig;
      import sentry.api.transport.TransportProvider;
      import sentry.api.transport.TransportResponse;

      public final class Recording implements TransportProvider {
        public Recording() {}

        @Override
        public String name() {
          return "double";
        }

        @Override
        public Transport create(TransportConfig config) {
          System.out.println("double: made on " + Thread.currentThread().getName());
          return new Transport() {
            @Override
            public CompletableFuture<TransportResponse> send(byte[] gzippedEnvelope) {
              System.out.println("double: an envelope for " + config.endpoint().getPath());
              return CompletableFuture.completedFuture(new TransportResponse(200, null, null));
            }

            @Override
            public void close(Duration timeout) {}
          };
        }
      }
      """;

  @Test
  void aTransportOfTheUsersOwnWinsAndSentryTransportPicksOneByName() {
    Path double_ = sentry.testing.Jvm.compile(BuildPaths.workDir().resolve("transport-double"),
        Map.of("module-info.java", MODULE_INFO, "com/example/transport/Recording.java", PROVIDER),
        apiJars());
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run own = Jvm.onModulePath(List.of(BuildPaths.appJar(), double_))
          .property("sentry.dsn", receiver.dsn()).property("sentry.debug", "true")
          .run("sentry.tests.app", "sentry.tests.app.Capture", "TransportDouble");
      assertThat(own.exitCode()).as(own.describe()).isZero();
      assertThat(own.stdout().lines().filter(line -> line.equals("double: an envelope for /api/42/envelope/")))
          .as(own.describe()).hasSize(2);
      assertThat(own.stderr()).as(own.describe()).contains("transport: double (priority 100");
      // Made on the SDK's thread, not on the one that called init (cold start).
      assertThat(own.stdout().lines().filter(line -> line.startsWith("double: made on")))
          .as(own.describe()).containsExactly("double: made on sentry-dispatcher");
      assertThat(receiver.requests()).as("nothing went past the double").isEmpty();

      Jvm.Run named = Jvm.onModulePath(List.of(BuildPaths.appJar(), double_))
          .property("sentry.dsn", receiver.dsn()).property("sentry.transport", "jdk")
          .run("sentry.tests.app", "sentry.tests.app.Capture", "TransportByName");
      assertThat(named.exitCode()).as(named.describe()).isZero();
      assertThat(named.stdout()).as(named.describe()).doesNotContain("double:");
      assertThat(receiver.awaitEvents(2, Duration.ofSeconds(10))).hasSize(2);
    }
  }

  @Test
  void theHttpCoreModuleWinsOverJdkOnTheModulePathWhenPresent() {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = Jvm.onModulePath()
          .property("sentry.dsn", receiver.dsn()).property("sentry.debug", "true")
          .run("sentry.tests.app", "sentry.tests.app.Capture", "HttpCoreByPriority");
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stderr()).as(run.describe()).contains("transport: httpcore (priority 10");
      assertThat(receiver.awaitEvents(2, Duration.ofSeconds(10))).hasSize(2);
    }
  }

  /** The API jar and what compiling against it needs: JSpecify, a compile-time dependency of the API. */
  private static List<Path> apiJars() {
    List<Path> jars = BuildPaths.runtimeDependencies().stream()
        .filter(path -> path.getFileName().toString().startsWith("sentry-api")
            || path.toString().contains("sentry.api") || path.getFileName().toString().startsWith("jspecify"))
        .toList();
    if (jars.size() != 2) {
      throw new IllegalStateException("expected sentry-api and jspecify among the runtime dependencies: " + jars);
    }
    return jars;
  }
}
