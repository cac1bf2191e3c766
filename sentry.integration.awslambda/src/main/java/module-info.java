/**
 * The {@code aws_lambda} integration: {@link sentry.integration.awslambda.SentryLambda#wrap(
 * com.amazonaws.services.lambda.runtime.RequestHandler) SentryLambda.wrap} runs each invocation of
 * a Lambda handler with a fresh scope carrying the function's context ({@code contexts.aws_lambda},
 * the {@code aws_region} tag, the CloudWatch logs link and, for API Gateway and function URL
 * events, the request), reports what escapes the handler, and returns only once the events are
 * delivered, within the invocation's remaining time. With {@code timeoutWarning} it also warns
 * shortly before the invocation's deadline.
 *
 * <p>Put this module on the path and {@code Sentry.init} installs the integration (identifier
 * {@code aws_lambda}); construct {@link sentry.integration.awslambda.AwsLambdaIntegration}
 * yourself to turn the timeout warning on. The wrappers work without it, with the warning off.
 *
 * @provides sentry.api.Integration the {@code aws_lambda} integration
 */
module sentry.integration.awslambda {
  // An automatic module named after its jar (aws-lambda-java-core has no module-info and no
  // Automatic-Module-Name). Transitive: RequestHandler and Context show in the wrappers' API.
  requires transitive aws.lambda.java.core;
  // Transitive: the exported integration implements sentry.api.Integration.
  requires transitive sentry.api;

  exports sentry.integration.awslambda;

  provides sentry.api.Integration with
      sentry.integration.awslambda.AwsLambdaIntegration;
}
