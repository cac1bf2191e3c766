package sentry.api;

/**
 * An integration: something that hooks the SDK into the JVM or a library (uncaught exceptions,
 * logging, HTTP clients). Integration modules {@code provide} this service; {@code Sentry.init}
 * finds them with {@link java.util.ServiceLoader} unless default integrations are turned off.
 *
 * <p>Integrations are keyed by {@link #identifier()}: an instance passed to
 * {@link SentryOptions#addIntegration(Integration)} replaces the discovered one with the same
 * identifier. Process-wide hooks go into {@link #setupOnce()}, which runs once per identifier per
 * process however often the SDK is initialised; such a hook must pass straight through when the
 * current client does not have the integration ({@link SentryClient#integration(Class)}).
 */
public interface Integration {
  /**
   * Returns the integration's identifier, such as {@code "excepthook"}.
   *
   * @return the identifier, stable across versions
   */
  String identifier();

  /**
   * Installs process-wide hooks. Runs once per identifier per process, before the first
   * {@link #register(IntegrationContext)}. The default does nothing.
   */
  default void setupOnce() {}

  /**
   * Registers the integration with a new client: event processors, options it reads.
   *
   * @param context what the client offers its integrations
   */
  void register(IntegrationContext context);
}
