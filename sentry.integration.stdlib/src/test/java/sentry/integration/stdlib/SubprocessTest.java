package sentry.integration.stdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sentry.api.Hint;
import sentry.api.Sentry;
import sentry.testing.Envelope;
import sentry.testing.Jvm;

/**
 * Real child processes started through {@link SentryProcess#start}, with the real SDK: their
 * breadcrumbs, and the trace they get in their environment, which a child JVM continues.
 */
class SubprocessTest {
  @Test
  void aStartedProcessMakesABreadcrumbWithItsCommandLine() throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      Process ok = SentryProcess.start(new ProcessBuilder("true"));
      assertThat(ok.waitFor()).isZero();
      Process three = SentryProcess.start(new ProcessBuilder("sh", "-c", "exit 3"));
      assertThat(three.waitFor()).isEqualTo(3);

      List<JsonNode> crumbs = harness.breadcrumbs("subprocess");
      assertThat(crumbs).hasSize(2);
      assertThat(crumbs.get(0).path("type").asText()).isEqualTo("subprocess");
      assertThat(crumbs.get(0).path("message").asText()).isEqualTo("true");
      assertThat(crumbs.get(0).path("level").asText()).isEqualTo("info");
      assertThat(crumbs.get(0).has("data")).isFalse();
      assertThat(crumbs.get(1).path("message").asText()).isEqualTo("sh -c exit 3");
      assertThat(harness.hints("subprocess")).extracting(h -> h.hint().get(StdlibIntegration.POPEN_INSTANCE).orElseThrow())
          .containsExactly(ok, three);
    }
  }

  @Test
  void theWorkingDirectoryIsInTheDataAndTheChildRunsThere(@TempDir Path directory) throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      Process process = SentryProcess.start(new ProcessBuilder("sh", "-c", "pwd -P").directory(directory.toFile()));
      String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(process.waitFor()).isZero();
      assertThat(Path.of(printed)).isEqualTo(directory.toRealPath());

      assertThat(harness.breadcrumbs("subprocess")).singleElement().satisfies(crumb ->
          assertThat(crumb.path("data").path("subprocess.cwd").asText()).isEqualTo(directory.toString()));
    }
  }

  @Test
  void aMissingProgramThrowsTheOriginalExceptionAndMakesAnErrorBreadcrumb() throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      IOException thrown = catchThrowableOfType(IOException.class,
          () -> SentryProcess.start(new ProcessBuilder("/nonexistent/sentry-no-such-program", "--flag")));

      assertThat(thrown).hasMessageContaining("sentry-no-such-program");
      assertThat(harness.breadcrumbs("subprocess")).singleElement().satisfies(crumb -> {
        assertThat(crumb.path("message").asText()).isEqualTo("/nonexistent/sentry-no-such-program --flag");
        assertThat(crumb.path("level").asText()).isEqualTo("error");
      });
      assertThat(harness.hints("subprocess")).singleElement().satisfies(hinted -> {
        assertThat(hinted.hint().get(Hint.THROWABLE)).containsSame(thrown);
        assertThat(hinted.hint().contains(StdlibIntegration.POPEN_INSTANCE)).isFalse();
      });
    }
  }

  @Test
  void secretLookingArgumentsAreFilteredUnlessPiiIsAllowed() throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", "exit 0", "sh", "--password=hunter2", "--token", "abc",
        "key=xyz", "--user=ann");
    try (SentryHarness harness = SentryHarness.start()) {
      SentryProcess.start(builder).waitFor();
      assertThat(harness.breadcrumbs("subprocess")).singleElement().satisfies(crumb ->
          assertThat(crumb.path("message").asText())
              .isEqualTo("sh -c exit 0 sh --password=[Filtered] --token [Filtered] key=[Filtered] --user=ann"));
    }
    try (SentryHarness harness = SentryHarness.withPii()) {
      SentryProcess.start(builder).waitFor();
      assertThat(harness.breadcrumbs("subprocess")).singleElement().satisfies(crumb ->
          assertThat(crumb.path("message").asText())
              .isEqualTo("sh -c exit 0 sh --password=hunter2 --token abc key=xyz --user=ann"));
    }
  }

  @Test
  void theChildsEnvironmentGetsTheTraceAndTheBuilderIsLeftAsItWas() throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      ProcessBuilder builder = new ProcessBuilder("sh", "-c", "test \"$SENTRY_STDLIB_TEST\" = kept && env");
      builder.environment().put("SENTRY_STDLIB_TEST", "kept");
      builder.environment().put("SUBPROCESS_SENTRY_TRACE", "from a grandparent");
      Map<String, String> before = new HashMap<>(builder.environment());

      Process process = SentryProcess.start(builder);
      String childEnvironment = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(process.waitFor()).isZero();
      assertThat(builder.environment()).isEqualTo(before);
      assertThat(System.getenv()).doesNotContainKeys("SUBPROCESS_SENTRY_TRACE", "SUBPROCESS_BAGGAGE");
      assertThat(childEnvironment.lines()).contains("SUBPROCESS_SENTRY_TRACE=" + Sentry.getTraceparent(),
          "SUBPROCESS_BAGGAGE=" + Sentry.getBaggage(), "SENTRY_STDLIB_TEST=kept");
      assertThat(harness.breadcrumbs("subprocess")).hasSize(1);
    }
  }

  @Test
  void anEmptiedEnvironmentGetsOnlyTheTrace() throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      ProcessBuilder builder = new ProcessBuilder("/usr/bin/env");
      builder.environment().clear();

      Process process = SentryProcess.start(builder);
      String childEnvironment = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(process.waitFor()).isZero();
      assertThat(childEnvironment.lines()).containsExactlyInAnyOrder(
          "SUBPROCESS_SENTRY_TRACE=" + Sentry.getTraceparent(), "SUBPROCESS_BAGGAGE=" + Sentry.getBaggage());
      assertThat(builder.environment()).isEmpty();
      assertThat(harness.breadcrumbs("subprocess")).hasSize(1);
    }
  }

  @Test
  void aChildJvmContinuesTheParentsTrace(@TempDir Path work) throws Exception {
    try (SentryHarness harness = SentryHarness.start(options -> options.setRelease("parent@1.0"))) {
      String parent = Sentry.getTraceparent();
      String parentBaggage = Sentry.getBaggage();
      List<Path> path = new ArrayList<>(Jvm.mavenDependencies());
      path.add(Path.of("target", "test-classes").toAbsolutePath());
      Jvm.Run run = Jvm.onClassPath(path).startedBy(SentryProcess::start)
          .run(work, "sentry.integration.stdlib.probe.TraceChild", harness.sentry().dsn());
      assertThat(run.exitCode()).as(run.describe()).isZero();

      JsonNode event = harness.sentry().awaitEvents(1, Duration.ofSeconds(30)).get(0);
      JsonNode trace = event.at("/contexts/trace");
      assertThat(trace.path("trace_id").asText()).isEqualTo(parent.substring(0, 32));
      assertThat(trace.path("parent_span_id").asText()).isEqualTo(parent.substring(33));
      assertThat(trace.path("span_id").asText()).matches("[0-9a-f]{16}").isNotEqualTo(parent.substring(33));
      assertThat(run.stdout()).contains("sentry-trace " + parent.substring(0, 32) + "-" + trace.path("span_id").asText());
      // The child sends the parent's sampling context unchanged, release and all.
      Envelope envelope = harness.sentry().envelopes().stream()
          .filter(sent -> !sent.events().isEmpty()).findFirst().orElseThrow();
      Map<String, String> dsc = new LinkedHashMap<>();
      envelope.header().path("trace").properties().forEach(f -> dsc.put(f.getKey(), f.getValue().asText()));
      assertThat(String.join(",", dsc.entrySet().stream().map(e -> "sentry-" + e.getKey() + "=" + e.getValue()).toList()))
          .isEqualTo(parentBaggage);
      assertThat(dsc).containsEntry("release", "parent@1.0");
    }
  }

  @Test
  void withoutTheIntegrationItIsProcessBuilderStart() throws Exception {
    try (SentryHarness harness = SentryHarness.start(options -> options.addDisabledIntegration("stdlib"))) {
      assertThat(SentryProcess.start(new ProcessBuilder("sh", "-c", "exit 3")).waitFor()).isEqualTo(3);
      assertThat(catchThrowableOfType(IOException.class,
          () -> SentryProcess.start(new ProcessBuilder("/nonexistent/sentry-no-such-program")))).isNotNull();

      assertThat(harness.breadcrumbs("subprocess")).isEmpty();
    }
  }
}
