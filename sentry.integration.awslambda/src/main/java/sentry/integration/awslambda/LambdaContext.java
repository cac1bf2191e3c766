package sentry.integration.awslambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import sentry.api.EventProcessor;
import sentry.api.Hint;
import sentry.api.Request;
import sentry.api.SentryEvent;

/**
 * Adds one invocation's data to each event its scope captures: {@code contexts.aws_lambda}, {@code
 * extra["cloudwatch logs"]} and, for HTTP events, the {@code request}. The remaining time and
 * the log link's end are read when the event is captured. Values the event already has win.
 *
 * @param context the invocation's context
 * @param configuredMillis the time the invocation had left when it started
 * @param start when it started
 * @param region the function's region, or null
 * @param request the request, or null
 */
record LambdaContext(Context context, long configuredMillis, Instant start, String region,
    Request request) implements EventProcessor {
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Override
  public SentryEvent process(SentryEvent event, Hint hint) {
    long remaining = context.getRemainingTimeInMillis();
    Map<String, Object> lambda = new LinkedHashMap<>();
    lambda.put("aws_request_id", context.getAwsRequestId());
    lambda.put("function_name", context.getFunctionName());
    lambda.put("function_version", context.getFunctionVersion());
    lambda.put("invoked_function_arn", context.getInvokedFunctionArn());
    lambda.put("remaining_time_in_millis", remaining);
    lambda.put("execution_duration_in_millis", configuredMillis - remaining);
    lambda.values().removeIf(value -> value == null);
    event.getContexts().putIfAbsent("aws_lambda", lambda);
    Map<String, Object> logs = new LinkedHashMap<>();
    logs.put("url", logsUrl(Instant.now()));
    logs.put("log_group", context.getLogGroupName());
    logs.put("log_stream", context.getLogStreamName());
    logs.values().removeIf(value -> value == null);
    event.getExtra().putIfAbsent("cloudwatch logs", logs);
    if (request != null && event.getRequest() == null) {
      event.setRequest(request);
    }
    return event;
  }

  /** The CloudWatch console's view of the function's log stream, from a second before the start. */
  String logsUrl(Instant now) {
    String where = region == null ? "" : region;
    String domain = where.startsWith("cn-") ? "amazonaws.cn" : "aws.amazon.com";
    return "https://console." + domain + "/cloudwatch/home?region=" + where
        + "#logEventViewer:group=" + context.getLogGroupName() + ";stream=" + context.getLogStreamName()
        + ";start=" + LOG_TIME.format(start.minusSeconds(1).truncatedTo(ChronoUnit.SECONDS))
        + ";end=" + LOG_TIME.format(now.plusSeconds(2).truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Returns the function's region: {@code AWS_REGION}, which the runtime sets, else the fourth part
   * of the function's ARN ({@code arn:aws:lambda:<region>:...}).
   *
   * @return the region, or null when neither says
   */
  static String region(Context context) {
    String fromEnvironment = System.getenv("AWS_REGION");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    String arn = context.getInvokedFunctionArn();
    String[] parts = arn == null ? new String[0] : arn.split(":");
    return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null;
  }
}
