/**
 * Wraps a function of a serverless platform, or any unit of work that the platform may freeze or
 * end right after it returns: {@link sentry.integration.serverless.SentryServerless#wrap(Runnable)
 * SentryServerless.wrap} runs each call with a fresh copy of the main hub, reports what escapes it
 * (mechanism {@code serverless}, {@code handled: false}) and rethrows it unchanged, and does not
 * return before the events are delivered (the Python SDK's {@code serverless_function}).
 *
 * <p>It provides no integration: there is nothing to install, and nothing to configure besides the
 * SDK's {@code shutdownTimeout}, which bounds the wait. Call {@code Sentry.init} once (per
 * container), then wrap.
 */
module sentry.integration.serverless {
  // Not transitive: the exported wrappers show only java.util.function and java.util.concurrent.
  requires sentry.api;

  exports sentry.integration.serverless;
}
