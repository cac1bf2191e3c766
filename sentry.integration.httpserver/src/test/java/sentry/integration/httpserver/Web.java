package sentry.integration.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sentry.api.Sentry;
import sentry.api.SentryOptions;
import sentry.testing.Envelope;
import sentry.testing.Receiver;

/** Test support: the SDK against a receiver, an HTTP client, and what arrived on the wire. */
final class Web {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();

  private Web() {}

  /** Initialises the SDK with only the httpserver integration, release {@code web@1}. */
  static void init(Receiver receiver, HttpServerIntegration integration, Consumer<SentryOptions> more) {
    Sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
      options.addIntegration(integration);
      options.setRelease("web@1");
      options.setEnvironment("test");
      more.accept(options);
    });
  }

  /** Sends a request; an exchange the server closed without answering gives status -1. */
  static int send(HttpRequest request) throws InterruptedException {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  /** A GET request. */
  static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build();
  }

  /**
   * An empty POST request: the JDK's client sends a GET again, once, when the server closes the
   * connection without answering (as the JDK's server does when a handler throws), a POST never.
   */
  static HttpRequest postEmpty(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).POST(HttpRequest.BodyPublishers.noBody()).build();
  }

  /** Waits for events to arrive, then returns exactly them. */
  static List<JsonNode> events(Receiver receiver, int count) {
    receiver.awaitEvents(count, WAIT);
    assertThat(Sentry.flush(WAIT)).isTrue();
    return receiver.events();
  }

  /** Every {@code sessions} item received so far. */
  static List<JsonNode> sessionItems(Receiver receiver) {
    List<JsonNode> items = new ArrayList<>();
    for (Envelope envelope : receiver.envelopes()) {
      for (Envelope.Item item : envelope.items()) {
        if ("sessions".equals(item.type())) {
          items.add(item.json());
        }
      }
    }
    return items;
  }

  /** Sums {@code exited}, {@code errored} and {@code crashed} over every aggregate received. */
  static long[] sessionTotals(Receiver receiver) {
    long[] totals = new long[3];
    for (JsonNode item : sessionItems(receiver)) {
      for (JsonNode aggregate : item.path("aggregates")) {
        totals[0] += aggregate.path("exited").asLong();
        totals[1] += aggregate.path("errored").asLong();
        totals[2] += aggregate.path("crashed").asLong();
      }
    }
    return totals;
  }

  /**
   * Flushes until the session aggregates received count {@code total} requests: the server may
   * answer a request a moment before the filter ends its session, so one flush may come early.
   */
  static long[] awaitSessions(Receiver receiver, long total) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      assertThat(Sentry.flush(WAIT)).isTrue();
      long[] totals = sessionTotals(receiver);
      if (totals[0] + totals[1] + totals[2] >= total || System.nanoTime() > deadline) {
        return totals;
      }
      Thread.sleep(20);
    }
  }
}
