package sentry.integration.awslambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.Mechanism;
import sentry.api.Request;
import sentry.api.SentryClient;
import sentry.api.SentryEvent;

/** One invocation of a wrapped handler: its scope, its report, its flush and its timeout warning. */
final class Invocation {
  /** The mechanism of what escapes a handler: {@code aws_lambda}, unhandled. */
  static final Mechanism MECHANISM = new Mechanism(AwsLambdaIntegration.IDENTIFIER, false);
  /** What the flush leaves of the invocation's remaining time, for the runtime to post the result. */
  static final long FLUSH_MARGIN_MILLIS = 250;

  private static final System.Logger LOG = System.getLogger("sentry.integration.awslambda");

  private Invocation() {}

  /** The handler's own work. */
  @FunctionalInterface
  interface Body<T, E extends Throwable> {
    T run() throws E;
  }

  static <T, E extends Throwable> T run(Object input, Context context, Body<T, E> body) throws E {
    Hub main = Hub.main();
    if (!main.client().isEnabled() || context == null) {
      return body.run();
    }
    Hub hub = main.copy();
    Future<?> warning = null;
    try {
      warning = prepare(hub, input, context);
    } catch (Throwable sdkFailure) {
      log("Sentry could not prepare the scope of a Lambda invocation", sdkFailure);
    }
    Hub.Binding bound = hub.bind();
    try {
      return body.run();
    } catch (Throwable failure) {
      report(hub, failure);
      throw failure;
    } finally {
      if (warning != null) {
        warning.cancel(false);
      }
      bound.close();
      flush(hub.client(), context);
    }
  }

  /** Fills the invocation's scope and schedules the timeout warning; returns the warning, or null. */
  private static Future<?> prepare(Hub hub, Object input, Context context) {
    long configured = context.getRemainingTimeInMillis();
    SentryClient client = hub.client();
    String region = LambdaContext.region(context);
    Request request = LambdaRequest.describe(input, context.getFunctionName(), client.options().isSendDefaultPii());
    String sentryTrace = LambdaRequest.header(input, "sentry-trace");
    String trace = sentryTrace != null ? sentryTrace : LambdaRequest.header(input, "traceparent");
    String baggage = LambdaRequest.header(input, "baggage");
    hub.configureScope(scope -> {
      // The caller's trace for an HTTP event that came with one; else a trace of its own.
      scope.continueTrace(trace, baggage);
      scope.clearBreadcrumbs();
      if (region != null) {
        scope.setTag("aws_region", region);
      }
      if (input instanceof List<?> batch && batch.size() > 1) {
        scope.setTag("batch_request", "true");
        scope.setTag("batch_size", Integer.toString(batch.size()));
      }
      scope.addEventProcessor(new LambdaContext(context, configured, Instant.now(), region, request));
    });
    boolean warn = client.integration(AwsLambdaIntegration.class)
        .map(AwsLambdaIntegration::isTimeoutWarning).orElse(false);
    if (!warn || configured <= AwsLambdaIntegration.WARNING_BUFFER_MILLIS) {
      return null;
    }
    return TimeoutWarnings.schedule(hub, context, configured, Thread.currentThread());
  }

  private static void report(Hub hub, Throwable failure) {
    try {
      SentryEvent event = SentryEvent.fromThrowable(failure, MECHANISM);
      event.setLevel(Level.ERROR);
      hub.captureEvent(event, Hint.of(Hint.THROWABLE, failure));
    } catch (Throwable sdkFailure) {
      log("Sentry could not report an exception that escaped a Lambda handler", sdkFailure);
    }
  }

  /**
   * Waits until the queue is empty, at most the shutdown timeout and never past the invocation's
   * remaining time less {@link #FLUSH_MARGIN_MILLIS}. Never throws.
   */
  static void flush(SentryClient client, Context context) {
    try {
      long budget = Math.min(client.options().getShutdownTimeoutMillis(),
          context.getRemainingTimeInMillis() - FLUSH_MARGIN_MILLIS);
      if (!client.flush(Duration.ofMillis(Math.max(0, budget))) && client.pendingEvents() > 0) {
        log("Sentry could not deliver every event within " + Math.max(0, budget) + " ms before the Lambda"
            + " invocation " + context.getAwsRequestId() + " returned", null);
      }
    } catch (Throwable sdkFailure) {
      log("Sentry failed to flush before a Lambda invocation returned", sdkFailure);
    }
  }

  static void log(String message, Throwable failure) {
    try {
      LOG.log(System.Logger.Level.WARNING, message, failure);
    } catch (Throwable ignored) {
      // The handler's own outcome still goes to the runtime.
    }
  }
}
