package dev.ferry.tasks.approval;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.contract.ProgressItem;
import dev.ferry.contract.ProgressItem.PendingApproval;
import dev.ferry.tasks.Executions;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * {@code ferry-approval-heartbeat}: sends {@code SendTaskHeartbeat} for every approval still
 * pending on the progress table (contract: {@link dev.ferry.contract.ApprovalHeartbeat}). Ferry holds
 * the token on the record {@code ferry approve} reads, so the record is what keeps the wait alive:
 * a callback whose record was lost (the row cleared or overwritten) is no longer heartbeaten and
 * its run fails with {@code States.HeartbeatTimeout} within the heartbeat. A token no task waits on
 * any more is reported and left as it is. It only reads the table.
 */
public final class ApprovalHeartbeatHandler
    extends FerryHandler<ApprovalHeartbeatHandler.Input, ApprovalHeartbeatHandler.Output> {

  /** The schedule's input; no field is needed. */
  public record Input() {}

  /**
   * @param heartbeaten the steps ({@code <target>/<step>}) whose task heard a heartbeat
   * @param gone the pending approvals no task waits on any more
   */
  public record Output(int pending, List<String> heartbeaten, List<String> gone) {}

  private final DynamoDbClient dynamoDb;
  private final String progressTable;
  private final Executions executions;

  /** On AWS: the SDK clients, and the progress table from {@code FERRY_PROGRESS_TABLE}. */
  public ApprovalHeartbeatHandler() {
    this(AwsAdapters.dynamoDb(), AwsAdapters.progressTable(), AwsAdapters.executions());
  }

  public ApprovalHeartbeatHandler(DynamoDbClient dynamoDb, String progressTable, Executions executions) {
    this.dynamoDb = dynamoDb;
    this.progressTable = progressTable;
    this.executions = executions;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    List<String> heartbeaten = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    int pending = 0;
    Map<String, AttributeValue> start = null;
    do {
      ScanRequest.Builder scan = ScanRequest.builder().tableName(progressTable)
          .filterExpression("attribute_exists(#p)")
          .projectionExpression("#t, #p")
          .expressionAttributeNames(Map.of("#p", ProgressItem.PENDING_APPROVAL, "#t", ProgressItem.TARGET));
      if (start != null) {
        scan.exclusiveStartKey(start);
      }
      ScanResponse page = dynamoDb.scan(scan.build());
      for (Map<String, AttributeValue> item : page.items()) {
        Map<String, AttributeValue> approval = item.get(ProgressItem.PENDING_APPROVAL).m();
        AttributeValue token = approval.get(PendingApproval.TOKEN);
        if (token == null || token.s() == null) {
          continue;
        }
        pending++;
        AttributeValue step = approval.get(PendingApproval.STEP);
        String name = item.get(ProgressItem.TARGET).s() + "/" + (step == null ? "?" : step.s());
        (executions.heartbeat(token.s()) ? heartbeaten : gone).add(name);
      }
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return new Output(pending, heartbeaten, gone);
  }
}
