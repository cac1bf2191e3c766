package sentry.integration.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Sentry;
import sentry.integration.excepthook.ExcepthookIntegration;

/**
 * Both default handlers in one chain, in whichever order this test JVM installed them: the main
 * thread's crash is excepthook's, a worker's is ours, and each is reported and printed once. The
 * real JVM exit is covered by {@link ThreadingJvmTest}.
 */
class WithExcepthookTest {
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
  void eachUncaughtExceptionIsReportedExactlyOnceMainByExcepthookOthersByThreading() throws Exception {
    assumeTrue(MainThread.isMain(Thread.currentThread()), "tests run on the launcher's main thread");
    Sdk.init(receiver, new ExcepthookIntegration(), new ThreadingIntegration());

    String printed;
    try (Threads.Stderr err = Threads.Stderr.capture()) {
      Threads.crash("worker", () -> {
        throw new IllegalStateException("worker failed");
      });
      // What the JVM does when main throws: the default handler chain, on the main thread.
      Thread.getDefaultUncaughtExceptionHandler()
          .uncaughtException(Thread.currentThread(), new IllegalStateException("main failed"));
      printed = err.text();
    }

    List<JsonNode> events = Sdk.sent(receiver);
    assertThat(events).hasSize(2);
    assertThat(events).filteredOn(event -> Sdk.thrown(event).path("value").asText().equals("worker failed"))
        .singleElement().satisfies(event -> {
          assertThat(Sdk.mechanism(event)).isEqualTo("threading/false");
          assertThat(event.path("level").asText()).isEqualTo("error");
          assertThat(event.at("/threads/values/0/name").asText()).isEqualTo("worker");
        });
    assertThat(events).filteredOn(event -> Sdk.thrown(event).path("value").asText().equals("main failed"))
        .singleElement().satisfies(event -> {
          assertThat(Sdk.mechanism(event)).isEqualTo("excepthook/false");
          assertThat(event.path("level").asText()).isEqualTo("fatal");
          assertThat(event.at("/threads/values/0/name").asText()).isEqualTo("main");
        });
    assertThat(count(printed, "Exception in thread \"worker\" java.lang.IllegalStateException: worker failed")).isOne();
    assertThat(count(printed, "Exception in thread \"main\" java.lang.IllegalStateException: main failed")).isOne();
    assertThat(count(printed, "Exception in thread")).isEqualTo(2);
  }

  private static int count(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
