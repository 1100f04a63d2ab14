package dev.ferry.tasks.ended;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Records an execution that ended while its progress item still says it runs: the machine was
 * stopped, timed out, or failed where no Catch could record it. In one transaction, conditional on
 * the item still naming this execution in the status it was read in: an audit row {@code <execution
 * name>#<NNN>#<step>#ABANDONED} for the step it was on, with the execution's error and cause, and
 * the progress item's status set to {@code ABANDONED}. The lock stays: a run that ended mid-change
 * is never released automatically; {@code ferry redrive} continues it, {@code ferry unlock} clears it.
 * A run that recorded its own end, or a newer run on the target, is left alone, so a repeated or
 * late event changes nothing.
 */
public final class AbandonedRun {

  /** The progress status of a run that ended where its machine could not record it. */
  public static final String ABANDONED = "ABANDONED";

  private final DynamoDbClient dynamoDb;
  private final String progressTable;
  private final String auditTable;

  public AbandonedRun(DynamoDbClient dynamoDb, String progressTable, String auditTable) {
    this.dynamoDb = dynamoDb;
    this.progressTable = progressTable;
    this.auditTable = auditTable;
  }

  /** What was recorded: the audit row's entry, or why nothing was. */
  public record Outcome(boolean recorded, String detail) {}

  /**
   * @param executionStatus the engine's status: {@code ABORTED}, {@code TIMED_OUT} or {@code FAILED}
   */
  public Outcome record(String target, String executionArn, String executionStatus, Optional<String> error,
      Optional<String> cause, Instant at) {
    Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(progressTable)
        .key(Map.of("target", AttributeValue.fromS(target))).consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return new Outcome(false, "target " + target + " has no progress item");
    }
    String execution = text(item, "execution");
    String status = text(item, "status");
    if (!executionArn.equals(execution)) {
      return new Outcome(false, "the progress item names another execution: " + execution);
    }
    if (!status.equals("RUNNING") && !status.equals("ROLLING_BACK")) {
      return new Outcome(false, "the run recorded its own end: " + status);
    }
    String step = text(item, "currentStep").isEmpty() ? "run" : text(item, "currentStep");
    int index = item.containsKey("stepIndex") ? Integer.parseInt(item.get("stepIndex").n()) : 0;
    String name = executionArn.substring(executionArn.lastIndexOf(':') + 1);
    String entry = name + "#" + String.format("%03d", index) + "#" + step + "#" + ABANDONED;
    String when = at.toString();
    Map<String, AttributeValue> row = new HashMap<>();
    row.put("target", AttributeValue.fromS(target));
    row.put("entry", AttributeValue.fromS(entry));
    row.put("execution", AttributeValue.fromS(executionArn));
    put(row, "migration", text(item, "migration"));
    row.put("step", AttributeValue.fromS(step));
    row.put("kind", AttributeValue.fromS("run"));
    row.put("phase", AttributeValue.fromS(ABANDONED));
    row.put("at", AttributeValue.fromS(when));
    put(row, "requestedBy", text(item, "requestedBy"));
    put(row, "trigger", text(item, "trigger"));
    row.put("error", AttributeValue.fromS(error.filter(e -> !e.isBlank()).orElse(defaultError(executionStatus))));
    row.put("cause", AttributeValue.fromS("the execution ended " + executionStatus + " during step " + step
        + " (status " + status + "), where the machine could not record it" + cause.filter(c -> !c.isBlank()).map(c -> ": " + c).orElse("")
        + "; the lock is kept"));
    Put audit = Put.builder().tableName(auditTable).item(row)
        .conditionExpression("attribute_not_exists(#t)").expressionAttributeNames(Map.of("#t", "target")).build();
    Update progress = Update.builder().tableName(progressTable).key(Map.of("target", AttributeValue.fromS(target)))
        .updateExpression("SET #s = :abandoned, updatedAt = :at")
        .conditionExpression("#e = :execution AND #s = :status")
        .expressionAttributeNames(Map.of("#s", "status", "#e", "execution"))
        .expressionAttributeValues(Map.of(":abandoned", AttributeValue.fromS(ABANDONED), ":at", AttributeValue.fromS(when),
            ":execution", AttributeValue.fromS(executionArn), ":status", AttributeValue.fromS(status)))
        .build();
    try {
      dynamoDb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().put(audit).build(),
          TransactWriteItem.builder().update(progress).build()));
    } catch (TransactionCanceledException changed) {
      return new Outcome(false, "the progress item changed meanwhile, or the row exists: " + changed.getMessage());
    }
    return new Outcome(true, entry);
  }

  private static String defaultError(String executionStatus) {
    return switch (executionStatus) {
      case "ABORTED" -> "States.Aborted";
      case "TIMED_OUT" -> "States.Timeout";
      default -> "States.Runtime";
    };
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.s() == null ? "" : v.s();
  }

  private static void put(Map<String, AttributeValue> row, String name, String value) {
    if (!value.isEmpty()) {
      row.put(name, AttributeValue.fromS(value));
    }
  }
}
