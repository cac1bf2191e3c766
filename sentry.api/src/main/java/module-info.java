/**
 * The public API of the Sentry SDK: the {@link sentry.api.Sentry} facade, hubs and scopes, the
 * event model, options, hints, event processors and the {@link sentry.api.Integration} SPI.
 *
 * <p>This module depends on {@code java.base} only at run time. Its nullness is stated with
 * JSpecify's annotations, needed at compile time only ({@code requires static}): every exported
 * package is {@code @NullMarked}, and {@code @Nullable} marks each place null is allowed. The
 * implementation is found at run time as a {@link sentry.api.spi.SentryBinding} service (the
 * {@code sentry.core} module provides one); with none present every call is a cheap, silent no-op
 * (a null where none is allowed still throws, as with the implementation; see {@link
 * sentry.api.Sentry}).
 *
 * @uses sentry.api.spi.SentryBinding
 */
module sentry.api {
  // Transitive: the annotations are on the API's types, so readers' compilers see them (when present).
  requires static transitive org.jspecify;

  exports sentry.api;
  exports sentry.api.transport;
  // Not API: what several integrations share, each named here; see the package's Javadoc.
  exports sentry.api.internal to
      sentry.integration.argv,
      sentry.integration.atexit,
      sentry.integration.awslambda,
      sentry.integration.excepthook,
      sentry.integration.httpserver,
      sentry.integration.servlet,
      sentry.integration.stdlib,
      sentry.integration.threading;
  exports sentry.api.spi to sentry.core;
  // Not API: what the SDK's two transports share; see the package's Javadoc.
  exports sentry.api.transport.internal to
      sentry.transport.httpcore,
      sentry.transport.jdk;

  uses sentry.api.spi.SentryBinding;
}
