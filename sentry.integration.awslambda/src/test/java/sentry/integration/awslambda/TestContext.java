package sentry.integration.awslambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;

/**
 * A Lambda context on the real clock: its remaining time runs down from the timeout it was made
 * with, as the runtime's does. The runtime interface client would need the Lambda Runtime API and
 * its native library; the wrappers read only this interface, so this is the part that matters.
 */
final class TestContext implements Context {
  static final String ARN = "arn:aws:lambda:eu-central-1:123456789012:function:orders";

  private final String requestId;
  private final long deadlineNanos;

  TestContext(String requestId, Duration timeout) {
    this.requestId = requestId;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/orders";
  }

  @Override
  public String getLogStreamName() {
    return "2026/12/06/[$LATEST]0123456789abcdef";
  }

  @Override
  public String getFunctionName() {
    return "orders";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return ARN;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {}

      @Override
      public void log(byte[] message) {}
    };
  }
}
