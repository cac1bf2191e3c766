package sentry.integration.awslambda;

import sentry.api.Integration;
import sentry.api.IntegrationContext;

/**
 * The options of the {@code aws_lambda} integration (Python's {@code AwsLambdaIntegration}). The
 * work happens in the handlers that {@link SentryLambda} wraps; this integration only carries the
 * options they read from the current client.
 *
 * <p><b>{@code timeoutWarning}</b> (off by default): when an invocation starts with more than
 * {@value #WARNING_BUFFER_MILLIS} ms left, a {@link ServerlessTimeoutWarning} event ({@code "WARNING
 * : Function is expected to get timed out. Configured timeout duration = N seconds."}, with the
 * handler thread's stack at that moment) is sent {@value #WARNING_BUFFER_MILLIS} ms before the
 * deadline, and flushed at once, since the platform ends the invocation at the deadline. It is
 * cancelled when the invocation ends first.
 *
 * <pre>{@code
 * options.addIntegration(new AwsLambdaIntegration().withTimeoutWarning(true));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AwsLambdaIntegration implements Integration {
  /** The identifier, {@code "aws_lambda"}. */
  public static final String IDENTIFIER = "aws_lambda";
  /** How long before the deadline the timeout warning is sent, in milliseconds. */
  public static final long WARNING_BUFFER_MILLIS = 1500;

  private final boolean timeoutWarning;

  /** Makes the integration with the timeout warning off; the service loader calls this. */
  public AwsLambdaIntegration() {
    this(false);
  }

  private AwsLambdaIntegration(boolean timeoutWarning) {
    this.timeoutWarning = timeoutWarning;
  }

  /**
   * Returns an integration with the timeout warning on or off.
   *
   * @param timeoutWarning true to warn shortly before an invocation's deadline
   * @return a new integration; this one is unchanged
   */
  public AwsLambdaIntegration withTimeoutWarning(boolean timeoutWarning) {
    return new AwsLambdaIntegration(timeoutWarning);
  }

  /**
   * Tells whether the timeout warning is on.
   *
   * @return the {@code timeoutWarning} option; false by default
   */
  public boolean isTimeoutWarning() {
    return timeoutWarning;
  }

  /**
   * Returns the identifier.
   *
   * @return {@value #IDENTIFIER}
   */
  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  /**
   * Registers nothing: the wrapped handlers read the options.
   *
   * @param context what the client offers its integrations
   */
  @Override
  public void register(IntegrationContext context) {}

  @Override
  public String toString() {
    return "AwsLambdaIntegration[timeoutWarning=" + timeoutWarning + "]";
  }
}
