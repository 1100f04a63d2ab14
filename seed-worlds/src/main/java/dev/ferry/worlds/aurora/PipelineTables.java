package dev.ferry.worlds.aurora;

import dev.ferry.worlds.aurora.RowFormats.Table;
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
 * {@code AuroraRestoreState} (key {@code operationId}) and {@code AuroraRestoreAudit} (key {@code
 * operationId}, {@code at}) in DynamoDB Local, and the sample restore operations they are seeded
 * with in the 1.0 format: {@value #OPERATIONS} finished operations with three audit events each.
 */
public final class PipelineTables {

  public static final String STATE = "AuroraRestoreState";
  public static final String AUDIT = "AuroraRestoreAudit";
  static final int OPERATIONS = 12;
  private static final long FIRST_START = 1_764_000_000L;

  private final DynamoDbClient dynamoDb;

  public PipelineTables(DynamoDbClient dynamoDb) {
    this.dynamoDb = dynamoDb;
  }

  public static String name(Table table) {
    return table == Table.STATE ? STATE : AUDIT;
  }

  /** Creates both tables unless they exist. */
  public void create() {
    create(STATE, List.of("operationId"));
    create(AUDIT, List.of("operationId", "at"));
  }

  /** Both tables hold exactly the 1.0 sample operations, plus {@code extra} state rows. */
  public void seed(List<Map<String, AttributeValue>> extra) {
    for (Table table : Table.values()) {
      for (Map<String, AttributeValue> row : rows(table)) {
        dynamoDb.deleteItem(r -> r.tableName(name(table)).key(key(table, row)));
      }
    }
    for (int i = 1; i <= OPERATIONS; i++) {
      String id = String.format("op-%03d", i);
      long started = FIRST_START + i * 3_600L;
      boolean failed = i % 4 == 0;
      put(STATE, Map.of("operationId", s(id), "status", s(failed ? "FAILED" : "COMPLETED"),
          "source", s("aurora-prod-" + (1 + i % 3)), "target", s("aurora-restore-" + i),
          "snapshot", s("arn:aws:rds:us-east-1:123456789012:cluster-snapshot:nightly-" + i),
          "started", n(started)));
      put(AUDIT, Map.of("operationId", s(id), "at", n(started), "event", s("restore-started"),
          "message", s("restoring nightly-" + i)));
      put(AUDIT, Map.of("operationId", s(id), "at", n(started + 60), "event", s("snapshot-copied"),
          "message", s("copied to the restore account")));
      put(AUDIT, Map.of("operationId", s(id), "at", n(started + 900), "event", s(failed ? "restore-failed" : "restore-completed"),
          "message", s(failed ? "cluster did not become available" : "cluster available")));
    }
    extra.forEach(row -> put(STATE, row));
  }

  /** Every row of {@code table}, in key order. */
  public List<Map<String, AttributeValue>> rows(Table table) {
    List<Map<String, AttributeValue>> rows = new ArrayList<>();
    dynamoDb.scanPaginator(r -> r.tableName(name(table)).consistentRead(true)).items().forEach(rows::add);
    rows.sort(Comparator.comparing(row -> RowFormats.key(table, row)));
    return rows;
  }

  public void put(String table, Map<String, AttributeValue> row) {
    dynamoDb.putItem(r -> r.tableName(table).item(row));
  }

  public void delete(Table table, Map<String, AttributeValue> row) {
    dynamoDb.deleteItem(r -> r.tableName(name(table)).key(key(table, row)));
  }

  static Map<String, AttributeValue> key(Table table, Map<String, AttributeValue> row) {
    return table == Table.STATE ? Map.of("operationId", row.get("operationId"))
        : Map.of("operationId", row.get("operationId"), "at", row.get("at"));
  }

  private void create(String table, List<String> keys) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    List<KeySchemaElement> schema = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      attributes.add(AttributeDefinition.builder().attributeName(keys.get(i))
          .attributeType(i == 0 ? ScalarAttributeType.S : ScalarAttributeType.N).build());
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

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
