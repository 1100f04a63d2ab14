package dev.ferry.deploy;

import dev.ferry.contract.AuditItem;
import dev.ferry.contract.Phase;
import dev.ferry.contract.Status;
import dev.ferry.contract.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Reads and operator-side writes of the progress and audit tables. Both targets use this class:
 * on AWS the client talks to DynamoDB, locally to DynamoDB Local.
 */
public final class ProgressStore {

  static final String ROLLBACK_FAILED = Status.ROLLBACK_FAILED.name();

  private final DynamoDbClient dynamoDb;
  private final TableNames tables;

  public ProgressStore(DynamoDbClient dynamoDb, TableNames tables) {
    this.dynamoDb = dynamoDb;
    this.tables = tables;
  }

  public Optional<Progress> progress(String target) {
    InputDocument.requireTarget(target);
    Map<String, AttributeValue> item = onTable(tables.progress(), () -> dynamoDb.getItem(r -> r
        .tableName(tables.progress())
        .key(Map.of("target", AttributeValue.fromS(target)))
        .consistentRead(true)).item());
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Progress.fromItem(item));
  }

  public Progress requireProgress(String target) {
    return progress(target).orElseThrow(() -> FerryException.badInput(
        "target '" + target + "' has no row in " + tables.progress() + ": no migration has run for it",
        "check the target name (ferry audit lists what ran), or start a run with ferry start"));
  }

  /** The target's audit rows in the order they happened, optionally of one execution only. */
  public List<AuditRow> audit(String target, Optional<String> executionName) {
    InputDocument.requireTarget(target);
    QueryRequest.Builder query = QueryRequest.builder()
        .tableName(tables.audit())
        .consistentRead(true)
        .expressionAttributeNames(Map.of("#t", "target"));
    if (executionName.isPresent()) {
      query.keyConditionExpression("#t = :t AND begins_with(entry, :e)")
          .expressionAttributeValues(Map.of(
              ":t", AttributeValue.fromS(target), ":e", AttributeValue.fromS(executionName.get() + "#")));
    } else {
      query.keyConditionExpression("#t = :t")
          .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(target)));
    }
    List<AuditRow> rows = new ArrayList<>();
    onTable(tables.audit(), () -> {
      dynamoDb.queryPaginator(query.build()).items().forEach(i -> rows.add(AuditRow.fromItem(i)));
      return null;
    });
    rows.sort(Comparator.comparing(AuditRow::at).thenComparingInt(ProgressStore::rank).thenComparing(AuditRow::entry));
    return List.copyOf(rows);
  }

  /**
   * The order of rows written at the same instant (one transaction, or a virtual clock that stood
   * still): the run's start, the steps forwards, their compensations backwards, the run's end.
   */
  private static int rank(AuditRow row) {
    String[] parts = row.entry().split("#");
    int index = parts.length > 1 && parts[1].chars().allMatch(Character::isDigit) && !parts[1].isEmpty()
        ? Integer.parseInt(parts[1]) : 0;
    return Phase.parse(row.phase()).map(phase -> switch (phase) {
      case STARTED -> index == 0 ? 0 : 10 + index * 4;
      case SUCCEEDED, FAILED -> index == 0 ? 30_000 : 11 + index * 4;
      case COMPENSATING -> 20_000 - index * 4;
      case COMPENSATED, COMPENSATION_FAILED -> 20_001 - index * 4;
      case UNLOCKED -> 40_000;
    }).orElse(40_000);
  }

  /** The approval the target is waiting for, or a clear error when there is none. */
  public Progress.PendingApproval pendingApproval(String target) {
    return requireProgress(target).pendingApproval().orElseThrow(() -> FerryException.badInput(
        "target '" + target + "' has no approval waiting",
        "run ferry status " + target + " to see which step it is on"));
  }

  /** Removes the pending approval, only if it is still the one that was answered. */
  public void clearApproval(String target, String token) {
    try {
      dynamoDb.updateItem(r -> r
          .tableName(tables.progress())
          .key(Map.of("target", AttributeValue.fromS(target)))
          .updateExpression("REMOVE pendingApproval")
          .conditionExpression("pendingApproval.#token = :token")
          .expressionAttributeNames(Map.of("#token", "token"))
          .expressionAttributeValues(Map.of(":token", AttributeValue.fromS(token))));
    } catch (ConditionalCheckFailedException e) {
      // A newer approval replaced it, or the handler already cleared it: nothing of ours to remove.
    }
  }

  /** Whether an execution still runs, asked of the target that runs it. */
  @FunctionalInterface
  public interface ExecutionLiveness {
    boolean isRunning(String executionId);
  }

  /** What {@link #unlock} removed. */
  public record Unlocked(String target, String holder, String previousStatus, AuditRow auditRow) {}

  /**
   * Clears a kept lock: allowed when the run ended in {@code ROLLBACK_FAILED} or its holder no
   * longer runs. The lock removal and the audit row naming who and why are one transaction,
   * conditional on the item not having changed since it was read.
   */
  public Unlocked unlock(String target, String by, String reason, ExecutionLiveness liveness, Instant now) {
    if (reason == null || reason.isBlank()) {
      throw FerryException.badInput("--reason is empty", "say why the lock may be cleared, e.g. --reason 'restored by hand, INC-42'");
    }
    Progress progress = requireProgress(target);
    String holder = progress.lockHolder().orElseThrow(() -> FerryException.badInput(
        "target '" + target + "' is not locked (status " + progress.status() + ")", "nothing to unlock"));
    if (!ROLLBACK_FAILED.equals(progress.status()) && liveness.isRunning(holder)) {
      throw FerryException.badInput(
          "target '" + target + "' is locked by " + holder + ", which is still running (status " + progress.status() + ")",
          "wait for it to end, or stop it first (aws stepfunctions stop-execution), then unlock");
    }
    String at = now.toString();
    String holderName = holder.substring(holder.lastIndexOf(':') + 1);
    AuditRow row = new AuditRow(target, AuditItem.entry(holderName, AuditItem.RUN_INDEX, "unlock", Phase.UNLOCKED) + "#" + at,
        holder, progress.migration(), "unlock", Trigger.OPERATOR.word(), Phase.UNLOCKED.name(), at, by, Trigger.OPERATOR.word(),
        "", "lock cleared from status " + progress.status() + ": " + reason);
    Update release = Update.builder()
        .tableName(tables.progress())
        .key(Map.of("target", AttributeValue.fromS(target)))
        .updateExpression("REMOVE lockHolder SET updatedAt = :at")
        .conditionExpression("lockHolder = :holder AND #status = :status")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(
            ":holder", AttributeValue.fromS(holder),
            ":status", AttributeValue.fromS(progress.status()),
            ":at", AttributeValue.fromS(at)))
        .build();
    Put audit = Put.builder()
        .tableName(tables.audit())
        .item(row.toItem())
        .conditionExpression("attribute_not_exists(#t)")
        .expressionAttributeNames(Map.of("#t", "target"))
        .build();
    try {
      dynamoDb.transactWriteItems(r -> r.transactItems(
          TransactWriteItem.builder().update(release).build(),
          TransactWriteItem.builder().put(audit).build()));
    } catch (TransactionCanceledException e) {
      throw new FerryException(
          "the lock on '" + target + "' changed while it was being cleared; nothing was changed",
          "run ferry status " + target + " and unlock again if it is still needed", FerryException.USAGE, e);
    }
    return new Unlocked(target, holder, progress.status(), row);
  }

  private <T> T onTable(String table, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (ResourceNotFoundException e) {
      throw new FerryException(
          "table " + table + " does not exist on this target",
          "deploy the migration first (ferry deploy), or pass the table names it was compiled with",
          FerryException.USAGE, e);
    }
  }
}
