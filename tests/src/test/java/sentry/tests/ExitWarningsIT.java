package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import sentry.testing.Envelope;
import sentry.testing.Receiver;

/**
 * Nothing is lost silently for want of a module. With {@code sentry.api} alone, an {@code init}
 * given a DSN says once on stderr that no implementation was found, naming the module to add. With
 * {@code sentry.core} but without the atexit integration, an event still pending when the JVM
 * exits is in the outbox when there is one (for the next process to send), and otherwise
 * named in one line on stderr with the count and the remedy. The scenario, {@code Pending},
 * captures a message and returns from {@code main} without flushing or closing.
 */
class ExitWarningsIT {
  private static final String NO_IMPLEMENTATION = "Sentry: Sentry.init was given a DSN, but no Sentry"
      + " implementation was found (module sentry.core): nothing will be sent.";

  @Test
  void apiAloneWithADsnWarnsOnceNamingTheMissingModule() {
    for (boolean modulePath : List.of(true, false)) {
      List<Path> path = List.of(BuildPaths.appJar(), apiJar());
      sentry.testing.Jvm jvm = modulePath ? sentry.testing.Jvm.onModulePath(path)
          : sentry.testing.Jvm.onClassPath(path);
      sentry.testing.Jvm.Run run = jvm.options("-Dsentry.dsn=" + Receiver.unreachableDsn())
          .run(BuildPaths.workDir(), modulePath ? "sentry.tests.app/sentry.tests.app.Pending"
              : "sentry.tests.app.Pending");

      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stderr().lines()).as(run.describe()).hasSize(1)
          .first().asString().startsWith(NO_IMPLEMENTATION).contains("sentry-defaults");
    }
  }

  @Test
  void apiAloneWithoutADsnSaysNothing() {
    sentry.testing.Jvm.Run run = sentry.testing.Jvm.onModulePath(List.of(BuildPaths.appJar(), apiJar()))
        .run(BuildPaths.workDir(), "sentry.tests.app/sentry.tests.app.Pending");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stderr()).as(run.describe()).isEmpty();
  }

  @Test
  void coreWithoutAtexitNamesWhatWasLeftPendingAndTheRemedy() {
    try (Receiver receiver = Receiver.hanging()) {
      Jvm.Run run = Jvm.onModulePath().property("sentry.dsn", receiver.dsn()).run("Pending");

      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stderr()).as(run.describe()).isEqualTo("Sentry: 1 event(s) still queued at exit were not"
          + " sent: add sentry-integration-atexit (or sentry-defaults) to send them at exit, or call"
          + " Sentry.close() before the JVM exits." + System.lineSeparator());
    }
  }

  @Test
  void coreWithoutAtexitLeavesWhatWasPendingInTheOutbox() throws IOException {
    Path cache = BuildPaths.workDir().resolve("exit-outbox");
    OutsideApp.deleteTree(cache);
    Files.createDirectories(cache);
    try (Receiver hanging = Receiver.hanging()) {
      Jvm.Run first;
      // Main returns once the event is on the wire, so it is in flight (and in the outbox) at exit.
      try (Jvm.Started started = Jvm.onModulePath().property("sentry.dsn", hanging.dsn())
          .property("sentry.cache-dir-path", cache.toString()).args("--return-after-stdin-line").start("Pending")) {
        hanging.await("the event's request", r -> !r.isEmpty(), Duration.ofSeconds(20));
        started.writeLine("return");
        first = started.await();
      }
      assertThat(first.exitCode()).as(first.describe()).isZero();
      assertThat(first.stderr()).as("nothing to say: it is in the outbox\n" + first.describe()).isEmpty();
      List<String> messages = new ArrayList<>();
      try (Stream<Path> files = Files.walk(cache)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          for (JsonNode event : Envelope.parse(gunzipped(Files.readAllBytes(file))).events()) {
            messages.add(event.at("/logentry/formatted").asText());
          }
        }
      }
      assertThat(messages).as("the events in the outbox\n" + first.describe()).containsExactly("pending at exit");
    }
  }

  private static byte[] gunzipped(byte[] bytes) throws IOException {
    if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
      return bytes;
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  private static Path apiJar() {
    return BuildPaths.runtimeDependencies().stream()
        .filter(path -> path.toString().contains("sentry.api") || path.getFileName().toString().startsWith("sentry-api"))
        .findFirst().orElseThrow(() -> new IllegalStateException("no sentry-api jar among the runtime dependencies"));
  }

}
