package sentry.integration.awslambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.Mechanism;
import sentry.api.SentryEvent;

/**
 * Sends the {@link ServerlessTimeoutWarning} of invocations that run close to their deadline, from
 * one daemon thread ({@code sentry-lambda-timeout}) made on first use and shared by every
 * invocation of the container. Cancelled warnings are removed at once.
 */
final class TimeoutWarnings {
  private static final Mechanism MECHANISM = new Mechanism(AwsLambdaIntegration.IDENTIFIER, true);

  private TimeoutWarnings() {}

  private static final class Holder {
    static final ScheduledThreadPoolExecutor TIMER = timer();

    private static ScheduledThreadPoolExecutor timer() {
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "sentry-lambda-timeout");
        thread.setDaemon(true);
        return thread;
      });
      timer.setRemoveOnCancelPolicy(true);
      return timer;
    }
  }

  /**
   * Schedules the warning of one invocation {@link AwsLambdaIntegration#WARNING_BUFFER_MILLIS}
   * before its deadline.
   *
   * @param hub the invocation's hub
   * @param context the invocation's context
   * @param configuredMillis the time the invocation had when it started
   * @param handler the thread that runs the handler, whose stack the warning shows
   * @return the scheduled warning; cancel it when the invocation ends
   */
  static Future<?> schedule(Hub hub, Context context, long configuredMillis, Thread handler) {
    long delay = configuredMillis - AwsLambdaIntegration.WARNING_BUFFER_MILLIS;
    // Whole seconds, rounded up, as the function's configuration shows it.
    long seconds = (configuredMillis + 999) / 1000;
    return Holder.TIMER.schedule(() -> warn(hub, context, seconds, handler), delay, TimeUnit.MILLISECONDS);
  }

  /** Returns how many warnings are scheduled and not yet sent or cancelled. */
  static int pending() {
    return Holder.TIMER.getQueue().size();
  }

  private static void warn(Hub hub, Context context, long seconds, Thread handler) {
    try {
      ServerlessTimeoutWarning warning = new ServerlessTimeoutWarning(seconds);
      warning.setStackTrace(handler.getStackTrace());
      SentryEvent event = SentryEvent.fromThrowable(warning, MECHANISM);
      event.setLevel(Level.WARNING);
      hub.captureEvent(event, Hint.of(Hint.THROWABLE, warning));
      // The platform ends the invocation at its deadline: deliver now, not when the handler returns.
      Invocation.flush(hub.client(), context);
    } catch (Throwable sdkFailure) {
      Invocation.log("Sentry could not send the timeout warning of a Lambda invocation", sdkFailure);
    }
  }
}
