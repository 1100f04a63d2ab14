package dev.ferry.tasks.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.BackupNotFound;
import Ferry.OperationInProgress;
import Ferry.TableNotFound;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.tasks.Json;
import dev.ferry.tasks.LocalEnvironment;
import dev.ferry.tasks.TaskCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * The DynamoDB handlers, called through the catalogue's local functions (JSON in, JSON out) as the
 * local engine calls them, against DynamoDB Local started from a plain classpath.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalDynamoDbHandlersTest {

  private LocalDynamoDb dynamo;
  private DynamoDbClient client;
  private LocalEnvironment env;

  @BeforeAll
  void start() {
    dynamo = LocalDynamoDb.start();
    client = dynamo.client();
    env = new LocalEnvironment(null, client);
  }

  @AfterAll
  void stop() {
    dynamo.close();
  }

  private JsonNode call(String function, Map<String, ?> payload) {
    return TaskCatalog.function(function).orElseThrow().local(env).apply(Json.mapper().valueToTree(payload));
  }

  private void table(String name) {
    client.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType("S").build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType("HASH").build()));
  }

  private void put(String table, String id, String status) {
    client.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS(id), "status", AttributeValue.fromS(status))));
  }

  private Map<String, String> items(String table) {
    var out = new java.util.TreeMap<String, String>();
    client.scanPaginator(r -> r.tableName(table)).items().forEach(i -> out.put(i.get("id").s(), i.get("status").s()));
    return out;
  }

  @Test
  void dynamoDbLocalServesARealClientOnLoopback() {
    assertThat(dynamo.endpoint().getHost()).isEqualTo("127.0.0.1");
    table("Probe");
    assertThat(client.listTables().tableNames()).contains("Probe");
  }

  @Test
  void backupThenRestorePutsTheTableBackAsItWasAndRepeatsChangeNothing() {
    table("AuroraRestoreState");
    put("AuroraRestoreState", "op-1", "DONE");
    put("AuroraRestoreState", "op-2", "DONE");

    JsonNode backup = call("ferry-dynamodb-backup-create", Map.of("tableName", "AuroraRestoreState", "executionName", "run-1"));
    JsonNode again = call("ferry-dynamodb-backup-create", Map.of("tableName", "AuroraRestoreState", "executionName", "run-1"));
    String arn = backup.get("backupArn").asText();
    assertThat(again.get("backupArn").asText()).isEqualTo(arn);
    assertThat(call("ferry-dynamodb-backup-status", Map.of("backupArn", arn)).get("status").asText()).isEqualTo("AVAILABLE");

    put("AuroraRestoreState", "op-2", "CHANGED");
    put("AuroraRestoreState", "op-3", "NEW");
    JsonNode restored = call("ferry-dynamodb-backup-restore",
        Map.of("backupArn", arn, "tableName", "AuroraRestoreState", "executionName", "run-1"));
    call("ferry-dynamodb-backup-restore", Map.of("backupArn", arn, "tableName", "AuroraRestoreState", "executionName", "run-1"));

    assertThat(restored.get("done").asBoolean()).isTrue();
    assertThat(items("AuroraRestoreState")).isEqualTo(Map.of("op-1", "DONE", "op-2", "DONE"));
  }

  @Test
  void aBackupInterruptedHalfWayIsFinishedByTheRetry() {
    table("AuroraRestoreAudit");
    for (int i = 0; i < 60; i++) {
      put("AuroraRestoreAudit", "a-" + i, "LOGGED");
    }
    var backups = new LocalTableBackups(client);
    String name = dev.ferry.tasks.snapshot.Identifiers.snapshotId("AuroraRestoreAudit", "run-2");
    // What a call cut off during the copy leaves behind: the entry still CREATING, part of the copy.
    backups.create("AuroraRestoreAudit", name);
    String arn = "arn:aws:dynamodb:local:000000000000:table/AuroraRestoreAudit/backup/" + name;
    client.updateItem(r -> r.tableName(LocalTableBackups.REGISTRY).key(Map.of("backupArn", AttributeValue.fromS(arn)))
        .updateExpression("SET #s = :c").expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("CREATING"))));
    for (int i = 0; i < 30; i++) {
      String id = "a-" + i;
      client.deleteItem(r -> r.tableName(name + ".backup").key(Map.of("id", AttributeValue.fromS(id))));
    }
    assertThat(call("ferry-dynamodb-backup-status", Map.of("backupArn", arn)).get("status").asText()).isEqualTo("CREATING");

    JsonNode retried = call("ferry-dynamodb-backup-create", Map.of("tableName", "AuroraRestoreAudit", "executionName", "run-2"));

    assertThat(retried.get("backupArn").asText()).isEqualTo(arn);
    assertThat(retried.get("status").asText()).isEqualTo("AVAILABLE");
    assertThat(items(name + ".backup")).hasSize(60);
  }

  @Test
  void missingTablesAndBackupsFailWithTheirErrorNames() {
    assertThatThrownBy(() -> call("ferry-dynamodb-backup-create", Map.of("tableName", "Nope", "executionName", "r")))
        .isInstanceOf(TableNotFound.class);
    assertThatThrownBy(() -> call("ferry-dynamodb-backup-status", Map.of("backupArn", "arn:aws:dynamodb:local:0:table/x/backup/y")))
        .isInstanceOf(BackupNotFound.class);
  }

  @Test
  void guardRefusesWhileAnOperationIsInProgressAndNamesTheHolder() {
    table("PipelineState");
    put("PipelineState", "restore-7", "COMPLETED");
    Map<String, Object> payload = Map.of("tableName", "PipelineState", "statusAttribute", "status",
        "inProgressValues", List.of("IN_PROGRESS", "RESTORING"));

    assertThat(call("ferry-guard-no-operation-in-progress", payload).get("ok").asBoolean()).isTrue();
    put("PipelineState", "restore-8", "RESTORING");
    assertThatThrownBy(() -> call("ferry-guard-no-operation-in-progress", payload))
        .isInstanceOf(OperationInProgress.class).hasMessageContaining("id=restore-8").hasMessageContaining("RESTORING");
  }

  @Test
  void approvalRequestParksTheTokenOnTheProgressRowOnce() {
    client.createTable(r -> r.tableName("FerryProgress").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("target").attributeType("S").build())
        .keySchema(KeySchemaElement.builder().attributeName("target").keyType("HASH").build()));
    Map<String, String> payload = Map.of("taskToken", "tok-1", "target", "orders-db", "step", "disable-old",
        "executionName", "run-3", "message", "Disable the old cluster?");

    call("ferry-approval-request", payload);
    var first = client.getItem(r -> r.tableName("FerryProgress").key(Map.of("target", AttributeValue.fromS("orders-db"))))
        .item().get("pendingApproval").m();
    call("ferry-approval-request", payload);
    var second = client.getItem(r -> r.tableName("FerryProgress").key(Map.of("target", AttributeValue.fromS("orders-db"))))
        .item().get("pendingApproval").m();

    assertThat(first.get("token").s()).isEqualTo("tok-1");
    assertThat(first.get("step").s()).isEqualTo("disable-old");
    assertThat(first.get("message").s()).isEqualTo("Disable the old cluster?");
    assertThat(second).as("a repeated request keeps the stored one, requestedAt included").isEqualTo(first);
  }
}
