package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import sentry.testing.Envelope;

/**
 * The demo of examples/demo, run as the README runs it (module path, no SENTRY_DSN): it reports to
 * its embedded receiver, and every event it sends validates against Sentry's event schema.
 */
class DemoIT {
  @Test
  void demoDeliversSchemaValidEventsToItsEmbeddedReceiver() throws IOException {
    Path out = BuildPaths.workDir().resolve("demo-envelopes");
    if (Files.isDirectory(out)) {
      try (Stream<Path> old = Files.list(out)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
    }
    Path demo = Path.of(System.getProperty("sentry.tests.demoJar"));
    Jvm.Run run = Jvm.onModulePath(List.of(demo))
        .property("sentry.demo.out", out.toString())
        .run("sentry.demo", "sentry.demo.Demo", "Demo");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).as(run.describe())
        .contains("No SENTRY_DSN set: sending to an embedded receiver")
        .contains("exception: java.lang.IllegalStateException: checkout of order-7 failed")
        .contains("message: report took 41 s")
        .contains("2 event(s) received");
    assertThat(run.stderr()).as("the demo prints nothing on stderr\n" + run.describe()).isEmpty();

    List<JsonNode> events = new ArrayList<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path file : files.sorted().toList()) {
        events.addAll(Envelope.parse(Files.readAllBytes(file)).events());
      }
    }
    assertThat(events).hasSize(2);
    for (JsonNode event : events) {
      EventSchema.assertValid(event);
      assertThat(event.path("release").asText()).isEqualTo("sentry-demo@0.1.0");
      assertThat(event.path("environment").asText()).isEqualTo("demo");
    }
  }
}
