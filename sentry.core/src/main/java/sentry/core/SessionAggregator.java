package sentry.core;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import sentry.api.DropReason;
import sentry.core.delivery.Dispatcher;
import sentry.core.delivery.OutboundEnvelope;
import sentry.core.json.EnvelopeWriter;
import sentry.core.json.SessionsJson;
import sentry.core.log.SdkGuard;
import sentry.core.log.SdkLog;

/**
 * Counts request-mode sessions per started minute and sends them as one {@code sessions} envelope
 * item at most once a minute, from a daemon thread started with the first session, and at {@code
 * flush} and {@code close}. An item the dispatcher drops is counted there (category {@code
 * session}). Thread-safe: counting is a short lock on a small map.
 */
final class SessionAggregator {
  private static final SdkLog LOG = SdkLog.get("sentry.core.sessions");
  static final long INTERVAL_SECONDS = 60;

  private final String release;
  private final String environment;
  private final Dispatcher dispatcher;
  private final EnvelopeWriter writer;
  private final Clock clock;
  /** Counts by started minute: exited, errored, crashed. Guarded by {@code this}. */
  private Map<Instant, long[]> pending = new TreeMap<>();
  private ScheduledExecutorService timer;
  private boolean closed;

  SessionAggregator(String release, String environment, Dispatcher dispatcher, EnvelopeWriter writer,
      Clock clock) {
    this.release = release;
    this.environment = environment == null ? "production" : environment;
    this.dispatcher = dispatcher;
    this.writer = writer;
    this.clock = clock;
  }

  /** Starts a session now; close it when the request ends. */
  RequestSessionState start() {
    return new RequestSessionState(this, clock.instant().truncatedTo(ChronoUnit.MINUTES));
  }

  /** Counts an ended session: {@code status} 0 exited, 1 errored, 2 crashed. */
  void add(Instant startedMinute, int status) {
    synchronized (this) {
      if (closed) {
        dispatcher.drops().record(DropReason.QUEUE_OVERFLOW, "session");
        return;
      }
      pending.computeIfAbsent(startedMinute, minute -> new long[3])[status]++;
      if (timer == null) {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
          Thread thread = new Thread(() -> {
            SdkGuard.markSdkThread();
            task.run();
          }, "sentry-sessions");
          thread.setDaemon(true);
          // Not the web application's loader of the request that happened to start it.
          thread.setContextClassLoader(SessionAggregator.class.getClassLoader());
          return thread;
        });
        timer.scheduleAtFixedRate(this::send, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
      }
    }
  }

  /** Offers what was counted so far to the dispatcher, without waiting; does nothing when empty. */
  void send() {
    Map<Instant, long[]> taken;
    synchronized (this) {
      if (pending.isEmpty()) {
        return;
      }
      taken = pending;
      pending = new TreeMap<>();
    }
    List<SessionsJson.Bucket> buckets = new ArrayList<>(taken.size());
    taken.forEach((minute, counts) -> buckets.add(new SessionsJson.Bucket(minute, counts[0], counts[1], counts[2])));
    try {
      dispatcher.offer(new SessionsEnvelope(writer, SessionsJson.render(release, environment, buckets)));
    } catch (RuntimeException e) {
      dispatcher.drops().record(DropReason.QUEUE_OVERFLOW, "session");
      LOG.warn("could not queue the session aggregates", e);
    }
  }

  /** Sends what is left and stops the timer; sessions ended later are dropped and counted. */
  void close() {
    send();
    synchronized (this) {
      closed = true;
      if (timer != null) {
        timer.shutdownNow();
      }
    }
  }

  /** One {@code sessions} item in its own envelope. */
  private record SessionsEnvelope(EnvelopeWriter writer, byte[] payload) implements OutboundEnvelope {
    @Override
    public String eventId() {
      return null;
    }

    @Override
    public String category() {
      return "session";
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      writer.writeSessions(out, payload);
    }
  }
}
