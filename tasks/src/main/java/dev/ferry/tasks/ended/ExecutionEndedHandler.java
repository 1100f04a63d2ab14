package dev.ferry.tasks.ended;

import Ferry.InvalidInput;
import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contract.ExecutionStatusChange;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.Fields;
import dev.ferry.tasks.Json;
import dev.ferry.tasks.aws.AwsAdapters;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ferry-execution-ended}: the target of the EventBridge rule on "Step Functions Execution
 * Status Change" events of Ferry's machines with status {@code ABORTED}, {@code TIMED_OUT} or
 * {@code FAILED}. Reads the run's target from the execution input in the event (a Ferry document or
 * an EventBridge envelope around one) and records what the run could not ({@link AbandonedRun}).
 * Tables from {@code FERRY_PROGRESS_TABLE} and {@code FERRY_AUDIT_TABLE}.
 */
public final class ExecutionEndedHandler extends FerryHandler<ExecutionEndedHandler.Input, ExecutionEndedHandler.Output> {

  /** The event's {@code detail}, as Step Functions sends it. */
  public record Detail(String executionArn, String status, String input, String error, String cause) {}

  public record Input(Detail detail) {}

  public record Output(boolean recorded, String detail) {}

  private final AbandonedRun abandoned;
  private final Clock clock;

  /** On AWS: the SDK client and the tables from the environment. */
  public ExecutionEndedHandler() {
    this(AwsAdapters.dynamoDb(), AwsAdapters.progressTable(), auditTable(), Clock.systemUTC());
  }

  public ExecutionEndedHandler(DynamoDbClient dynamoDb, String progressTable, String auditTable, Clock clock) {
    this.abandoned = new AbandonedRun(dynamoDb, progressTable, auditTable);
    this.clock = clock;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    Detail detail = Fields.present(input.detail(), "detail");
    String arn = Fields.text(detail.executionArn(), "detail.executionArn");
    String status = Fields.text(detail.status(), "detail.status");
    if (!ExecutionStatusChange.UNRECORDED_STATUSES.contains(status)) {
      return new Output(false, "status " + status + " is recorded by the machine itself");
    }
    String target = target(Fields.text(detail.input(), "detail.input"));
    AbandonedRun.Outcome outcome = abandoned.record(target, arn, status, Optional.ofNullable(detail.error()),
        Optional.ofNullable(detail.cause()), clock.instant());
    return new Output(outcome.recorded(), outcome.detail());
  }

  /** The target of an execution input: a Ferry document, or an EventBridge envelope whose detail is one. */
  static String target(String executionInput) {
    JsonNode document;
    try {
      document = Json.mapper().readTree(executionInput);
    } catch (IOException e) {
      throw new InvalidInput("detail.input: not JSON: " + e.getMessage());
    }
    if (document.has("detail-type") && document.has("source")) {
      document = document.path("detail");
    }
    String target = document.path("target").asText("");
    if (target.isBlank()) {
      throw new InvalidInput("detail.input: the execution input names no target");
    }
    return target;
  }

  private static String auditTable() {
    String name = System.getenv("FERRY_AUDIT_TABLE");
    return name == null || name.isBlank() ? "FerryAudit" : name;
  }
}
