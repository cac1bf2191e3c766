/**
 * The {@code threading} integration: an exception that escapes any thread other than {@code main}
 * becomes an event, then the JVM prints it as usual; a new thread starts with a copy of its
 * creator's hub ({@code propagateHub}, on by default); and {@link sentry.integration.threading.SentryExecutors} wraps
 * executors and tasks so that a task runs with its submitter's hub, and marks tasks as the jobs of
 * cron monitors ({@code SentryExecutors.monitor}), which send check-ins around each run.
 *
 * <p>Put this module on the module path (or its jar on the class path) and {@code Sentry.init}
 * installs it; construct {@link sentry.integration.threading.ThreadingIntegration} yourself to
 * change its options. The {@code excepthook} integration reports the main thread; the two never
 * report one crash twice.
 *
 * @provides sentry.api.Integration the {@code threading} integration
 */
module sentry.integration.threading {
  // Transitive: the exported integration implements sentry.api.Integration.
  requires transitive sentry.api;

  exports sentry.integration.threading;

  provides sentry.api.Integration with
      sentry.integration.threading.ThreadingIntegration;
}
