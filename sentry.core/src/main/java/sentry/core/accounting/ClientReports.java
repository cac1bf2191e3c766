package sentry.core.accounting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import sentry.core.log.SdkLog;

/**
 * Turns the drop counts into client reports. A {@link Batch} takes every waiting count out of the
 * {@link DropRecorder} at once; its envelope then delivers it (the counts are reported), is refused
 * for good (they are filed as refused, never sent again: a report Sentry refuses would be refused
 * each time, and could take every envelope it rides on down with it), or fails otherwise (network
 * error, 5xx, 429, the close deadline), and the counts are put back for the next envelope. A client
 * report is itself never counted as a drop: that would loop.
 *
 * <p>No batch is taken while Sentry rate-limits the {@code internal} category; the counts wait.
 * Thread-safe.
 */
public final class ClientReports {
  private static final SdkLog LOG = SdkLog.get("sentry.core.transport.Dispatcher");
  /** The rate-limit data category of client reports. */
  public static final String CATEGORY = "internal";

  private final DropRecorder drops;
  private final ClientReportWriter writer;
  private final RateLimiter limits;
  private final Clock clock;
  private volatile boolean refusalWarned;
  private volatile long lastTakenMillis;

  /**
   * Makes the reports.
   *
   * @param drops where the counts are
   * @param writer writes report envelopes, or null to send no reports
   * @param limits tells whether {@code internal} is rate-limited
   * @param clock tells when a batch was taken last
   */
  public ClientReports(DropRecorder drops, ClientReportWriter writer, RateLimiter limits, Clock clock) {
    this.drops = drops;
    this.writer = writer;
    this.limits = limits;
    this.clock = clock;
    this.lastTakenMillis = clock.millis();
  }

  /**
   * Tells whether client reports are on.
   *
   * @return true when a writer was given
   */
  public boolean enabled() {
    return writer != null;
  }

  /**
   * Tells when a batch was last taken (or the reports made).
   *
   * @return the clock's milliseconds
   */
  public long lastTakenMillis() {
    return lastTakenMillis;
  }

  /** Counts taken out for one envelope, and the report that carries them. */
  public static final class Batch {
    private final Map<String, Long> counts;
    private final byte[] envelope;
    private final int itemStart;

    private Batch(Map<String, Long> counts, byte[] envelope, int itemStart) {
      this.counts = counts;
      this.envelope = envelope;
      this.itemStart = itemStart;
    }

    Map<String, Long> counts() {
      return counts;
    }

    /**
     * Returns the report as an envelope of its own.
     *
     * @return the uncompressed envelope
     */
    public byte[] envelope() {
      return envelope;
    }

    /**
     * Returns the report's item alone (its header line, payload and newline), to attach to another
     * envelope.
     *
     * @return a copy of the item's bytes
     */
    public byte[] item() {
      return Arrays.copyOfRange(envelope, itemStart, envelope.length);
    }
  }

  /**
   * Tells whether a report could be sent now: reports are on, counts wait, no rate limit.
   *
   * @return true if a report could be sent
   */
  public boolean waiting() {
    return writer != null && drops.hasUnreported() && !limits.isLimited(CATEGORY);
  }

  /**
   * Takes every waiting count out into a report.
   *
   * @return the batch, or null when reports are off, rate-limited or nothing waits
   */
  public Batch take() {
    if (writer == null || limits.isLimited(CATEGORY)) {
      return null;
    }
    Map<String, Long> counts = drops.takeUnreported();
    if (counts.isEmpty()) {
      return null;
    }
    lastTakenMillis = clock.millis();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      if (!writer.write(out, counts)) {
        drops.putBack(counts);
        return null;
      }
      byte[] envelope = out.toByteArray();
      int newline = 0;
      while (newline < envelope.length && envelope[newline] != '\n') {
        newline++;
      }
      return new Batch(counts, envelope, Math.min(envelope.length, newline + 1));
    } catch (IOException | RuntimeException e) {
      drops.putBack(counts);
      LOG.warn("Could not write a client report: {}", e, e);
      return null;
    }
  }

  /**
   * Sentry took the envelope that carried the batch.
   *
   * @param batch the batch; null does nothing
   */
  public void delivered(Batch batch) {
    if (batch != null) {
      drops.markReported(batch.counts());
    }
  }

  /**
   * Sentry refused the envelope that carried the batch for good (a 4xx other than 429).
   *
   * @param batch the batch; null does nothing
   * @param status the HTTP status, for the warning
   */
  public void refused(Batch batch, int status) {
    if (batch == null) {
      return;
    }
    drops.markRefused(batch.counts());
    if (!refusalWarned) {
      refusalWarned = true;
      LOG.warn("Sentry refused an envelope carrying a client report with HTTP {}; its counts are not sent again",
          status);
    }
  }

  /**
   * The envelope that carried the batch did not reach Sentry, or Sentry asked to send it later.
   *
   * @param batch the batch; null does nothing
   */
  public void putBack(Batch batch) {
    if (batch != null) {
      drops.putBack(batch.counts());
    }
  }
}
