package sentry.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import sentry.api.DropReason;
import sentry.api.SentryLog;
import sentry.api.SentryOptions;
import sentry.core.accounting.DropRecorder;
import sentry.core.delivery.Dispatcher;
import sentry.core.json.EnvelopeWriter;
import sentry.core.json.LogJson;
import sentry.core.log.SdkGuard;
import sentry.core.log.SdkLog;

/**
 * Collects structured logs and hands them to the send queue in batches: at most {@value
 * #MAX_PER_ENVELOPE} per envelope, at least every 5 seconds (sooner once a full batch waits), and
 * at {@link #drain()} ({@code flush} and {@code close}). The buffer is bounded ({@code
 * maxLogQueueSize}): a log that finds it full is dropped and counted ({@code queue_overflow},
 * category {@code log_item}); {@link #offer} takes no lock and never waits (it wakes the batch
 * thread once per hundred logs). On the batch thread,
 * {@code beforeSendLog} runs (a drop counted as {@code before_send}) and a rate limit on {@code
 * log_item} drops the batch, counted as {@code ratelimit_backoff}. Thread-safe.
 */
final class LogBatcher {
  /** The data category of logs, for rate limits and client reports. */
  static final String CATEGORY = "log_item";
  /** The most logs in one envelope. */
  static final int MAX_PER_ENVELOPE = 100;
  /** The longest a log waits in the buffer while the SDK runs. */
  static final Duration INTERVAL = Duration.ofSeconds(5);

  private static final SdkLog LOG = SdkLog.get("sentry.core.logs");

  private final ConcurrentLinkedQueue<LogJson.Item> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final ReentrantLock draining = new ReentrantLock();
  private final int capacity;
  private final Dispatcher dispatcher;
  private final DropRecorder drops;
  private final EnvelopeWriter envelopes;
  private final LogJson.Defaults defaults;
  private final SentryOptions.BeforeSendLogCallback beforeSendLog;
  private final Thread thread;
  private volatile boolean closed;

  LogBatcher(SentryOptions options, Dispatcher dispatcher, DropRecorder drops, EnvelopeWriter envelopes,
      LogJson.Defaults defaults) {
    this.capacity = options.getMaxLogQueueSize();
    this.dispatcher = dispatcher;
    this.drops = drops;
    this.envelopes = envelopes;
    this.defaults = defaults;
    this.beforeSendLog = options.getBeforeSendLog();
    this.thread = new Thread(this::run, "sentry-logs");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Buffers a log, or drops and counts it when the buffer is full or the batcher closed. Never
   * blocks, never throws.
   *
   * @param log the log
   * @param traceId its trace id
   */
  void offer(SentryLog log, String traceId) {
    int taken = closed ? 0 : size.incrementAndGet();
    if (taken == 0 || taken > capacity && release()) {
      drops.record(DropReason.QUEUE_OVERFLOW, CATEGORY);
      return;
    }
    queue.add(new LogJson.Item(log, traceId));
    if (taken % MAX_PER_ENVELOPE == 0) {
      // A full batch waits: wake the batch thread (once per hundred logs).
      LockSupport.unpark(thread);
    }
    if (closed) {
      // close() may have drained before our add: take the log back unless a drain took it.
      if (queue.remove(new LogJson.Item(log, traceId))) {
        size.decrementAndGet();
        drops.record(DropReason.QUEUE_OVERFLOW, CATEGORY);
      }
    }
  }

  /** Gives back the place taken by a log that did not fit; true, for the caller's condition. */
  private boolean release() {
    size.decrementAndGet();
    return true;
  }

  /** How many logs wait in the buffer. */
  int buffered() {
    return size.get();
  }

  /**
   * Sends everything buffered now, in batches, on the calling thread; {@code flush} and {@code
   * close} call it before they wait for the send queue.
   */
  void drain() {
    draining.lock();
    SdkGuard.enter();
    try {
      List<LogJson.Item> batch = new ArrayList<>(MAX_PER_ENVELOPE);
      LogJson.Item item;
      while ((item = queue.poll()) != null) {
        size.decrementAndGet();
        LogJson.Item kept = beforeSendLog(item);
        if (kept != null) {
          batch.add(kept);
        }
        if (batch.size() == MAX_PER_ENVELOPE) {
          send(batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        send(batch);
      }
    } catch (RuntimeException e) {
      LOG.error("Sentry could not send a batch of logs", e);
    } finally {
      SdkGuard.exit();
      draining.unlock();
    }
  }

  /** Stops the batch thread and sends what is buffered; later logs are dropped and counted. */
  void close() {
    closed = true;
    LockSupport.unpark(thread);
    drain();
  }

  private void send(List<LogJson.Item> batch) {
    if (dispatcher.rateLimiter().isLimited(CATEGORY)) {
      drops.record(DropReason.RATELIMIT_BACKOFF, CATEGORY, batch.size());
      return;
    }
    dispatcher.offer(new LogEnvelope(batch, defaults, envelopes));
  }

  private LogJson.Item beforeSendLog(LogJson.Item item) {
    if (beforeSendLog == null) {
      return item;
    }
    SentryLog changed;
    try {
      changed = beforeSendLog.execute(item.log());
    } catch (Throwable e) {
      LOG.warn("beforeSendLog threw; dropping the log", e);
      changed = null;
    }
    if (changed == null) {
      drops.record(DropReason.BEFORE_SEND, CATEGORY);
      return null;
    }
    return changed == item.log() ? item : new LogJson.Item(changed, item.traceId());
  }

  private void run() {
    SdkGuard.markSdkThread();
    long interval = INTERVAL.toNanos();
    long next = System.nanoTime() + interval;
    while (!closed) {
      long left = next - System.nanoTime();
      if (left > 0 && size.get() < MAX_PER_ENVELOPE) {
        // Woken by offer() once a full batch waits, by close(), or when the interval is up.
        LockSupport.parkNanos(this, left);
        continue;
      }
      drain();
      next = System.nanoTime() + interval;
    }
  }
}
