package dev.ferry.worlds.aurora;

import dev.ferry.worlds.aurora.RowFormats.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The pipeline's state table (key {@code operationId}) and audit table (key {@code operationId},
 * {@code at}, an ISO-8601 time) in DynamoDB Local, and the sample restore operations they are
 * seeded with in the 1.0 format: {@value #OPERATIONS} finished operations with three audit events each.
 *
 * @param dynamoDb a client of DynamoDB Local
 * @param state the state table's name ({@value #STATE} unless a rehearsal run names its own copy)
 * @param audit the audit table's name ({@value #AUDIT} likewise)
 */
public record PipelineTables(DynamoDbClient dynamoDb, String state, String audit) {

  public static final String STATE = "AuroraRestoreState";
  public static final String AUDIT = "AuroraRestoreAudit";
  public static final String STATE_KEY = "operationId";
  public static final String AUDIT_SORT_KEY = "at";
  static final int OPERATIONS = 12;
  private static final long FIRST_START = 1_764_000_000L;

  public String name(Table table) {
    return table == Table.STATE ? state : audit;
  }

  /** The 1.0 sample rows of {@code table}. */
  public static List<Map<String, AttributeValue>> sampleRows(Table table) {
    List<Map<String, AttributeValue>> rows = new ArrayList<>();
    for (int i = 1; i <= OPERATIONS; i++) {
      String id = String.format("op-%03d", i);
      long started = FIRST_START + i * 3_600L;
      boolean failed = i % 4 == 0;
      if (table == Table.STATE) {
        rows.add(Map.of(STATE_KEY, s(id), "status", s(failed ? "FAILED" : "COMPLETED"),
            "source", s("aurora-prod-" + (1 + i % 3)), "target", s("aurora-restore-" + i),
            "snapshot", s("arn:aws:rds:us-east-1:123456789012:cluster-snapshot:nightly-" + i),
            "started", AttributeValue.fromN(Long.toString(started))));
      } else {
        rows.add(audit(id, started, "restore-started", "restoring nightly-" + i));
        rows.add(audit(id, started + 60, "snapshot-copied", "copied to the restore account"));
        rows.add(audit(id, started + 900, failed ? "restore-failed" : "restore-completed",
            failed ? "cluster did not become available" : "cluster available"));
      }
    }
    return List.copyOf(rows);
  }

  /** An operation still in progress, which the runbook's guard must refuse to upgrade under. */
  public static Map<String, AttributeValue> operationInProgress() {
    return Map.of(STATE_KEY, s("op-900"), "status", s("IN_PROGRESS"), "source", s("aurora-prod-1"),
        "target", s("aurora-restore-900"), "snapshot", s("arn:aws:rds:us-east-1:123456789012:cluster-snapshot:manual-900"),
        "started", AttributeValue.fromN("1764100000"));
  }

  private static Map<String, AttributeValue> audit(String id, long at, String event, String message) {
    return Map.of(STATE_KEY, s(id), AUDIT_SORT_KEY, s(Instant.ofEpochSecond(at).toString()), "event", s(event),
        "message", s(message));
  }

  /** Creates both tables unless they exist. */
  public void create() {
    create(state, List.of(STATE_KEY));
    create(audit, List.of(STATE_KEY, AUDIT_SORT_KEY));
  }

  /** Both tables hold exactly the 1.0 sample operations, plus {@code extra} state rows. */
  public void seed(List<Map<String, AttributeValue>> extra) {
    for (Table table : Table.values()) {
      for (Map<String, AttributeValue> row : rows(table)) {
        dynamoDb.deleteItem(r -> r.tableName(name(table)).key(key(table, row)));
      }
      sampleRows(table).forEach(row -> put(table, row));
    }
    extra.forEach(row -> put(Table.STATE, row));
  }

  /** Every row of {@code table}, in key order. */
  public List<Map<String, AttributeValue>> rows(Table table) {
    List<Map<String, AttributeValue>> rows = new ArrayList<>();
    dynamoDb.scanPaginator(r -> r.tableName(name(table)).consistentRead(true)).items().forEach(rows::add);
    rows.sort(Comparator.comparing(row -> RowFormats.key(table, row)));
    return rows;
  }

  public void put(Table table, Map<String, AttributeValue> row) {
    dynamoDb.putItem(r -> r.tableName(name(table)).item(row));
  }

  public void delete(Table table, Map<String, AttributeValue> row) {
    dynamoDb.deleteItem(r -> r.tableName(name(table)).key(key(table, row)));
  }

  static Map<String, AttributeValue> key(Table table, Map<String, AttributeValue> row) {
    return table == Table.STATE ? Map.of(STATE_KEY, row.get(STATE_KEY))
        : Map.of(STATE_KEY, row.get(STATE_KEY), AUDIT_SORT_KEY, row.get(AUDIT_SORT_KEY));
  }

  private void create(String table, List<String> keys) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    List<KeySchemaElement> schema = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      attributes.add(AttributeDefinition.builder().attributeName(keys.get(i)).attributeType(ScalarAttributeType.S).build());
      schema.add(KeySchemaElement.builder().attributeName(keys.get(i)).keyType(i == 0 ? KeyType.HASH : KeyType.RANGE).build());
    }
    try {
      dynamoDb.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(attributes).keySchema(schema));
    } catch (ResourceInUseException exists) {
      // Created for an earlier run; seed() rewrites its rows.
    }
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
