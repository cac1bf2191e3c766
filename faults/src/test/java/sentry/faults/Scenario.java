package sentry.faults;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import sentry.api.Hub;
import sentry.api.Mechanism;
import sentry.api.Sentry;
import sentry.api.SentryClient;
import sentry.api.SentryEvent;
import sentry.api.SentryOptions;
import sentry.core.FaultAccess;
import sentry.core.accounting.DropRecorder;
import sentry.testing.Envelope;

/**
 * One run of the SDK, in this JVM, against a {@link FaultServer}: it captures events on
 * application threads, times each call, closes the SDK, and then keeps the {@link Books}.
 */
final class Scenario {
  /** The exception type that scenarios tell the SDK to ignore. */
  static final class Ignored extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Ignored(String message) {
      super(message);
    }
  }

  static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;

  private final String fault;
  private final String setup;
  private final FaultServer server;
  private final Path cacheDir;
  private final Ledger ledger = new Ledger();
  private final List<String> captured = new ArrayList<>(); // guarded by itself
  private final LongAccumulator slowestNanos = new LongAccumulator(Math::max, 0);
  private final SentryClient client;
  private final DropRecorder drops;
  private long closeMillis = -1;

  private Scenario(String fault, String setup, FaultServer server, Path cacheDir, Consumer<SentryOptions> more) {
    this.fault = fault;
    this.setup = setup;
    this.server = server;
    this.cacheDir = cacheDir;
    Sentry.init(options -> {
      options.setDsn(server.dsn());
      options.setDefaultIntegrations(false);
      options.setShutdownTimeoutMillis(SHUTDOWN_TIMEOUT_MILLIS);
      options.addIgnoredExceptionForType(Ignored.class);
      if (cacheDir != null) {
        options.setCacheDirPath(cacheDir.toString());
      }
      more.accept(options);
      options.addEventProcessor(ledger);
    });
    this.client = Hub.main().client();
    this.drops = FaultAccess.drops(client);
  }

  /** Starts the SDK without an outbox. */
  static Scenario inMemory(String fault, FaultServer server, Consumer<SentryOptions> more) {
    return new Scenario(fault, "no outbox", server, null, more);
  }

  /** Starts the SDK with an outbox in a directory. */
  static Scenario withOutbox(String fault, FaultServer server, Path cacheDir, Consumer<SentryOptions> more) {
    return new Scenario(fault, "outbox", server, cacheDir, more);
  }

  SentryClient client() {
    return client;
  }

  DropRecorder drops() {
    return drops;
  }

  /** Captures one event for a throwable on the calling thread, timing the call; returns its id. */
  String capture(Throwable throwable) {
    SentryEvent event = SentryEvent.fromThrowable(throwable, Mechanism.GENERIC);
    String id = event.getEventId().value();
    synchronized (captured) {
      captured.add(id);
    }
    long start = System.nanoTime();
    Sentry.captureEvent(event);
    slowestNanos.accumulate(System.nanoTime() - start);
    return id;
  }

  /** Captures events, every {@code ignoredEvery}-th of a type the SDK ignores (0: none). */
  void captureMany(int count, int ignoredEvery) {
    for (int i = 1; i <= count; i++) {
      capture(ignoredEvery > 0 && i % ignoredEvery == 0 ? new Ignored("ignored " + i)
          : new IllegalStateException(fault + " " + i));
    }
  }

  int capturedCount() {
    synchronized (captured) {
      return captured.size();
    }
  }

  List<String> capturedIds() {
    synchronized (captured) {
      return List.copyOf(captured);
    }
  }

  boolean flush(Duration timeout) {
    return Sentry.flush(timeout);
  }

  /** Closes the SDK, timing the call. */
  long close() {
    long start = System.nanoTime();
    Sentry.close();
    closeMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    return closeMillis;
  }

  double slowestCaptureMillis() {
    return slowestNanos.get() / 1e6;
  }

  /** Keeps the books once the SDK is closed. */
  Books books(String notes) {
    if (closeMillis < 0) {
      throw new IllegalStateException("close the SDK first");
    }
    if (!ledger.droppedTwice().isEmpty()) {
      throw new AssertionError(fault + ": events dropped twice: " + ledger.droppedTwice());
    }
    Set<String> outbox = outboxEventIds(cacheDir);
    Map<String, FaultServer.Fate> fates = server.fates();
    int accepted = 0;
    int inOutbox = 0;
    int refused = 0;
    int tooMany = 0;
    int notTold = 0;
    Map<String, Long> told = new TreeMap<>();
    for (String id : capturedIds()) {
      FaultServer.Fate fate = fates.get(id);
      if (fate != null && fate.everAccepted()) {
        accepted++;
      } else if (outbox.contains(id)) {
        inOutbox++;
      } else if (cacheDir == null && fate != null && fate.lastStatus() == 429) {
        tooMany++;
      } else if (fate != null && refusedForGood(fate.lastStatus())) {
        refused++;
      } else if (ledger.droppedFor(id) != null) {
        told.merge(ledger.droppedFor(id), 1L, Long::sum);
      } else {
        notTold++;
      }
    }
    Map<String, Long> dropped = Books.eventDrops(drops.totals());
    long sendError = dropped.getOrDefault("send_error", 0L);
    dropped.remove("send_error");
    return new Books(fault, setup, capturedCount(), accepted, sendError, refused, tooMany, dropped, inOutbox, told,
        notTold, drops.reported(), server.acceptedReports(), drops.unreported(), slowestCaptureMillis(), closeMillis,
        notes, "yes");
  }

  /**
   * Reads the event ids of the envelope files under a directory, tree included. The SDK renames and
   * removes files meanwhile: a file or directory gone since it was listed is skipped.
   */
  private static void collectEventIds(Path directory, Set<String> ids) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (Files.isDirectory(entry)) {
          collectEventIds(entry, ids);
        } else if (name.endsWith(".envelope") || name.endsWith(".sending")) {
          byte[] bytes;
          try {
            bytes = Files.readAllBytes(entry);
          } catch (NoSuchFileException e) {
            continue; // claimed (renamed) or removed by the SDK since the listing
          }
          try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            String id = Envelope.parse(in.readAllBytes()).header().path("event_id").asText().replace("-", "");
            if (!id.isEmpty()) {
              ids.add(id);
            }
          }
        }
      }
    } catch (NoSuchFileException e) {
      // the directory went away since it was listed
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the outbox " + directory, e);
    }
  }

  /**
   * Tells whether an answer refuses an event for good: any 4xx but 429; and without an outbox, a
   * 5xx too. With one, a 5xx or 429 keeps the file for a later attempt, so an event that is no
   * longer there after one was dropped for another reason (the outbox's bounds).
   */
  private boolean refusedForGood(int status) {
    return status >= 400 && status != 429 && (status < 500 || cacheDir == null);
  }

  /** Waits until the outbox directory holds no envelope; tells whether it came to that in time. */
  boolean awaitEmptyOutbox(Duration timeout) throws InterruptedException {
    // Twice, 100 ms apart: a listing taken while the SDK renames a file to claim it can miss it.
    return server.awaitUntil(() -> outboxEventIds(cacheDir).isEmpty() && pause() && outboxEventIds(cacheDir).isEmpty(),
        timeout);
  }

  private static boolean pause() {
    try {
      Thread.sleep(100);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The event ids of the envelope files left in an outbox directory, read from the files themselves. */
  static Set<String> outboxEventIds(Path cacheDir) {
    Set<String> ids = new HashSet<>();
    if (cacheDir == null || !Files.isDirectory(cacheDir)) {
      return ids;
    }
    collectEventIds(cacheDir, ids);
    return ids;
  }
}
