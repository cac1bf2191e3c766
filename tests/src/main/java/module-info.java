/**
 * Scenario programs for the cross-module tests: each {@code main} uses the SDK the way an
 * application would, through {@code sentry.api} alone, and the tests launch it in a JVM of its own
 * with the built jars on the module path or the class path. The implementation ({@code
 * sentry.core}) is found as a service; nothing here names it.
 */
module sentry.tests.app {
  requires sentry.api;
}
