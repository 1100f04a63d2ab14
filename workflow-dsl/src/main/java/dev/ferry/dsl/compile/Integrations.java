package dev.ferry.dsl.compile;

import dev.ferry.asl.JitterStrategy;
import dev.ferry.asl.Retrier;
import dev.ferry.dsl.tasks.FerryTasks;
import java.util.List;

/** The service integrations compiled machines call, and the Retry each gets. */
final class Integrations {
  static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
  static final String LAMBDA_CALLBACK = "arn:aws:states:::lambda:invoke.waitForTaskToken";
  static final String AWS_SDK = "arn:aws:states:::aws-sdk:";
  static final String DYNAMODB = "arn:aws:states:::dynamodb:";
  static final String TRANSACT = AWS_SDK + "dynamodb:transactWriteItems";
  static final String GET_ITEM = AWS_SDK + "dynamodb:getItem";
  /**
   * The error a request DynamoDB refuses as invalid (a key too long, say) ends these tasks with:
   * DynamoDB's ValidationException has no SDK model class, so Step Functions reports it as
   * {@code DynamoDb.DynamoDbException} (recorded against AWS), never {@code DynamoDb.ValidationException}.
   */
  static final String DYNAMODB_REQUEST_REFUSED = "DynamoDb.DynamoDbException";
  static final String APPROVAL_FUNCTION = FerryTasks.APPROVAL_REQUEST.name();

  private static final List<String> LAMBDA_SERVICE_ERRORS = List.of(
      "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
      "Lambda.TooManyRequestsException");
  private static final List<String> DYNAMODB_SDK_THROTTLING = List.of(
      "DynamoDb.ProvisionedThroughputExceededException", "DynamoDb.ThrottlingException",
      "DynamoDb.RequestLimitExceededException", "DynamoDb.InternalServerErrorException");
  private static final List<String> DYNAMODB_OPTIMIZED_THROTTLING = List.of(
      "DynamoDB.ProvisionedThroughputExceededException", "DynamoDB.ThrottlingException",
      "DynamoDB.RequestLimitExceeded", "DynamoDB.InternalServerErrorException");

  private Integrations() {}

  /** The integration a Task state's resource names. */
  static CallKind kindOf(String resource) {
    if (resource.equals(LAMBDA_CALLBACK)) {
      return CallKind.LAMBDA_CALLBACK;
    }
    if (resource.equals(LAMBDA_INVOKE)) {
      return CallKind.LAMBDA;
    }
    if (resource.startsWith(DYNAMODB)) {
      return CallKind.DYNAMODB;
    }
    return CallKind.AWS_SDK;
  }

  static Retrier dynamoRetry() {
    return Retrier.builder(DYNAMODB_SDK_THROTTLING).intervalSeconds(1).maxAttempts(5).backoffRate(2.0)
        .maxDelaySeconds(20).jitterStrategy(JitterStrategy.FULL).build();
  }

  static Retrier optimizedDynamoRetry() {
    return Retrier.builder(DYNAMODB_OPTIMIZED_THROTTLING).intervalSeconds(1).maxAttempts(5)
        .backoffRate(2.0).maxDelaySeconds(20).jitterStrategy(JitterStrategy.FULL).build();
  }

  /**
   * The retry of a step after the point of no return, after its service-error retries: any error,
   * a few times, because going forward is the only way left.
   */
  static Retrier forwardRetry() {
    return Retrier.builder("States.ALL").intervalSeconds(5).maxAttempts(3).backoffRate(2.0)
        .maxDelaySeconds(60).jitterStrategy(JitterStrategy.FULL).build();
  }

  static Retrier lambdaRetry() {
    return Retrier.builder(LAMBDA_SERVICE_ERRORS).intervalSeconds(2).maxAttempts(6).backoffRate(2.0)
        .maxDelaySeconds(60).jitterStrategy(JitterStrategy.FULL).build();
  }
}
