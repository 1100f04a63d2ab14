package dev.ferry.tasks.local;

import Ferry.BackupNotFound;
import Ferry.TableNotFound;
import dev.ferry.tasks.backup.TableBackups;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Table backups on DynamoDB Local, which has no backup API ({@code CreateBackup},
 * {@code RestoreTableFromBackup}). The same contract is kept another way: a backup is a copy of the
 * table's items in a table of its own, and a registry table ({@value #REGISTRY}) records each
 * backup's ARN, source table, copy table and status. The status is {@code CREATING} while the copy
 * runs and {@code AVAILABLE} once it is complete, so an interrupted backup is finished (the copy
 * overwrites by key) by the next call. A restore makes the table's items equal to the copy's:
 * deletes the items the copy lacks and writes the copy's items, which a repeated call does again
 * with the same result.
 */
public final class LocalTableBackups implements TableBackups {

  static final String REGISTRY = "FerryLocalBackups";
  private static final String ARN_PREFIX = "arn:aws:dynamodb:local:000000000000:table/";

  private final DynamoDbClient dynamoDb;

  public LocalTableBackups(DynamoDbClient dynamoDb) {
    this.dynamoDb = dynamoDb;
  }

  @Override
  public Backup create(String tableName, String backupName) {
    TableDescription source = table(tableName);
    ensureRegistry();
    String arn = ARN_PREFIX + tableName + "/backup/" + backupName;
    Map<String, AttributeValue> entry = dynamoDb.getItem(r -> r.tableName(REGISTRY).consistentRead(true)
        .key(Map.of("backupArn", s(arn)))).item();
    if (entry != null && !entry.isEmpty() && entry.get("status").s().equals("AVAILABLE")) {
      return new Backup(arn, "AVAILABLE");
    }
    String copy = backupName + ".backup";
    dynamoDb.putItem(r -> r.tableName(REGISTRY).item(Map.of("backupArn", s(arn), "tableName", s(tableName),
        "copyTable", s(copy), "status", s("CREATING"))));
    createLike(source, copy);
    copyItems(tableName, copy);
    dynamoDb.updateItem(r -> r.tableName(REGISTRY).key(Map.of("backupArn", s(arn)))
        .updateExpression("SET #s = :a").expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":a", s("AVAILABLE"))));
    return new Backup(arn, "AVAILABLE");
  }

  @Override
  public Backup describe(String backupArn) {
    return new Backup(backupArn, entry(backupArn).get("status").s());
  }

  @Override
  public RestoreProgress restore(String backupArn, String tableName) {
    Map<String, AttributeValue> entry = entry(backupArn);
    if (!entry.get("status").s().equals("AVAILABLE")) {
      throw new Ferry.RestoreFailed("backup " + backupArn + " is " + entry.get("status").s() + ", not AVAILABLE");
    }
    String copy = entry.get("copyTable").s();
    TableDescription target = table(tableName);
    List<String> keys = target.keySchema().stream().map(KeySchemaElement::attributeName).toList();
    java.util.Set<Map<String, AttributeValue>> kept = new java.util.HashSet<>();
    dynamoDb.scanPaginator(r -> r.tableName(copy).consistentRead(true)).items()
        .forEach(item -> kept.add(key(item, keys)));
    List<WriteRequest> deletes = new ArrayList<>();
    dynamoDb.scanPaginator(r -> r.tableName(tableName).consistentRead(true)).items().forEach(item -> {
      Map<String, AttributeValue> key = key(item, keys);
      if (!kept.contains(key)) {
        deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
      }
    });
    write(tableName, deletes);
    copyItems(copy, tableName);
    return new RestoreProgress(true, "restored");
  }

  private Map<String, AttributeValue> entry(String backupArn) {
    ensureRegistry();
    Map<String, AttributeValue> entry = dynamoDb.getItem(r -> r.tableName(REGISTRY).consistentRead(true)
        .key(Map.of("backupArn", s(backupArn)))).item();
    if (entry == null || entry.isEmpty()) {
      throw new BackupNotFound("backup " + backupArn + " does not exist in DynamoDB Local's " + REGISTRY);
    }
    return entry;
  }

  private TableDescription table(String name) {
    try {
      return dynamoDb.describeTable(r -> r.tableName(name)).table();
    } catch (ResourceNotFoundException e) {
      throw new TableNotFound("DynamoDB table " + name + " does not exist in DynamoDB Local", e);
    }
  }

  private void ensureRegistry() {
    try {
      dynamoDb.createTable(r -> r.tableName(REGISTRY).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(AttributeDefinition.builder().attributeName("backupArn").attributeType("S").build())
          .keySchema(KeySchemaElement.builder().attributeName("backupArn").keyType("HASH").build()));
    } catch (ResourceInUseException alreadyThere) {
      // Created by an earlier call.
    }
  }

  private void createLike(TableDescription source, String name) {
    try {
      dynamoDb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(source.attributeDefinitions()).keySchema(source.keySchema()));
    } catch (ResourceInUseException alreadyThere) {
      // Left by an interrupted backup; the copy below overwrites it item by item.
    }
  }

  private void copyItems(String from, String to) {
    List<WriteRequest> puts = new ArrayList<>();
    dynamoDb.scanPaginator(r -> r.tableName(from).consistentRead(true)).items()
        .forEach(item -> puts.add(WriteRequest.builder().putRequest(p -> p.item(item)).build()));
    write(to, puts);
  }

  private void write(String table, List<WriteRequest> requests) {
    for (int i = 0; i < requests.size(); i += 25) {
      List<WriteRequest> batch = requests.subList(i, Math.min(i + 25, requests.size()));
      Map<String, List<WriteRequest>> pending = Map.of(table, batch);
      while (!pending.isEmpty()) {
        Map<String, List<WriteRequest>> next = pending;
        pending = dynamoDb.batchWriteItem(r -> r.requestItems(next)).unprocessedItems();
      }
    }
  }

  private static Map<String, AttributeValue> key(Map<String, AttributeValue> item, List<String> keys) {
    Map<String, AttributeValue> key = new java.util.HashMap<>();
    keys.forEach(k -> key.put(k, item.get(k)));
    return key;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
