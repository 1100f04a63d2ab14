package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.deploy.aws.Tables;
import dev.ferry.tasks.local.LocalDynamoDb;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** Progress, audit, approval and unlock against a real DynamoDB Local. */
class ProgressStoreTest {

  static LocalDynamoDb dynamo;
  static final List<SdkRequest> sent = new ArrayList<>();
  static DynamoDbClient client;
  static int tableCounter;

  TableNames tables;
  ProgressStore store;

  @BeforeAll
  static void startDynamoDbLocal() throws Exception {
    dynamo = LocalDynamoDb.start();
    client = dynamo.newClient(new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        synchronized (sent) {
          sent.add(context.request());
        }
      }
    });
  }

  @AfterAll
  static void stop() {
    client.close();
    dynamo.close();
  }

  @BeforeEach
  void freshTables() {
    tableCounter++;
    tables = new TableNames("Progress" + tableCounter, "Audit" + tableCounter);
    Tables maker = new Tables(client);
    maker.ensure(tables.progress(), Optional.empty(), false);
    // DynamoDB Local has no continuous backups; point-in-time recovery is asserted in AwsTargetDeployTest.
    maker.ensure(tables.audit(), Optional.of("entry"), false);
    store = new ProgressStore(client, tables);
    sent.clear();
  }

  void putProgress(String status, String lockHolder) {
    Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of(
        "target", s("orders-db"), "status", s(status), "migration", s("postgres-schema-upgrade"),
        "execution", s("arn:aws:states:eu-west-1:123456789012:execution:ferry-postgres-schema-upgrade:run-1"),
        "currentStep", s("migrate"), "stepIndex", n(4), "stepCount", n(9),
        "startedAt", s("2026-11-21T05:00:00Z"), "updatedAt", s("2026-11-21T05:03:00Z"), "requestedBy", s("alice")));
    if (lockHolder != null) {
      item.put("lockHolder", s(lockHolder));
    }
    client.putItem(r -> r.tableName(tables.progress()).item(item));
  }

  void putAudit(String entry, String step, String phase, String at) {
    client.putItem(r -> r.tableName(tables.audit()).item(Map.of(
        "target", s("orders-db"), "entry", s(entry), "execution", s("run-1"), "migration", s("postgres-schema-upgrade"),
        "step", s(step), "kind", s("upgrade"), "phase", s(phase), "at", s(at), "requestedBy", s("alice"),
        "trigger", s("api"))));
  }

  @Test
  void readsTheProgressItemWithStepsDoneAndPendingApproval() {
    putProgress("RUNNING", "run-1");
    client.updateItem(r -> r.tableName(tables.progress()).key(Map.of("target", s("orders-db")))
        .updateExpression("SET pendingApproval = :p")
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromM(Map.of(
            "token", s("tok"), "step", s("approve"), "requestedAt", s("2026-11-21T05:04:00Z"), "message", s("go?"))))));

    Progress progress = store.requireProgress("orders-db");

    assertThat(progress.status()).isEqualTo("RUNNING");
    assertThat(progress.currentStep()).isEqualTo("migrate");
    assertThat(progress.stepIndex()).isEqualTo(4);
    assertThat(progress.stepCount()).isEqualTo(9);
    assertThat(progress.stepsDone()).isEqualTo(3);
    assertThat(progress.lockHolder()).contains("run-1");
    assertThat(progress.pendingApproval()).contains(
        new Progress.PendingApproval("tok", "approve", "2026-11-21T05:04:00Z", "go?"));
    assertThat(store.progress("other-db")).isEmpty();
    assertThatThrownBy(() -> store.requireProgress("other-db"))
        .isInstanceOf(FerryException.class).hasMessageContaining("target 'other-db' has no row in " + tables.progress());
  }

  @Test
  void auditRowsComeBackInTimeOrderAndCanBeFilteredByExecution() {
    putAudit("run-1#002#migrate#STARTED", "migrate", "STARTED", "2026-11-21T05:02:00Z");
    putAudit("run-1#001#snapshot#STARTED", "snapshot", "STARTED", "2026-11-21T05:00:00Z");
    putAudit("run-1#001#snapshot#SUCCEEDED", "snapshot", "SUCCEEDED", "2026-11-21T05:01:00Z");
    putAudit("run-0#000#run#SUCCEEDED", "run", "SUCCEEDED", "2026-11-20T05:00:00Z");

    assertThat(store.audit("orders-db", Optional.empty())).extracting(AuditRow::entry).containsExactly(
        "run-0#000#run#SUCCEEDED", "run-1#001#snapshot#STARTED", "run-1#001#snapshot#SUCCEEDED",
        "run-1#002#migrate#STARTED");
    assertThat(store.audit("orders-db", Optional.of("run-1"))).hasSize(3)
        .allSatisfy(r -> assertThat(r.execution()).isEqualTo("run-1"));
  }

  @Test
  void unlockAfterRollbackFailedRemovesTheLockAndAuditsWhoAndWhyInOneTransaction() {
    putProgress("ROLLBACK_FAILED", "arn:aws:states:eu-west-1:123456789012:execution:ferry-x:run-1");
    Instant now = Instant.parse("2026-11-21T06:00:00Z");

    ProgressStore.Unlocked unlocked = store.unlock("orders-db", "arn:aws:iam::123456789012:user/bob",
        "database restored by hand, INC-42", id -> { throw new AssertionError("ROLLBACK_FAILED needs no liveness check"); }, now);

    Progress after = store.requireProgress("orders-db");
    assertThat(after.lockHolder()).isEmpty();
    assertThat(after.status()).isEqualTo("ROLLBACK_FAILED");
    assertThat(after.updatedAt()).isEqualTo("2026-11-21T06:00:00Z");
    AuditRow row = store.audit("orders-db", Optional.empty()).getFirst();
    assertThat(row).isEqualTo(unlocked.auditRow());
    assertThat(row.entry()).isEqualTo("run-1#000#unlock#UNLOCKED#2026-11-21T06:00:00Z");
    assertThat(row.requestedBy()).isEqualTo("arn:aws:iam::123456789012:user/bob");
    assertThat(row.phase()).isEqualTo("UNLOCKED");
    assertThat(row.cause()).isEqualTo("lock cleared from status ROLLBACK_FAILED: database restored by hand, INC-42");

    TransactWriteItemsRequest transaction = sent.stream().filter(TransactWriteItemsRequest.class::isInstance)
        .map(TransactWriteItemsRequest.class::cast).findFirst().orElseThrow();
    var update = transaction.transactItems().get(0).update();
    assertThat(update.conditionExpression()).isEqualTo("lockHolder = :holder AND #status = :status");
    assertThat(update.expressionAttributeValues().get(":holder").s()).endsWith(":run-1");
    assertThat(update.expressionAttributeValues().get(":status").s()).isEqualTo("ROLLBACK_FAILED");
    assertThat(transaction.transactItems().get(1).put().conditionExpression()).isEqualTo("attribute_not_exists(#t)");
  }

  @Test
  void unlockIsRefusedWhileTheHolderRunsAndWhenNothingIsLocked() {
    putProgress("RUNNING", "run-1");
    assertThatThrownBy(() -> store.unlock("orders-db", "bob", "stuck?", id -> true, Instant.now()))
        .isInstanceOf(FerryException.class).hasMessageContaining("locked by run-1, which is still running");
    assertThat(store.requireProgress("orders-db").lockHolder()).contains("run-1");
    assertThat(store.audit("orders-db", Optional.empty())).isEmpty();

    store.unlock("orders-db", "bob", "execution was stopped", id -> false, Instant.now());
    assertThat(store.requireProgress("orders-db").lockHolder()).isEmpty();
    assertThatThrownBy(() -> store.unlock("orders-db", "bob", "again", id -> false, Instant.now()))
        .isInstanceOf(FerryException.class).hasMessageContaining("is not locked");
    assertThatThrownBy(() -> store.unlock("orders-db", "bob", " ", id -> false, Instant.now()))
        .isInstanceOf(FerryException.class).hasMessageContaining("--reason is empty");
  }

  @Test
  void unlockFailsWithoutChangesWhenTheLockChangedAfterItWasRead() {
    putProgress("RUNNING", "run-1");
    // The holder "ends" and a new run takes the lock between the read and the transaction.
    ProgressStore.ExecutionLiveness racingNewRun = id -> {
      putProgress("RUNNING", "run-2");
      return false;
    };
    assertThatThrownBy(() -> store.unlock("orders-db", "bob", "stale", racingNewRun, Instant.now()))
        .isInstanceOf(FerryException.class).hasMessageContaining("changed while it was being cleared");
    assertThat(store.requireProgress("orders-db").lockHolder()).contains("run-2");
    assertThat(store.audit("orders-db", Optional.empty())).isEmpty();
  }

  @Test
  void clearApprovalRemovesOnlyTheAnsweredToken() {
    putProgress("RUNNING", "run-1");
    client.updateItem(r -> r.tableName(tables.progress()).key(Map.of("target", s("orders-db")))
        .updateExpression("SET pendingApproval = :p")
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromM(Map.of("token", s("new"), "step", s("approve"))))));
    store.clearApproval("orders-db", "old");
    assertThat(store.pendingApproval("orders-db").token()).isEqualTo("new");
    store.clearApproval("orders-db", "new");
    assertThatThrownBy(() -> store.pendingApproval("orders-db"))
        .isInstanceOf(FerryException.class).hasMessageContaining("has no approval waiting");
  }

  @Test
  void tableCreationIsIdempotentAndRefusesATableWithAnotherKey() {
    List<DeployReport.Change> again = new Tables(client).ensure(tables.audit(), Optional.of("entry"), false);
    assertThat(again).extracting(DeployReport.Change::action).containsOnly(DeployReport.Action.UNCHANGED);
    assertThatThrownBy(() -> new Tables(client).ensure(tables.audit(), Optional.empty(), false))
        .isInstanceOf(FerryException.class).hasMessageContaining("exists with key [target(HASH), entry(RANGE)]");
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(int v) {
    return AttributeValue.fromN(Integer.toString(v));
  }
}
