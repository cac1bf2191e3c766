package sentry.integration.stdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sentry.api.Hint;

/** Real child processes started through {@link SentryProcess#start}, with the real SDK. */
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
  void theChildsEnvironmentIsLeftAsItWas() throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      ProcessBuilder builder = new ProcessBuilder("sh", "-c", "test \"$SENTRY_STDLIB_TEST\" = kept && env");
      builder.environment().put("SENTRY_STDLIB_TEST", "kept");
      Map<String, String> before = new HashMap<>(builder.environment());

      Process process = SentryProcess.start(builder);
      String childEnvironment = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(process.waitFor()).isZero();
      assertThat(builder.environment()).isEqualTo(before);
      assertThat(childEnvironment).doesNotContain("SENTRY_TRACE", "SUBPROCESS_");
      assertThat(harness.breadcrumbs("subprocess")).hasSize(1);
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
