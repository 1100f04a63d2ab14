package dev.ferry.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contract.AuditItem;
import dev.ferry.deploy.DeployReport;
import dev.ferry.deploy.DeployReport.Action;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.ExecutionName;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.StartRequest;
import dev.ferry.deploy.StartedExecution;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.aws.AwsStub.Reply;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.RedriveExecutionRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

/**
 * The operate calls moto does not emulate as AWS does, against {@link AwsStub}'s recorded AWS
 * answers: StartExecution on the {@code live} alias (moto answers StateMachineDoesNotExist), task
 * tokens (moto accepts any token, so an expired approval cannot be shown), RedriveExecution (moto
 * lacks it) and a history that spans pages (moto returns one canned page). The rest of the operate
 * commands run against moto in {@code AwsCommandsTest}.
 */
class AwsTargetOperateTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String ALIAS = "arn:aws:states:" + AwsStub.REGION + ":" + AwsStub.ACCOUNT + ":stateMachine:ferry-postgres-schema-upgrade:live";
  static final String EXECUTIONS = "arn:aws:states:eu-west-1:123456789012:execution:ferry-postgres-schema-upgrade:";

  final AwsStub stub = new AwsStub();
  final AwsClients clients = new AwsClients(stub.settings());
  final AwsTarget target = new AwsTarget(clients, TableNames.DEFAULT);

  @AfterEach
  void close() {
    clients.close();
    stub.close();
  }

  static StartRequest request(String requestId) {
    InputDocument input = new InputDocument("orders-db", "alice", "api",
        InputDocument.parameters(List.of("targetVersion=\"3\"")));
    return new StartRequest("postgres-schema-upgrade", input, Optional.ofNullable(requestId));
  }

  static Reply execution(String name) {
    return Reply.json("{\"executionArn\":\"" + EXECUTIONS + name + "\",\"name\":\"" + name
        + "\",\"stateMachineArn\":\"" + ALIAS + "\",\"status\":\"RUNNING\",\"startDate\":1.7632512E9}");
  }

  @Test
  void startCallsTheLiveAliasWithADeterministicNameAndReturnsTheExistingRunTheSecondTime() throws Exception {
    String expectedName = ExecutionName.of("postgres-schema-upgrade", request("CHG-1042").input(), "CHG-1042");
    stub.onceThen("DescribeExecution", Reply.jsonError("ExecutionDoesNotExist"), execution(expectedName));
    stub.on("StartExecution", r -> Reply.json("{\"executionArn\":\"" + EXECUTIONS + expectedName + "\",\"startDate\":1.7632512E9}"));

    StartedExecution first = target.start(request("CHG-1042"));
    StartedExecution second = target.start(request("CHG-1042"));

    StartExecutionRequest start = stub.only(StartExecutionRequest.class);
    assertThat(start.stateMachineArn()).isEqualTo(ALIAS);
    assertThat(start.name()).isEqualTo(expectedName).startsWith("postgres-schema-upgrade-orders-db-CHG-1042-");
    assertThat(JSON.readTree(start.input())).isEqualTo(JSON.readTree(
        "{\"target\":\"orders-db\",\"requestedBy\":\"alice\",\"trigger\":\"api\",\"parameters\":{\"targetVersion\":\"3\"}}"));
    assertThat(first).isEqualTo(new StartedExecution(EXECUTIONS + expectedName, expectedName, false));
    assertThat(second).isEqualTo(new StartedExecution(EXECUTIONS + expectedName, expectedName, true));
    assertThat(stub.requests(DescribeExecutionRequest.class)).extracting(DescribeExecutionRequest::executionArn)
        .containsExactly(EXECUTIONS + expectedName, EXECUTIONS + expectedName);
  }

  @Test
  void aRaceLostToAnIdenticalRequestReturnsTheWinnersExecution() {
    String name = request(null).executionName();
    stub.onceThen("DescribeExecution", Reply.jsonError("ExecutionDoesNotExist"), execution(name));
    stub.on("StartExecution", r -> Reply.jsonError("ExecutionAlreadyExists"));

    StartedExecution started = target.start(request(null));

    assertThat(started).isEqualTo(new StartedExecution(EXECUTIONS + name, name, true));
    assertThat(stub.operations()).containsExactly("GetCallerIdentity", "DescribeExecution", "StartExecution", "DescribeExecution");
  }

  @Test
  void startOfAMigrationThatIsNotDeployedSaysToDeployIt() {
    stub.on("DescribeExecution", r -> Reply.jsonError("ExecutionDoesNotExist"));
    stub.on("StartExecution", r -> Reply.jsonError("StateMachineDoesNotExist"));
    stub.on("DescribeStateMachine", r -> Reply.jsonError("StateMachineDoesNotExist"));
    assertThatThrownBy(() -> target.start(request(null)))
        .isInstanceOf(FerryException.class)
        .hasMessageContaining("migration postgres-schema-upgrade is not deployed")
        .satisfies(e -> assertThat(((FerryException) e).hint()).contains("ferry deploy"));
  }

  static Reply progressWithApproval() {
    ObjectNode item = JSON.createObjectNode();
    item.putObject("target").put("S", "orders-db");
    item.putObject("status").put("S", "RUNNING");
    item.putObject("migration").put("S", "postgres-schema-upgrade");
    item.putObject("execution").put("S", "arn:aws:states:eu-west-1:123456789012:execution:ferry-postgres-schema-upgrade:run-7");
    item.putObject("currentStep").put("S", "approve");
    item.putObject("stepIndex").put("N", "5");
    ObjectNode pending = item.putObject("pendingApproval").putObject("M");
    pending.putObject("token").put("S", "token-7");
    pending.putObject("step").put("S", "approve");
    pending.putObject("requestedAt").put("S", "2026-11-21T05:00:00Z");
    pending.putObject("message").put("S", "Schema migrated; resume writers?");
    return Reply.json(JSON.createObjectNode().<ObjectNode>set("Item", item).toString());
  }

  @Test
  void approveSendsTaskSuccessWithThePendingTokenRecordsTheDecisionThenClearsOnlyThatToken() throws Exception {
    stub.on("GetItem", r -> progressWithApproval());
    stub.on("SendTaskSuccess", r -> Reply.json("{}"));
    stub.on("PutItem", r -> Reply.json("{}"));
    stub.on("UpdateItem", r -> Reply.json("{}"));

    assertThat(target.approve("orders-db", "bob", "checked the dashboards")).isEqualTo("approve");

    SendTaskSuccessRequest success = stub.only(SendTaskSuccessRequest.class);
    assertThat(success.taskToken()).isEqualTo("token-7");
    assertThat(JSON.readTree(success.output()))
        .isEqualTo(JSON.readTree("{\"decision\":\"APPROVED\",\"approvedBy\":\"bob\",\"comment\":\"checked the dashboards\"}"));
    PutItemRequest audit = stub.only(PutItemRequest.class);
    assertThat(audit.item().get("entry").s()).startsWith("run-7#005#approve#APPROVED#");
    assertThat(audit.item().get("requestedBy").s()).isEqualTo("bob");
    assertThat(audit.item().get("cause").s()).isEqualTo("checked the dashboards");
    assertThat(audit.conditionExpression()).isEqualTo(AuditItem.NEVER_OVERWRITE);
    UpdateItemRequest clear = stub.only(UpdateItemRequest.class);
    assertThat(clear.updateExpression()).isEqualTo("REMOVE pendingApproval");
    assertThat(clear.conditionExpression()).isEqualTo("pendingApproval.#token = :token");
    assertThat(clear.expressionAttributeValues().get(":token").s()).isEqualTo("token-7");
    assertThat(stub.operations()).containsExactly("GetItem", "SendTaskSuccess", "GetItem", "PutItem", "UpdateItem");
  }

  @Test
  void rejectFailsTheTaskWithFerryRejectedAndAnExpiredApprovalIsReported() throws Exception {
    stub.on("GetItem", r -> progressWithApproval());
    stub.onceThen("SendTaskFailure", Reply.json("{}"), Reply.jsonError("TaskTimedOut"));
    stub.on("PutItem", r -> Reply.json("{}"));
    stub.on("UpdateItem", r -> Reply.json("{}"));

    target.reject("orders-db", "bob", "error rate too high");
    SendTaskFailureRequest failure = stub.only(SendTaskFailureRequest.class);
    assertThat(failure.taskToken()).isEqualTo("token-7");
    assertThat(failure.error()).isEqualTo("Ferry.Rejected");
    assertThat(JSON.readTree(failure.cause()).get("reason").asText()).isEqualTo("error rate too high");
    assertThat(JSON.readTree(failure.cause()).get("rejectedBy").asText()).isEqualTo("bob");

    assertThatThrownBy(() -> target.reject("orders-db", "bob", "again"))
        .isInstanceOf(FerryException.class)
        .hasMessageContaining("approval of step approve on 'orders-db' is no longer waiting (TaskTimedOut)");
    assertThat(stub.requests(UpdateItemRequest.class)).hasSize(2);
  }

  @Test
  void historyFollowsEveryPageAndRedriveRestartsTheTargetsLatestExecution() {
    String arn = EXECUTIONS + "run-1";
    stub.on("GetItem", r -> Reply.json("{\"Item\":{\"target\":{\"S\":\"orders-db\"},\"execution\":{\"S\":\"" + arn + "\"}}}"));
    stub.on("GetExecutionHistory", r -> ((GetExecutionHistoryRequest) r).nextToken() == null
        ? Reply.json("{\"events\":[{\"id\":1,\"timestamp\":1763701200,\"type\":\"ExecutionStarted\"},"
            + "{\"id\":2,\"timestamp\":1763701201,\"type\":\"TaskStateEntered\","
            + "\"stateEnteredEventDetails\":{\"name\":\"Snapshot\"}}],\"nextToken\":\"page-2\"}")
        : Reply.json("{\"events\":[{\"id\":3,\"timestamp\":1763701202,\"type\":\"LambdaFunctionFailed\","
            + "\"lambdaFunctionFailedEventDetails\":{\"error\":\"Ferry.DatabaseNotFound\",\"cause\":\"orders-db\"}}]}"));
    stub.on("RedriveExecution", r -> Reply.json("{\"redriveDate\":1763701300}"));
    stub.on("DescribeExecution", r -> Reply.json("{\"executionArn\":\"" + arn + "\",\"name\":\"run-1\","
        + "\"stateMachineArn\":\"x\",\"status\":\"RUNNING\",\"startDate\":1763701200}"));

    var events = target.history("orders-db");

    assertThat(events).extracting(e -> e.id() + " " + e.type() + " " + e.detail()).containsExactly(
        "1 ExecutionStarted ", "2 TaskStateEntered name=Snapshot",
        "3 LambdaFunctionFailed error=Ferry.DatabaseNotFound cause=orders-db");
    assertThat(stub.requests(GetExecutionHistoryRequest.class)).extracting(GetExecutionHistoryRequest::nextToken)
        .containsExactly(null, "page-2");
    assertThat(stub.requests(GetExecutionHistoryRequest.class)).allSatisfy(h -> assertThat(h.executionArn()).isEqualTo(arn));

    assertThat(target.redrive(arn).status()).isEqualTo("RUNNING");
    assertThat(stub.only(RedriveExecutionRequest.class).executionArn()).isEqualTo(arn);
  }

  @Test
  void aNonRedrivableExecutionIsExplained() {
    stub.on("RedriveExecution", r -> Reply.jsonError("ExecutionNotRedrivable"));
    assertThatThrownBy(() -> target.redrive(EXECUTIONS + "run-1"))
        .isInstanceOf(FerryException.class).hasMessageContaining("cannot be redriven");
  }
}
