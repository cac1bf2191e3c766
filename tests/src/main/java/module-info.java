/**
 * Scenario programs for the cross-module tests: each {@code main} uses the SDK the way an
 * application would, through {@code sentry.api} alone, and the tests launch it in a JVM of its own
 * with the built jars on the module path or the class path. The implementation ({@code
 * sentry.core}) is found as a service; nothing here names it.
 *
 * <p>The default integrations are found as services too. A few scenarios construct one themselves
 * (to pass options, or to install it with default integrations off); they need that module only
 * when they do, so it is {@code requires static}, and a JVM without it still starts.
 */
module sentry.tests.app {
  requires java.logging;
  requires sentry.api;
  requires static sentry.integration.atexit;
  requires static sentry.integration.dedupe;
  requires static sentry.integration.excepthook;
  requires static sentry.integration.modules;
}
