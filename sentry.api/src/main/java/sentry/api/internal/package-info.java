/**
 * Helpers that several integrations share, and that are not API: nothing here is for
 * applications, and any of it may change or go in any release. {@code sentry.api} exports this
 * package only to the integration modules that use it, by name; on the class path nothing stops
 * other code from calling it, which does not make it supported.
 *
 * <p>Integrations depend on {@code sentry.api} only, never on each other; what two of them must do
 * alike (agree on which thread is {@code main}, print an uncaught exception as the JVM does, filter
 * secret-looking arguments) lives here once.
 */
package sentry.api.internal;
