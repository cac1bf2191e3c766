package sentry.api.spi;

import java.util.function.Consumer;
import sentry.api.Hub;
import sentry.api.SentryOptions;

/**
 * The service that binds the API to an implementation. {@code sentry.api} loads the first
 * provider with {@link java.util.ServiceLoader}; {@code sentry.core} provides it. Exported only to
 * {@code sentry.core}: applications never call it.
 */
public interface SentryBinding {
  /**
   * Returns the calling thread's hub.
   *
   * @return the hub
   */
  Hub currentHub();

  /**
   * Returns the main hub.
   *
   * @return the main hub
   */
  Hub mainHub();

  /**
   * Loads options from files, the environment and system properties, hands them to the
   * callback, checks them and installs a new client, closing the previous one.
   *
   * @param configuration changes the loaded options
   * @throws IllegalArgumentException when an option is invalid, naming the option and the rule
   */
  void init(Consumer<SentryOptions> configuration);

  /** Flushes and closes the current client within its shutdown timeout; later calls do nothing. */
  void close();

  /**
   * Tells whether the calling thread is inside the SDK (capturing, or one of its own threads).
   *
   * @return true inside the SDK
   */
  boolean isInsideSdk();
}
