package sentry.integration.excepthook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;
import sentry.testing.Jvm;
import sentry.testing.Receiver;

/**
 * A real JShell session through the {@code jdk.jshell} API and its default engine, which runs the
 * snippets in a second JVM (JShell's remote agent) with the SDK on its class path.
 */
class ExcepthookJShellTest {
  private static final String THREAD_THAT_THROWS = """
      Thread thread = new Thread(() -> {
        throw new IllegalStateException("snippet thread failed");
      }, "snippet-thread");
      """;

  @Test
  void inJShellAThreadsExceptionIsReportedOnlyWithAlwaysRun() throws Exception {
    try (Receiver receiver = Receiver.start()) {
      String quiet = session(receiver, false);
      assertThat(quiet).contains("Exception in thread \"snippet-thread\" java.lang.IllegalStateException");
      assertThat(receiver.envelopes()).isEmpty();

      String always = session(receiver, true);
      assertThat(always).contains("Exception in thread \"snippet-thread\" java.lang.IllegalStateException");
      assertThat(receiver.envelopes()).hasSize(1);
      assertThat(receiver.envelopes().get(0).eventTexts().get(0))
          .contains("\"level\":\"fatal\"")
          .contains("\"mechanism\":{\"type\":\"excepthook\",\"handled\":false")
          .contains("\"value\":\"snippet thread failed\"");
    }
  }

  /** Runs a session; returns what the agent printed on stderr. */
  private static String session(Receiver receiver, boolean alwaysRun) throws Exception {
    List<Path> classPath = new ArrayList<>(Jvm.mavenDependencies());
    classPath.add(Jvm.classesUnderTest());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        JShell shell = JShell.builder()
            .err(errStream)
            .remoteVMOptions("--class-path", classPath.stream().map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator)), "-Dsentry.dsn=" + receiver.dsn())
            .build()) {
      eval(shell, "sentry.api.Sentry.init(options -> options.addIntegration("
          + "new sentry.integration.excepthook.ExcepthookIntegration().withAlwaysRun(" + alwaysRun + ")));");
      // JShell catches a snippet's own exception: it never reaches the handler.
      assertThat(shell.eval("throw new IllegalStateException(\"snippet failed\");"))
          .anySatisfy(event -> assertThat(event.exception()).isNotNull());
      eval(shell, THREAD_THAT_THROWS);
      eval(shell, "thread.start();");
      eval(shell, "thread.join();");
      eval(shell, "sentry.api.Sentry.flush(java.time.Duration.ofSeconds(5));");
      eval(shell, "System.err.flush();");
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  private static void eval(JShell shell, String code) {
    for (SnippetEvent event : shell.eval(code)) {
      assertThat(event.status()).as(code).isNotEqualTo(Snippet.Status.REJECTED);
      assertThat(event.exception()).as(code).isNull();
    }
  }
}
