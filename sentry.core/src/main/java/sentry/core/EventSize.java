package sentry.core;

import java.util.Map;
import sentry.api.Breadcrumb;
import sentry.api.Message;
import sentry.api.SentryEvent;

/**
 * A rough estimate of what a captured event holds in memory until it is serialized, for the send
 * queue's byte bound: its strings (message, exception messages down the cause chain, tags, extras
 * that are text, breadcrumb messages) by length, and a fixed allowance for the rest. Runs on the
 * application thread: it reads no value through application code but {@link Throwable#getMessage()},
 * guarded, and never throws.
 */
final class EventSize {
  /** The envelope, the event's fixed fields and contexts. */
  private static final long BASE = 2_048;
  /** An exception's type and frames. */
  private static final long PER_THROWABLE = 4_096;
  /** A value that is not text. */
  private static final long PER_VALUE = 64;
  /** How far down a cause chain it looks. */
  private static final int MAX_CAUSES = 64;

  private EventSize() {}

  static long estimate(SentryEvent event) {
    try {
      long bytes = BASE + throwables(event.getThrowable()) + text(event.getTags()) + extras(event.getExtra());
      Message message = event.getMessage();
      if (message != null) {
        bytes += length(message.formatted()) + length(message.template());
      }
      for (Breadcrumb breadcrumb : event.getBreadcrumbs()) {
        bytes += breadcrumb(breadcrumb);
      }
      return bytes;
    } catch (RuntimeException e) {
      return BASE;
    }
  }

  /**
   * Estimates an event the SDK made itself ({@code captureException}, {@code captureMessage}) and
   * has not merged its scope into yet: its throwable and message, and what the scope holds, which
   * the scope keeps counted ({@link CoreScope#bytes}), so the capturing thread reads no tag or
   * breadcrumb. A scope's data is shared by the events that refer to it; counting it for each
   * errs on the safe side.
   */
  static long estimateUnmerged(SentryEvent event, long scopeBytes) {
    try {
      long bytes = BASE + throwables(event.getThrowable()) + scopeBytes;
      Message message = event.getMessage();
      if (message != null) {
        bytes += length(message.formatted()) + length(message.template());
      }
      return bytes;
    } catch (RuntimeException e) {
      return BASE + scopeBytes;
    }
  }

  /** What a scope's tags, extras and breadcrumbs hold, roughly. */
  static long scope(Map<String, String> tags, Map<String, Object> extra, Breadcrumbs breadcrumbs) {
    try {
      return text(tags) + extras(extra) + breadcrumbs.bytes();
    } catch (RuntimeException e) {
      return BASE;
    }
  }

  /** What one breadcrumb holds, roughly. */
  static long breadcrumb(Breadcrumb breadcrumb) {
    return PER_VALUE + length(breadcrumb.getMessage()) + (breadcrumb.hasData() ? breadcrumb.getData().size() * PER_VALUE : 0);
  }

  private static long throwables(Throwable throwable) {
    long bytes = 0;
    Throwable current = throwable;
    for (int i = 0; current != null && i < MAX_CAUSES; i++) {
      bytes += PER_THROWABLE;
      try {
        bytes += length(current.getMessage());
        current = current.getCause();
      } catch (Throwable e) {
        // Application code: whatever it throws, the estimate stops here.
        break;
      }
    }
    return bytes;
  }

  private static long text(Map<String, String> values) {
    long bytes = 0;
    for (Map.Entry<String, String> entry : values.entrySet()) {
      bytes += length(entry.getKey()) + length(entry.getValue());
    }
    return bytes;
  }

  private static long extras(Map<String, Object> values) {
    long bytes = 0;
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      bytes += length(entry.getKey()) + (entry.getValue() instanceof CharSequence text ? text.length() : PER_VALUE);
    }
    return bytes;
  }

  private static long length(String text) {
    return text == null ? 0 : text.length();
  }
}
