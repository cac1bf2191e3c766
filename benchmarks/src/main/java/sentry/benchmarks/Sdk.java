package sentry.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one adapter every benchmark runs an SDK through, so that both SDKs do the same work: the
 * same options, the same scope contents and the same calls. Each implementation calls its SDK's
 * static facade exactly as an application would.
 */
interface Sdk {
  /** The release both SDKs report. */
  String RELEASE = "bench@1.0.0";
  /** The environment both SDKs report. */
  String ENVIRONMENT = "bench";

  /**
   * Returns the SDK for a name.
   *
   * @param name {@code modular} (this project) or {@code official} ({@code io.sentry:sentry})
   * @return a new adapter
   */
  static Sdk named(String name) {
    switch (name) {
      case "modular":
        return new ModularSdk();
      case "official":
        return new OfficialSdk();
      default:
        throw new IllegalArgumentException("sdk \"" + name + "\": expected modular or official");
    }
  }

  /** Returns {@code modular} or {@code official}. */
  String name();

  /**
   * Initialises the SDK with the common settings.
   *
   * @param dsn where to send, or null for no DSN
   * @param maxQueueSize how many events may wait to be sent
   */
  void init(String dsn, int maxQueueSize);

  /**
   * Fills the calling thread's scope: {@code tags} tags and {@code breadcrumbs} breadcrumbs.
   *
   * @param tags how many tags
   * @param breadcrumbs how many breadcrumbs
   */
  default void fillScope(int tags, int breadcrumbs) {
    for (int i = 0; i < tags; i++) {
      setTag("tag" + i, "value " + i);
    }
    for (int i = 0; i < breadcrumbs; i++) {
      addBreadcrumb("breadcrumb " + i);
    }
  }

  /** Captures a throwable; returns the SDK's event id object. */
  Object captureException(Throwable throwable);

  /** Captures a message of level info; returns the SDK's event id object. */
  Object captureMessage(String message);

  /** Adds a breadcrumb with a message to the current scope. */
  void addBreadcrumb(String message);

  /** Sets a tag on the current scope. */
  void setTag(String key, String value);

  /** Runs {@code withScope} with a callback that sets one tag. */
  void withScopeSetTag(String key, String value);

  /** Waits until pending events are sent; returns true if they were in time. */
  boolean flush(Duration timeout);

  /** Closes the SDK, dropping what is still queued. */
  void close();

  /**
   * Returns the events the SDK itself counted as dropped since this adapter was made, by reason,
   * over every init and close.
   */
  Map<String, Long> drops();

  /** Returns the integrations the SDK installed, by name. */
  List<String> integrations();
}
