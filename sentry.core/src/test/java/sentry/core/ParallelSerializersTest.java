package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.Message;
import sentry.api.SentryEvent;
import sentry.core.delivery.Rendezvous;

/**
 * Events captured on 8 threads at once, each thread with its own scope data, all reach the server
 * once, each with its own thread's data and none of another's: checked as the JSON on the wire.
 * On two cores or more, events are also shown to be serialized on two SDK threads at once.
 */
class ParallelSerializersTest {
  private static final int THREADS = 8;
  private static final int EVENTS_PER_THREAD = 25;
  private static final int PROBES = 8;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void eventsFromEightThreadsArriveOnceEachWithItsOwnScopeData() throws Exception {
    try (TestReceiver receiver = new TestReceiver()) {
      CoreBinding sentry = new CoreBinding();
      sentry.init(options -> {
        options.setDsn(receiver.dsn());
        options.setDefaultIntegrations(false);
        options.setSendClientReports(false);
        // Room for every event at once: the test is about serializing in parallel, not about overflow.
        options.setMaxQueueSize(THREADS * EVENTS_PER_THREAD);
      });
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          String name = "t" + t;
          Thread thread = new Thread(() -> {
            try {
              start.await();
              Hub hub = sentry.currentHub();
              hub.configureScope(scope -> scope.setTag("thread", name));
              for (int e = 0; e < EVENTS_PER_THREAD; e++) {
                int number = e;
                // Inside withScope, the thread's current hub is the one with the scope given to the callback.
                hub.withScope(scope -> {
                  scope.setExtra("number", number);
                  sentry.currentHub().captureMessage(name + "-" + number, Level.INFO);
                });
              }
            } catch (Throwable failure) {
              failures.add(failure);
            }
          }, "capture-" + name);
          threads.add(thread);
          thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
          thread.join();
        }
        assertThat(failures).isEmpty();
        assertThat(sentry.client().flush(WAIT)).isTrue();

        List<JsonNode> events = receiver.awaitEvents(THREADS * EVENTS_PER_THREAD, WAIT);
        Map<String, JsonNode> byMessage = events.stream().collect(Collectors.toMap(
            event -> event.path("logentry").path("formatted").asText(), Function.identity(), (a, b) -> {
              throw new AssertionError("delivered twice: " + a);
            }));
        assertThat(byMessage).hasSize(THREADS * EVENTS_PER_THREAD);
        for (int t = 0; t < THREADS; t++) {
          for (int e = 0; e < EVENTS_PER_THREAD; e++) {
            JsonNode event = byMessage.get("t" + t + "-" + e);
            assertThat(event).as("event t%d-%d", t, e).isNotNull();
            assertThat(event.path("tags").path("thread").asText()).as("tag of t%d-%d", t, e).isEqualTo("t" + t);
            assertThat(event.path("extra").path("number").asInt(-1)).as("extra of t%d-%d", t, e).isEqualTo(e);
          }
        }
        assertThat(events.stream().map(event -> event.path("event_id").asText()).distinct()).hasSize(events.size());

        if (Runtime.getRuntime().availableProcessors() >= 2) {
          // Serialized in parallel, not in turn: the window is open (every answer was a 2xx), and
          // the first SDK thread to write a probe waits in its toString until a second one writes one.
          Rendezvous probe = new Rendezvous();
          for (int i = 0; i < PROBES; i++) {
            SentryEvent event = new SentryEvent();
            event.setMessage(Message.of("probe-" + i));
            event.getExtra().put("probe", probe);
            sentry.currentHub().captureEvent(event, null);
          }
          assertThat(sentry.client().flush(WAIT)).isTrue();
          assertThat(probe.met()).as("a second thread serialized while the first wrote its probe: %s", probe.threads())
              .isTrue();
          assertThat(probe.threads()).filteredOn(name -> name.startsWith("sentry-serializer-")).hasSizeGreaterThanOrEqualTo(2);
          assertThat(receiver.awaitEvents(THREADS * EVENTS_PER_THREAD + PROBES, WAIT))
              .filteredOn(event -> event.path("extra").path("probe").asText().equals("rendezvous")).hasSize(PROBES);
        }
      } finally {
        sentry.close();
      }
    }
  }
}
