package sentry.integration.awslambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import sentry.api.Sentry;
import sentry.api.SentryOptions;

/**
 * Wraps AWS Lambda handlers (Python's {@code AwsLambdaIntegration}). One line in the handler class,
 * and {@code init} once per container, in a static initializer, not per invocation:
 *
 * <pre>{@code
 * public final class Handler implements RequestHandler<Map<String, Object>, String> {
 *   static {
 *     SentryLambda.init(options -> options.setDsn(System.getenv("SENTRY_DSN")));
 *   }
 *   private final RequestHandler<Map<String, Object>, String> handler = SentryLambda.wrap(this::handle);
 *
 *   public String handleRequest(Map<String, Object> event, Context context) {
 *     return handler.handleRequest(event, context);
 *   }
 * }
 * }</pre>
 *
 * <p>Each invocation of a wrapped handler:
 *
 * <ul>
 *   <li>runs with a fresh copy of the main hub, without breadcrumbs, bound to the handler thread:
 *       nothing of one invocation reaches the next one of the same container;
 *   <li>tags its events {@code aws_region} (and {@code batch_request}, {@code batch_size} for a
 *       batch) and adds {@code contexts.aws_lambda} ({@code aws_request_id}, {@code
 *       function_name}, {@code function_version}, {@code invoked_function_arn}, {@code
 *       remaining_time_in_millis}, {@code execution_duration_in_millis}, read when the event is
 *       captured) and {@code extra["cloudwatch logs"]} ({@code url} of the CloudWatch console for
 *       the log group and stream, in the function's region, from a second before the invocation;
 *       {@code log_group}; {@code log_stream});
 *   <li>for an API Gateway or function URL event received as a {@code Map}, adds the event's
 *       {@code request} ({@code method}, {@code url}, {@code query_string}, {@code headers}),
 *       secret-looking headers and query values {@code [Filtered]} and no body unless {@code
 *       sendDefaultPii}, and continues the trace of its {@code sentry-trace} (else {@code
 *       traceparent}) and {@code baggage} headers; any other invocation is a trace of its own. A
 *       stream handler's input is bytes: it gets no request;
 *   <li>reports what escapes the handler (mechanism {@code aws_lambda}, {@code handled: false},
 *       level error) and rethrows it unchanged;
 *   <li>returns (or throws) only once the queue is flushed, waiting at most the SDK's {@code
 *       shutdownTimeout} and never past the invocation's remaining time less {@value
 *       Invocation#FLUSH_MARGIN_MILLIS} ms: the platform freezes the container right after;
 *   <li>with {@link AwsLambdaIntegration#withTimeoutWarning timeoutWarning}, warns before the
 *       deadline (see {@link AwsLambdaIntegration}).
 * </ul>
 *
 * <p>When the SDK is disabled, the handler runs as it is. A failure of the SDK is logged ({@code
 * System.Logger} {@code sentry.integration.awslambda}) and never changes the handler's outcome.
 * Wrapped handlers are thread-safe when the handler is. Null arguments throw {@link
 * NullPointerException}.
 */
public final class SentryLambda {
  private static final AtomicBoolean INITIALISED = new AtomicBoolean();

  private SentryLambda() {}

  /**
   * Initialises the SDK the first time it is called in this class loader (the container); later
   * calls, from a warm container's next handler instance, do nothing. Failed initialisation is not
   * remembered: the next call tries again.
   *
   * @param configuration changes the options loaded from the environment, as for {@link
   *     Sentry#init(Consumer)}
   * @return true when this call initialised the SDK
   * @throws IllegalArgumentException when an option is invalid
   */
  public static boolean init(Consumer<SentryOptions> configuration) {
    Objects.requireNonNull(configuration, "configuration");
    if (!INITIALISED.compareAndSet(false, true)) {
      return false;
    }
    try {
      Sentry.init(configuration);
      return true;
    } catch (RuntimeException | Error e) {
      INITIALISED.set(false);
      throw e;
    }
  }

  /**
   * Wraps a handler of typed input and output.
   *
   * @param handler the handler
   * @param <I> the input type; a {@code Map} gets request data from HTTP events
   * @param <O> the output type
   * @return a handler that runs it as the class describes
   */
  public static <I, O> RequestHandler<I, O> wrap(RequestHandler<I, O> handler) {
    Objects.requireNonNull(handler, "handler");
    return (input, context) -> Invocation.run(input, context, () -> handler.handleRequest(input, context));
  }

  /**
   * Wraps a stream handler; its {@code IOException} is reported and rethrown unchanged.
   *
   * @param handler the handler
   * @return a handler that runs it as the class describes
   */
  public static RequestStreamHandler wrap(RequestStreamHandler handler) {
    Objects.requireNonNull(handler, "handler");
    return (input, output, context) -> Invocation.run(null, context, () -> {
      handler.handleRequest(input, output, context);
      return null;
    });
  }
}
