package sentry.integration.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.MonitorConfig;
import sentry.api.MonitorSchedule;
import sentry.api.Sentry;
import sentry.testing.Envelope;
import sentry.testing.Receiver;

/** Monitored tasks on a real scheduled executor send check-ins around each run. */
class MonitorTest {
  private Receiver receiver;
  private ScheduledExecutorService scheduler;

  @BeforeEach
  void start() {
    receiver = Receiver.start();
    scheduler = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stop() throws InterruptedException {
    scheduler.shutdownNow();
    assertThat(scheduler.awaitTermination(Threads.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    Sentry.close();
    receiver.close();
  }

  private void init(ThreadingIntegration... integrations) {
    Sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
      options.setRelease("jobs@1.0");
      // One request at a time, so that check-ins arrive in the order they were captured.
      options.setMaxRequestsInFlight(1);
      for (ThreadingIntegration integration : integrations) {
        options.addIntegration(integration);
      }
    });
  }

  /** The check-ins on the wire, in order of arrival. */
  private List<JsonNode> checkIns() {
    assertThat(Sentry.flush(Sdk.FLUSH)).isTrue();
    List<JsonNode> checkIns = new ArrayList<>();
    for (Envelope envelope : receiver.envelopes()) {
      for (Envelope.Item item : envelope.items()) {
        if (item.type().equals("check_in")) {
          checkIns.add(item.json());
        }
      }
    }
    return checkIns;
  }

  @Test
  void eachScheduledRunSendsInProgressThenOkOrErrorWithItsDurationUnderOneId() throws Exception {
    init();
    AtomicInteger runs = new AtomicInteger();
    IllegalStateException thrown = new IllegalStateException("third run fails");
    MonitorConfig config = MonitorConfig.of(MonitorSchedule.interval(1, MonitorSchedule.Unit.MINUTE))
        .withTimezone(ZoneId.of("UTC"));
    Runnable task = SentryExecutors.monitor("cleanup", config, () -> {
      sleep(30);
      if (runs.incrementAndGet() == 3) {
        throw thrown;
      }
    });

    // A periodic task that throws ends its schedule: the future then holds the exception.
    ScheduledFuture<?> schedule = scheduler.scheduleAtFixedRate(task, 0, 20, TimeUnit.MILLISECONDS);
    assertThatThrownBy(() -> schedule.get(Threads.DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(ExecutionException.class).cause().isSameAs(thrown);

    List<JsonNode> checkIns = checkIns();
    Map<String, List<JsonNode>> byId = new LinkedHashMap<>();
    checkIns.forEach(c -> byId.computeIfAbsent(c.path("check_in_id").asText(), id -> new ArrayList<>()).add(c));
    assertThat(checkIns).hasSize(6);
    assertThat(byId).hasSize(3);
    List<String> outcomes = new ArrayList<>();
    for (List<JsonNode> pair : byId.values()) {
      assertThat(pair).extracting(c -> c.path("monitor_slug").asText()).containsOnly("cleanup");
      assertThat(pair.get(0).path("status").asText()).isEqualTo("in_progress");
      assertThat(pair.get(0).has("duration")).isFalse();
      assertThat(pair.get(0).path("monitor_config").toString()).isEqualTo("{\"schedule\":{\"type\":"
          + "\"interval\",\"value\":1,\"unit\":\"minute\"},\"timezone\":\"UTC\"}");
      assertThat(pair.get(1).has("monitor_config")).isFalse();
      assertThat(pair.get(1).path("duration").isNumber()).isTrue();
      // The task works 30 ms; the margin above is generous, the bound below is what it did.
      assertThat(pair.get(1).path("duration").asDouble()).isGreaterThanOrEqualTo(0.03).isLessThan(60.0);
      assertThat(pair.get(1).at("/contexts/trace/trace_id").asText())
          .isEqualTo(pair.get(0).at("/contexts/trace/trace_id").asText()).matches("[0-9a-f]{32}");
      assertThat(pair).extracting(c -> c.path("release").asText()).containsOnly("jobs@1.0");
      outcomes.add(pair.get(1).path("status").asText());
    }
    assertThat(outcomes).containsExactly("ok", "ok", "error");
    assertThat(byId.values()).extracting(pair -> pair.get(0).at("/contexts/trace/trace_id").asText())
        .as("a trace per run").doesNotHaveDuplicates();

    List<JsonNode> events = receiver.events();
    assertThat(events).hasSize(1);
    assertThat(Sdk.mechanism(events.get(0))).isEqualTo("monitor/false");
    assertThat(Sdk.thrown(events.get(0)).path("value").asText()).isEqualTo("third run fails");
    JsonNode error = checkIns.get(5);
    assertThat(events.get(0).at("/contexts/trace/trace_id").asText())
        .isEqualTo(error.at("/contexts/trace/trace_id").asText());
  }

  @Test
  void aMonitoredTaskOnAWrappedSchedulerIsReportedOnce() throws Exception {
    init(new ThreadingIntegration());
    ScheduledExecutorService wrapped = SentryExecutors.wrap(scheduler);
    IllegalArgumentException thrown = new IllegalArgumentException("once");

    ScheduledFuture<?> schedule = wrapped.scheduleWithFixedDelay(SentryExecutors.monitor("wrapped", (Runnable) () -> {
      throw thrown;
    }), 0, 1, TimeUnit.SECONDS);
    assertThatThrownBy(() -> schedule.get(Threads.DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
        .cause().isSameAs(thrown);

    assertThat(checkIns()).extracting(c -> c.path("status").asText()).containsExactly("in_progress", "error");
    assertThat(receiver.events()).hasSize(1);
  }

  @Test
  void aMonitoredCallableReturnsItsResultOrRethrowsItsCheckedException() throws Exception {
    init();
    Callable<String> fine = SentryExecutors.monitor("callable", () -> "done");
    IOException thrown = new IOException("no disk");
    Callable<String> failing = SentryExecutors.monitor("callable", () -> {
      throw thrown;
    });

    assertThat(scheduler.schedule(fine, 0, TimeUnit.MILLISECONDS).get()).isEqualTo("done");
    assertThatThrownBy(failing::call).isSameAs(thrown);

    assertThat(checkIns()).extracting(c -> c.path("status").asText())
        .containsExactly("in_progress", "ok", "in_progress", "error");
    assertThat(receiver.events()).extracting(e -> Sdk.thrown(e).path("type").asText()).containsExactly("IOException");
  }

  @Test
  void withoutAnSdkTheTaskRunsAsItIsAndBadSlugsAreRefused() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    SentryExecutors.monitor("no-sdk", (Runnable) runs::incrementAndGet).run();
    assertThat(runs).hasValue(1);
    assertThat(receiver.requests()).isEmpty();
    assertThatThrownBy(() -> SentryExecutors.monitor(" ", () -> {})).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("monitor slug \" \" is blank");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
