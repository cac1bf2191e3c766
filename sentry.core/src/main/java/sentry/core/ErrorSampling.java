package sentry.core;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import sentry.api.Hint;
import sentry.api.SentryEvent;
import sentry.api.SentryOptions;
import sentry.core.log.SdkLog;

/**
 * Decides which error events are sent, as Python's {@code _should_sample_error}: by the options'
 * {@code errorSampler} when there is one, else by {@code sampleRate}. A sampler that throws or
 * returns a value outside 0–1 sends the event and is warned about once per client. Thread-safe.
 */
final class ErrorSampling {
  private static final SdkLog LOG = SdkLog.get("sentry.core.client");

  private final double rate;
  private final SentryOptions.ErrorSampler sampler;
  private final AtomicBoolean warned = new AtomicBoolean();
  private volatile DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

  ErrorSampling(SentryOptions options) {
    this.rate = options.getSampleRate();
    this.sampler = options.getErrorSampler();
  }

  /** Replaces the random source, for tests: values from 0 (inclusive) to 1 (exclusive). */
  void useRandom(DoubleSupplier source) {
    this.random = source;
  }

  /**
   * The cheap decision before anything runs, when only {@code sampleRate} decides.
   *
   * @return false when the event is sampled out by {@code sampleRate}
   */
  /** Tells whether a user's sampler will read the event (and its hint). */
  boolean hasSampler() {
    return sampler != null;
  }

  boolean keepEarly() {
    return sampler != null || rate >= 1.0 || random.getAsDouble() < rate;
  }

  /**
   * The sampler's decision, after {@code beforeSend}; true at once without a sampler.
   *
   * @param event the event as it would be sent
   * @param hint the capture's hint
   * @return false when the event is sampled out
   */
  boolean keepLate(SentryEvent event, Hint hint) {
    if (sampler == null) {
      return true;
    }
    double share;
    try {
      share = sampler.sample(event, hint);
    } catch (Throwable e) {
      // Whatever it throws, even an Error: the event is sent, as when no one decides.
      warnOnce("errorSampler threw; sending event {} (said once per client)", event.getEventId(), e);
      return true;
    }
    if (!(share >= 0.0 && share <= 1.0)) {
      warnOnce("errorSampler returned {}: expected a number from 0.0 to 1.0; sending event {} (said once per client)",
          share, event.getEventId());
      return true;
    }
    return share >= 1.0 || random.getAsDouble() < share;
  }

  private void warnOnce(String pattern, Object... args) {
    if (warned.compareAndSet(false, true)) {
      LOG.warn(pattern, args);
    }
  }
}
