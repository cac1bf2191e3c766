package sentry.integration.awslambda;

/**
 * What the timeout warning reports: an invocation is about to reach its deadline. Never thrown
 * into the application; it only describes the event, and carries the stack of the handler thread
 * at the time of the warning, so the event shows where the function was waiting.
 */
public final class ServerlessTimeoutWarning extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Makes the warning.
   *
   * @param configuredTimeoutSeconds the invocation's timeout, in whole seconds (rounded up)
   */
  public ServerlessTimeoutWarning(long configuredTimeoutSeconds) {
    super("WARNING : Function is expected to get timed out. Configured timeout duration = "
        + configuredTimeoutSeconds + " seconds.");
  }
}
