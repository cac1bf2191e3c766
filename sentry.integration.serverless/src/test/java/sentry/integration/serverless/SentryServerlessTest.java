package sentry.integration.serverless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Hub;
import sentry.api.Sentry;
import sentry.testing.Receiver;

/** Wrapped functions report what escapes them and do not return before it is on the wire. */
class SentryServerlessTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private Receiver receiver;

  @BeforeEach
  void start() {
    receiver = Receiver.start();
    Sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
      options.setShutdownTimeoutMillis(WAIT.toMillis());
    });
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  @Test
  void anExceptionIsRethrownUnchangedAndIsOnTheWireBeforeTheWrapperReturns() {
    IllegalStateException thrown = new IllegalStateException("boom");
    Runnable wrapped = SentryServerless.wrap((Runnable) () -> {
      throw thrown;
    });

    assertThatThrownBy(wrapped::run).isSameAs(thrown);

    // No waiting: the wrapper has flushed, and the receiver records a request before answering it.
    assertThat(Hub.main().client().pendingEvents()).isZero();
    List<JsonNode> events = receiver.events();
    assertThat(events).hasSize(1);
    JsonNode exception = last(events.get(0).at("/exception/values"));
    assertThat(exception.path("type").asText()).isEqualTo("IllegalStateException");
    assertThat(exception.path("value").asText()).isEqualTo("boom");
    assertThat(exception.at("/mechanism/type").asText()).isEqualTo("serverless");
    assertThat(exception.at("/mechanism/handled").asBoolean(true)).isFalse();
    assertThat(events.get(0).path("level").asText()).isEqualTo("error");
  }

  @Test
  void aCheckedExceptionOfACallableIsRethrownUnchanged() {
    IOException thrown = new IOException("disk gone");
    Callable<String> wrapped = SentryServerless.wrap((Callable<String>) () -> {
      throw thrown;
    });

    assertThatThrownBy(wrapped::call).isSameAs(thrown);

    assertThat(Hub.main().client().pendingEvents()).isZero();
    assertThat(receiver.events()).extracting(e -> last(e.at("/exception/values")).path("type").asText())
        .containsExactly("IOException");
  }

  @Test
  void anErrorIsReportedAndRethrownToo() {
    AssertionError thrown = new AssertionError("invariant");
    Function<String, String> wrapped = SentryServerless.wrap((Function<String, String>) in -> {
      throw thrown;
    });

    assertThatThrownBy(() -> wrapped.apply("x")).isSameAs(thrown);

    assertThat(receiver.events()).hasSize(1);
  }

  @Test
  void resultsComeBackAndWhatTheCallCapturedIsDeliveredWhenItReturns() throws Exception {
    Supplier<String> supplier = SentryServerless.wrap((Supplier<String>) () -> {
      Sentry.captureMessage("from supplier");
      return "s";
    });
    Function<Integer, Integer> function = SentryServerless.wrap((Integer n) -> {
      Sentry.captureMessage("from function " + n);
      return n + 1;
    });
    Callable<String> callable = SentryServerless.wrap((Callable<String>) () -> "c");

    assertThat(supplier.get()).isEqualTo("s");
    assertThat(receiver.events()).extracting(e -> e.at("/logentry/formatted").asText())
        .containsExactly("from supplier");
    assertThat(function.apply(41)).isEqualTo(42);
    assertThat(receiver.events()).extracting(e -> e.at("/logentry/formatted").asText())
        .containsExactly("from supplier", "from function 41");
    assertThat(callable.call()).isEqualTo("c");
    assertThat(Hub.main().client().pendingEvents()).isZero();
  }

  @Test
  void eachOfAThousandCallsOnOneThreadHasAScopeOfItsOwn() {
    Sentry.configureScope(scope -> scope.setTag("caller", "yes"));
    List<Map<String, String>> seenAtStart = new ArrayList<>();
    Function<Integer, Void> call = SentryServerless.wrap((Integer i) -> {
      Sentry.configureScope(scope -> seenAtStart.add(scope.getTags()));
      Sentry.setTag("call", Integer.toString(i));
      Sentry.addBreadcrumb("crumb " + i);
      if (i % 100 == 0) {
        Sentry.captureMessage("call " + i);
      }
      return null;
    });

    for (int i = 0; i < 1000; i++) {
      call.apply(i);
    }
    Sentry.captureMessage("caller after");

    // Every call started from the main hub: nothing from an earlier call, nothing of the caller's.
    assertThat(seenAtStart).hasSize(1000).allSatisfy(tags -> assertThat(tags).isEmpty());
    assertThat(Sentry.flush(WAIT)).isTrue();
    Map<String, JsonNode> byMessage = new TreeMap<>();
    receiver.events().forEach(e -> byMessage.put(e.at("/logentry/formatted").asText(), e));
    assertThat(byMessage).hasSize(11);
    for (int i = 0; i < 1000; i += 100) {
      JsonNode event = byMessage.get("call " + i);
      assertThat(event.path("tags").toString()).isEqualTo("{\"call\":\"" + i + "\"}");
      assertThat(event.path("breadcrumbs").path("values")).extracting(b -> b.path("message").asText())
          .containsExactly("crumb " + i);
    }
    JsonNode after = byMessage.get("caller after");
    assertThat(after.path("tags").toString()).isEqualTo("{\"caller\":\"yes\"}");
    assertThat(after.path("breadcrumbs").path("values")).isEmpty();
  }

  @Test
  void withoutAnSdkTheFunctionRunsAsItIs() {
    Sentry.close();
    RuntimeException thrown = new RuntimeException("plain");
    Supplier<String> wrapped = SentryServerless.wrap((Supplier<String>) () -> {
      throw thrown;
    });

    assertThatThrownBy(wrapped::get).isSameAs(thrown);
    assertThat(SentryServerless.wrap((Supplier<String>) () -> "ok").get()).isEqualTo("ok");
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void nullFunctionsAreRefusedAtOnce() {
    assertThatThrownBy(() -> SentryServerless.wrap((Runnable) null)).isInstanceOf(NullPointerException.class)
        .hasMessage("function");
  }

  private static JsonNode last(JsonNode values) {
    assertThat(values.size()).isPositive();
    return values.get(values.size() - 1);
  }
}
