package dev.ferry.tasks.ended;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.InvalidInput;
import dev.ferry.tasks.local.LocalDynamoDb;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The EventBridge target on DynamoDB Local: an ended run the machine could not record, recorded once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutionEndedHandlerTest {

  private static final String ARN = "arn:aws:states:eu-west-1:123456789012:execution:ferry-orders:run-9";
  private LocalDynamoDb dynamo;
  private ExecutionEndedHandler handler;

  @BeforeAll
  void start() {
    dynamo = LocalDynamoDb.start();
    DynamoDbClient db = dynamo.client();
    table(db, "FerryProgress", List.of("target"));
    table(db, "FerryAudit", List.of("target", "entry"));
    handler = new ExecutionEndedHandler(db, "FerryProgress", "FerryAudit",
        Clock.fixed(Instant.parse("2030-01-01T03:00:00Z"), ZoneOffset.UTC));
  }

  @AfterAll
  void stop() {
    dynamo.close();
  }

  @Test
  void aStoppedRunGetsItsAbandonedStepRowAndKeepsItsLockOnce() {
    progress("orders-db", ARN, "RUNNING");
    ExecutionEndedHandler.Output out = handler.handleRequest(event("ABORTED",
        "{\"source\":\"aws.scheduler\",\"detail-type\":\"Scheduled\",\"detail\":{\"target\":\"orders-db\"}}"), null);

    assertThat(out.recorded()).as(out.detail()).isTrue();
    Map<String, AttributeValue> item = dynamo.client().getItem(r -> r.tableName("FerryProgress")
        .key(Map.of("target", AttributeValue.fromS("orders-db")))).item();
    assertThat(item.get("status").s()).isEqualTo("ABANDONED");
    assertThat(item.get("lockHolder").s()).as("the lock is kept").isEqualTo(ARN);
    Map<String, AttributeValue> row = dynamo.client().getItem(r -> r.tableName("FerryAudit").key(Map.of(
        "target", AttributeValue.fromS("orders-db"), "entry", AttributeValue.fromS("run-9#004#apply-schema#ABANDONED")))).item();
    assertThat(row.get("error").s()).isEqualTo("States.Aborted");
    assertThat(row.get("cause").s()).contains("ended ABORTED during step apply-schema").contains("lock is kept");

    assertThat(handler.handleRequest(event("ABORTED", "{\"target\":\"orders-db\"}"), null).recorded())
        .as("a repeated event changes nothing").isFalse();
  }

  @Test
  void aRunThatRecordedItsOwnEndOrANewerRunIsLeftAlone() {
    progress("shop-db", ARN, "ROLLBACK_FAILED");
    assertThat(handler.handleRequest(event("FAILED", "{\"target\":\"shop-db\"}"), null).detail()).contains("recorded its own end");
    progress("shop-db", ARN.replace("run-9", "run-10"), "RUNNING");
    assertThat(handler.handleRequest(event("TIMED_OUT", "{\"target\":\"shop-db\"}"), null).detail()).contains("another execution");
    assertThat(handler.handleRequest(event("SUCCEEDED", "{\"target\":\"shop-db\"}"), null).recorded()).isFalse();
    assertThatThrownBy(() -> handler.handleRequest(event("FAILED", "{}"), null)).isInstanceOf(InvalidInput.class)
        .hasMessageContaining("detail.input");
  }

  @Test
  void theTablesTheRulesTargetNamesAreTheOnesWrittenAsTheFunctionServesEveryMigration() {
    table(dynamo.client(), "OpsProgress", List.of("target"));
    table(dynamo.client(), "OpsAudit", List.of("target", "entry"));
    progress("OpsProgress", "ops-db", ARN, "RUNNING");
    var detail = new ExecutionEndedHandler.Detail(ARN, "TIMED_OUT", "{\"target\":\"ops-db\"}", null, null);

    ExecutionEndedHandler.Output out = handler.handleRequest(new ExecutionEndedHandler.Input(detail, "OpsProgress", "OpsAudit"), null);

    assertThat(out.recorded()).as(out.detail()).isTrue();
    assertThat(dynamo.client().getItem(r -> r.tableName("OpsAudit").key(Map.of("target", AttributeValue.fromS("ops-db"),
        "entry", AttributeValue.fromS("run-9#004#apply-schema#ABANDONED")))).item()).containsKey("cause");
    assertThat(dynamo.client().getItem(r -> r.tableName("FerryProgress").key(Map.of("target", AttributeValue.fromS("ops-db"))))
        .hasItem()).as("the default tables are not touched").isFalse();
    assertThatThrownBy(() -> handler.handleRequest(new ExecutionEndedHandler.Input(detail, " ", "OpsAudit"), null))
        .isInstanceOf(InvalidInput.class).hasMessageContaining("progressTable");
  }

  private void progress(String target, String execution, String status) {
    progress("FerryProgress", target, execution, status);
  }

  private void progress(String table, String target, String execution, String status) {
    dynamo.client().putItem(r -> r.tableName(table).item(Map.of(
        "target", AttributeValue.fromS(target), "lockHolder", AttributeValue.fromS(execution),
        "execution", AttributeValue.fromS(execution), "status", AttributeValue.fromS(status),
        "currentStep", AttributeValue.fromS("apply-schema"), "stepIndex", AttributeValue.fromN("4"),
        "migration", AttributeValue.fromS("orders"))));
  }

  private static ExecutionEndedHandler.Input event(String status, String input) {
    return new ExecutionEndedHandler.Input(new ExecutionEndedHandler.Detail(ARN, status, input, null, null), null, null);
  }

  private static void table(DynamoDbClient db, String name, List<String> keys) {
    db.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(keys.stream().map(k -> KeySchemaElement.builder().attributeName(k)
            .keyType(k.equals("target") ? KeyType.HASH : KeyType.RANGE).build()).toList())
        .attributeDefinitions(keys.stream().map(k -> AttributeDefinition.builder().attributeName(k)
            .attributeType(ScalarAttributeType.S).build()).toList()));
  }
}
