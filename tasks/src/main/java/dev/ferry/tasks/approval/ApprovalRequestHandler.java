package dev.ferry.tasks.approval;

import dev.ferry.contract.ProgressItem;
import dev.ferry.contract.ProgressItem.PendingApproval;
import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.Fields;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@code ferry-approval-request}, invoked with {@code lambda:invoke.waitForTaskToken}: stores the
 * pending approval ({@code token, step, requestedAt, message}) on the target's progress item, where
 * {@code ferry approve} / {@code ferry reject} find it. The machine then waits for their callback.
 * Repeating the call with the same token leaves the stored request (and its {@code requestedAt})
 * as it was. The progress table is {@code FERRY_PROGRESS_TABLE} on AWS (default {@code FerryProgress}).
 */
public final class ApprovalRequestHandler
    extends FerryHandler<ApprovalRequestHandler.Input, ApprovalRequestHandler.Output> {

  public record Input(String taskToken, String target, String step, String executionName, String message) {}

  public record Output(boolean pending, String step) {}

  private final DynamoDbClient dynamoDb;
  private final String progressTable;
  private final Clock clock;

  /** On AWS: the SDK client, and the progress table from {@code FERRY_PROGRESS_TABLE}. */
  public ApprovalRequestHandler() {
    this(AwsAdapters.dynamoDb(), AwsAdapters.progressTable(), Clock.systemUTC());
  }

  public ApprovalRequestHandler(DynamoDbClient dynamoDb, String progressTable, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.progressTable = progressTable;
    this.clock = clock;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    String token = Fields.text(input.taskToken(), "taskToken");
    String target = Fields.text(input.target(), "target");
    String step = Fields.text(input.step(), "step");
    Fields.text(input.executionName(), "executionName");
    Map<String, AttributeValue> pending = Map.of(
        PendingApproval.TOKEN, AttributeValue.fromS(token),
        PendingApproval.STEP, AttributeValue.fromS(step),
        PendingApproval.EXECUTION, AttributeValue.fromS(input.executionName()),
        PendingApproval.REQUESTED_AT, AttributeValue.fromS(clock.instant().toString()),
        PendingApproval.MESSAGE, AttributeValue.fromS(input.message() == null ? "" : input.message()));
    try {
      dynamoDb.updateItem(r -> r.tableName(progressTable).key(Map.of(ProgressItem.TARGET, AttributeValue.fromS(target)))
          .updateExpression("SET #p = :p")
          .conditionExpression("attribute_not_exists(#p) OR #p.#t <> :token")
          .expressionAttributeNames(Map.of("#p", ProgressItem.PENDING_APPROVAL, "#t", PendingApproval.TOKEN))
          .expressionAttributeValues(Map.of(":p", AttributeValue.fromM(pending), ":token", AttributeValue.fromS(token))));
    } catch (ConditionalCheckFailedException alreadyStored) {
      // The same request was stored by an earlier call.
    }
    return new Output(true, step);
  }
}
