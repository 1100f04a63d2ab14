package dev.ferry.tasks.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.InvalidInput;
import Ferry.ServiceUnavailable;
import dev.ferry.tasks.aws.StepFunctionsExecutions;
import dev.ferry.tasks.local.LocalDynamoDb;
import dev.ferry.testing.aws.Moto;
import dev.ferry.testing.aws.MotoServer;
import dev.ferry.testing.aws.RecordedRequests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;

/**
 * {@code ferry-lock-holder} on DynamoDB Local's progress table and moto's Step Functions, through
 * the real SDK client: a refused run learns whether the holder runs and what recovers it, and the
 * lock is left as it was.
 */
@ExtendWith(Moto.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockHolderHandlerTest {

  private static final String SELF = "arn:aws:states:us-east-1:" + MotoServer.ACCOUNT + ":execution:ferry-orders:run-2";
  private LocalDynamoDb dynamo;
  private final RecordedRequests recorded = new RecordedRequests();
  private SfnClient sfn;
  private String machine;

  @BeforeAll
  void start() {
    dynamo = LocalDynamoDb.start();
    dynamo.client().createTable(r -> r.tableName("FerryProgress").billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(KeySchemaElement.builder().attributeName("target").keyType(KeyType.HASH).build())
        .attributeDefinitions(AttributeDefinition.builder().attributeName("target").attributeType(ScalarAttributeType.S).build()));
  }

  @AfterAll
  void stop() {
    dynamo.close();
  }

  @BeforeEach
  void connect(MotoServer moto) {
    sfn = moto.client(SfnClient.builder(), recorded);
    machine = sfn.createStateMachine(r -> r.name("ferry-orders")
        .roleArn("arn:aws:iam::" + MotoServer.ACCOUNT + ":role/ferry-orders-machine")
        .definition("{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Wait\",\"Seconds\":600,\"End\":true}}}"))
        .stateMachineArn();
    recorded.clear();
  }

  @AfterEach
  void close() {
    sfn.close();
  }

  private LockHolderHandler handler(Instant now) {
    return new LockHolderHandler(dynamo.client(), "FerryProgress", new StepFunctionsExecutions(sfn),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aHolderThatStillRunsIsToBeWaitedForOrStopped() {
    String holder = sfn.startExecution(r -> r.stateMachineArn(machine).name("run-1").input("{}")).executionArn();
    progress("orders-db", holder, "RUNNING");

    LockHolderHandler.Output out = handler(Instant.now()).handleRequest(new LockHolderHandler.Input("orders-db", SELF), null);

    assertThat(out.holderStatus()).isEqualTo("RUNNING");
    assertThat(out.cause()).startsWith("Ferry.LockHeld: target 'orders-db' is locked by " + holder + ", which still runs")
        .contains("at step apply-schema").contains("wait for it to end, or stop it with: ferry stop " + holder);
    assertThat(out.command()).isEmpty();
    assertThat(recorded.sent(DescribeExecutionRequest.class)).singleElement()
        .satisfies(r -> assertThat(r.executionArn()).isEqualTo(holder));
    assertThat(lockHolder("orders-db")).as("the lock is left as it was").isEqualTo(holder);
  }

  @Test
  void aStoppedHolderIsRedrivenWithinTheWindowAndUnlockedAfterIt() {
    String holder = sfn.startExecution(r -> r.stateMachineArn(machine).name("run-3").input("{}")).executionArn();
    sfn.stopExecution(r -> r.executionArn(holder).error("States.Aborted").cause("operator stopped it"));
    progress("shop-db", holder, "ABANDONED");

    LockHolderHandler.Output now = handler(Instant.now()).handleRequest(new LockHolderHandler.Input("shop-db", SELF), null);
    assertThat(now.holderStatus()).isEqualTo("ABORTED");
    assertThat(now.redrivable()).isTrue();
    assertThat(now.command()).isEqualTo("ferry redrive " + holder);
    assertThat(now.cause()).isEqualTo("Ferry.LockHeld: target 'shop-db' is locked by " + holder + ", which ended ABORTED"
        + " at step apply-schema (progress ABANDONED) without releasing the lock; continue it from that step with: ferry redrive "
        + holder);

    // moto reports no redriveStatus, so the contract's 14-day rule decides
    LockHolderHandler.Output later = handler(Instant.now().plus(Duration.ofDays(15)))
        .handleRequest(new LockHolderHandler.Input("shop-db", SELF), null);
    assertThat(later.redrivable()).isFalse();
    assertThat(later.command()).startsWith("ferry unlock shop-db --reason");
    assertThat(later.cause()).contains("check what step apply-schema left undone, then clear the lock with: ferry unlock shop-db");
    assertThat(lockHolder("shop-db")).isEqualTo(holder);
  }

  @Test
  void aHolderTheEngineDoesNotKnowIsUnlockedAfterACheck() {
    String gone = "arn:aws:states:us-east-1:" + MotoServer.ACCOUNT + ":execution:ferry-orders:never-ran";
    progress("old-db", gone, "RUNNING");

    LockHolderHandler.Output out = handler(Instant.now()).handleRequest(new LockHolderHandler.Input("old-db", SELF), null);

    assertThat(out.holderStatus()).isEqualTo(LockHolderHandler.NOT_FOUND);
    assertThat(out.cause()).contains("locked by " + gone + ", which the engine does not know")
        .contains("clear the lock with: ferry unlock old-db");

    LockHolderHandler noEngine = new LockHolderHandler(dynamo.client(), "FerryProgress", new NoEngine(), Clock.systemUTC());
    assertThatThrownBy(() -> noEngine.handleRequest(new LockHolderHandler.Input("old-db", SELF), null))
        .as("a check that cannot ask fails, and the run names the holder as read")
        .isInstanceOf(ServiceUnavailable.class).hasMessageContaining(gone);
  }

  @Test
  void aFreeLockOrTheRunItselfIsSaidSoAndABadPayloadIsNamed() {
    assertThat(handler(Instant.now()).handleRequest(new LockHolderHandler.Input("free-db", SELF), null).cause())
        .contains("is free now").contains("start this run again");
    progress("self-db", SELF, "RUNNING");
    assertThat(handler(Instant.now()).handleRequest(new LockHolderHandler.Input("self-db", SELF), null).cause())
        .contains("locked by this execution itself");
    assertThatThrownBy(() -> handler(Instant.now()).handleRequest(new LockHolderHandler.Input("", SELF), null))
        .isInstanceOf(InvalidInput.class).hasMessageStartingWith("target:");
    assertThatThrownBy(() -> handler(Instant.now()).handleRequest(new LockHolderHandler.Input("x", null), null))
        .isInstanceOf(InvalidInput.class).hasMessageStartingWith("executionId:");
  }

  private void progress(String target, String holder, String status) {
    dynamo.client().putItem(r -> r.tableName("FerryProgress").item(Map.of(
        "target", AttributeValue.fromS(target), "lockHolder", AttributeValue.fromS(holder),
        "execution", AttributeValue.fromS(holder), "status", AttributeValue.fromS(status),
        "currentStep", AttributeValue.fromS("apply-schema"), "migration", AttributeValue.fromS("orders"))));
  }

  private String lockHolder(String target) {
    return dynamo.client().getItem(r -> r.tableName("FerryProgress")
        .key(Map.of("target", AttributeValue.fromS(target)))).item().get("lockHolder").s();
  }
}
