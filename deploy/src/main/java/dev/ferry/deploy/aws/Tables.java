package dev.ferry.deploy.aws;

import dev.ferry.deploy.DeployReport.Action;
import dev.ferry.deploy.DeployReport.Change;
import dev.ferry.deploy.FerryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Creates the progress and audit tables on demand, with the contract's keys. */
public final class Tables {

  private final DynamoDbClient dynamoDb;

  public Tables(DynamoDbClient dynamoDb) {
    this.dynamoDb = dynamoDb;
  }

  /**
   * Ensures a table keyed by {@code target} (and {@code rangeKey} when present) exists with
   * on-demand billing, and point-in-time recovery when asked.
   */
  public List<Change> ensure(String name, Optional<String> rangeKey, boolean pointInTimeRecovery) {
    List<KeySchemaElement> keys = new ArrayList<>();
    List<AttributeDefinition> attributes = new ArrayList<>();
    keys.add(KeySchemaElement.builder().attributeName("target").keyType(KeyType.HASH).build());
    attributes.add(AttributeDefinition.builder().attributeName("target").attributeType(ScalarAttributeType.S).build());
    rangeKey.ifPresent(k -> {
      keys.add(KeySchemaElement.builder().attributeName(k).keyType(KeyType.RANGE).build());
      attributes.add(AttributeDefinition.builder().attributeName(k).attributeType(ScalarAttributeType.S).build());
    });
    List<Change> changes = new ArrayList<>();
    Optional<TableDescription> existing = describe(name);
    if (existing.isEmpty()) {
      dynamoDb.createTable(r -> r.tableName(name).keySchema(keys).attributeDefinitions(attributes)
          .billingMode(BillingMode.PAY_PER_REQUEST));
      dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(name));
      changes.add(new Change("dynamodb-table", name, Action.CREATED, "on-demand, key " + describeKeys(keys)));
    } else {
      TableDescription table = existing.get();
      if (!table.keySchema().equals(keys)) {
        throw new FerryException(
            "table " + name + " exists with key " + describeKeys(table.keySchema()) + ", but Ferry needs " + describeKeys(keys),
            "pass other table names at compile time, or migrate the table's data to a new table with the right key",
            FerryException.USAGE);
      }
      boolean onDemand = table.billingModeSummary() != null
          && table.billingModeSummary().billingMode() == BillingMode.PAY_PER_REQUEST;
      if (onDemand) {
        changes.add(new Change("dynamodb-table", name, Action.UNCHANGED, "on-demand"));
      } else {
        dynamoDb.updateTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST));
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(name));
        changes.add(new Change("dynamodb-table", name, Action.UPDATED, "billing switched to on-demand"));
      }
    }
    if (pointInTimeRecovery) {
      changes.add(ensurePointInTimeRecovery(name));
    }
    return changes;
  }

  private Change ensurePointInTimeRecovery(String name) {
    var description = dynamoDb.describeContinuousBackups(r -> r.tableName(name))
        .continuousBackupsDescription().pointInTimeRecoveryDescription();
    if (description != null && description.pointInTimeRecoveryStatus() == PointInTimeRecoveryStatus.ENABLED) {
      return new Change("dynamodb-pitr", name, Action.UNCHANGED, "point-in-time recovery on");
    }
    dynamoDb.updateContinuousBackups(r -> r.tableName(name)
        .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
    return new Change("dynamodb-pitr", name, Action.UPDATED, "point-in-time recovery turned on");
  }

  private Optional<TableDescription> describe(String name) {
    try {
      return Optional.of(dynamoDb.describeTable(r -> r.tableName(name)).table());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  private static String describeKeys(List<KeySchemaElement> keys) {
    return keys.stream().map(k -> k.attributeName() + "(" + k.keyTypeAsString() + ")").toList().toString();
  }
}
