package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.aws.AwsClients;
import dev.ferry.deploy.aws.AwsSettings;
import dev.ferry.tasks.ended.ExecutionEndedHandler;
import dev.ferry.testing.aws.Moto;
import dev.ferry.testing.aws.MotoServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A run on AWS stopped by an operator, against moto: {@code ferry deploy} writes the ended-run
 * rule, {@code ferry stop} stops the execution, the rule lets through the status change Step
 * Functions reports, {@code ferry-execution-ended} records it, and {@code ferry status} and the
 * next {@code ferry start} name the stuck lock and {@code ferry redrive}.
 *
 * <p>Where moto cannot do what AWS does, the test stands in for it and says so: moto neither runs
 * a machine's states (the test writes the progress row the lock and progress states write) nor
 * starts an execution on the {@code live} alias (it starts one on the machine), Step Functions in
 * moto emits no status-change events (the test puts the event AWS sends, built from moto's
 * DescribeExecution, on the bus; AWS refuses {@code aws.*} sources from PutEvents, moto does not),
 * and moto cannot invoke the Java function (on a bus of its own, a rule with the deployed rule's
 * pattern as moto stores it sends what that pattern lets through to a queue, and the handler runs on
 * that event against moto's DynamoDB).
 */
@ExtendWith({Moto.class, MotoCredentials.class})
class StuckLockOnMotoTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET = "orders-db";
  private static final String MACHINE = "ferry-postgres-schema-upgrade";
  private static final String PROBE = "ferry-pattern-probe";
  private static final String PROGRESS = "OpsProgress";
  private static final String AUDIT = "OpsAudit";

  /** With tables of its own: the function, shared by every migration, must be told them. */
  private static String[] onMoto(MotoServer moto, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoint", moto.endpoint().toString(), "--region", MotoServer.REGION.id(),
        "--progress-table", PROGRESS, "--audit-table", AUDIT));
    return all.toArray(String[]::new);
  }

  @Test
  void aStoppedRunIsRecordedThroughTheDeployedRuleAndStatusNamesTheStuckLock(MotoServer moto, @TempDir Path dir)
      throws Exception {
    Path jar = Files.write(dir.resolve("tasks-lambda.jar"), new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    CliRun deploy = CliRun.of(onMoto(moto, "deploy", "--migration", "postgres-schema-upgrade", "--tasks-jar", jar.toString()));
    assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    assertThat(deploy.out()).containsPattern("CREATED +eventbridge-rule +ferry-postgres-schema-upgrade-ended");

    try (AwsClients aws = new AwsClients(new AwsSettings(Optional.of(MotoServer.REGION), Optional.of(moto.endpoint()),
        Optional.of(moto.credentials()), List.of()));
        SqsClient sqs = moto.client(SqsClient.builder())) {
      String machineArn = "arn:aws:states:" + MotoServer.REGION.id() + ":" + MotoServer.ACCOUNT + ":stateMachine:" + MACHINE;
      String input = "{\"target\":\"" + TARGET + "\",\"requestedBy\":\"alice\",\"trigger\":\"api\","
          + "\"parameters\":{\"dbInstanceIdentifier\":\"orders-db\",\"targetVersion\":\"2\"}}";
      String execution = aws.sfn().startExecution(r -> r.stateMachineArn(machineArn).name("run-7").input(input)).executionArn();
      runningAt(aws, execution, "apply-schema-migrations", 5);
      String queueUrl = sqs.createQueue(r -> r.queueName("ended-runs")).queueUrl();
      String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
          .attributes().get(QueueAttributeName.QUEUE_ARN);
      String deployedPattern = aws.eventBridge().describeRule(r -> r.name(MACHINE + "-ended")).eventPattern();
      // moto delivers to no Lambda target (PutEvents answers 500 when a rule matching the event has
      // one), so the pattern is tried on a bus of its own, away from the deployed rule.
      aws.eventBridge().createEventBus(r -> r.name(PROBE));
      aws.eventBridge().putRule(r -> r.name(PROBE).eventBusName(PROBE).eventPattern(deployedPattern).state("ENABLED"));
      var deployedTarget = aws.eventBridge().listTargetsByRule(r -> r.rule(MACHINE + "-ended")).targets().getFirst();
      aws.eventBridge().putTargets(r -> r.rule(PROBE).eventBusName(PROBE).targets(t -> t.id("seen").arn(queueArn)
          .inputTransformer(deployedTarget.inputTransformer())));

      CliRun stop = CliRun.of(onMoto(moto, "stop", TARGET, "--reason", "INC-9: outside the change window", "--by", "bob"));

      assertThat(stop.exitCode()).as(stop.err()).isZero();
      assertThat(stop.out()).contains("stopped: " + execution + " (ABORTED)");
      CliRun again = CliRun.of(onMoto(moto, "stop", TARGET, "--reason", "twice", "--by", "bob"));
      assertThat(again.exitCode()).isEqualTo(FerryException.USAGE);
      assertThat(again.err()).contains("execution " + execution + " already ended ABORTED");
      DescribeExecutionResponse stopped = aws.sfn().describeExecution(r -> r.executionArn(execution));
      assertThat(stopped.statusAsString()).isEqualTo("ABORTED");
      put(aws, statusChange(stopped));
      put(aws, statusChange(stopped).put("status", "SUCCEEDED"));
      put(aws, statusChange(stopped).put("stateMachineArn", machineArn + "-other"));

      List<Message> delivered = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
      assertThat(delivered).as("the pattern lets through this machine's ABORTED change only").singleElement();
      JsonNode event = JSON.readTree(delivered.getFirst().body());
      assertThat(event.path("detail").path("executionArn").asText()).isEqualTo(execution);
      assertThat(event.path("progressTable").asText()).isEqualTo(PROGRESS);

      // Its own default tables do not exist here: the ones written are the ones the target named.
      ByteArrayOutputStream result = new ByteArrayOutputStream();
      new ExecutionEndedHandler(aws.dynamoDb(), "FerryProgress", "FerryAudit", Clock.systemUTC())
          .handleRequest(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)), result, null);
      assertThat(JSON.readTree(result.toByteArray()).path("recorded").asBoolean()).as(result.toString()).isTrue();

      String stuck = "Ferry.LockHeld: target '" + TARGET + "' is locked by " + execution
          + ", which ended ABORTED at step apply-schema-migrations (progress ABANDONED) without releasing the lock";
      CliRun status = CliRun.of(onMoto(moto, "status", TARGET));
      assertThat(status.exitCode()).as(status.err()).isEqualTo(1);
      assertThat(status.out()).contains("status     ABANDONED (execution ABORTED)", "lock       held by " + execution,
          "recover    " + stuck + "; continue it from that step with: ferry redrive " + execution);
      CliRun audit = CliRun.of(onMoto(moto, "audit", TARGET));
      // moto keeps no error or cause of StopExecution, so its status change carries none and the row
      // names the stop as States.Aborted; on AWS the event carries Ferry.Stopped and "stopped by bob: ...".
      assertThat(audit.out()).containsPattern("run-7 +apply-schema-migrations +run +ABANDONED +alice").contains("States.Aborted");
      CliRun start = CliRun.of(onMoto(moto, "start", TARGET, "--migration", "postgres-schema-upgrade",
          "--param", "dbInstanceIdentifier=" + TARGET, "--param", "secretArn=arn:aws:secretsmanager:us-east-1:"
              + MotoServer.ACCOUNT + ":secret:orders", "--param", "targetVersion=\"2\"",
          "--param", "expectedColumns={\"orders\":[\"status\"]}"));
      assertThat(start.exitCode()).as(start.out() + start.err()).isEqualTo(FerryException.TARGET);
      assertThat(start.err()).contains(stuck, "ferry redrive " + execution);
      assertThat(aws.dynamoDb().getItem(r -> r.tableName(PROGRESS).key(Map.of("target", AttributeValue.fromS(TARGET))))
          .item().get("lockHolder").s()).as("kept").isEqualTo(execution);
    }
  }

  /** The progress row as the machine's lock and progress states leave it while {@code step} runs. */
  private static void runningAt(AwsClients aws, String execution, String step, int index) {
    Map<String, AttributeValue> item = new HashMap<>();
    Map.of("target", TARGET, "status", "RUNNING", "migration", "postgres-schema-upgrade", "execution", execution,
            "lockHolder", execution, "currentStep", step, "requestedBy", "alice", "trigger", "api",
            "startedAt", "2026-12-02T01:00:00Z")
        .forEach((k, v) -> item.put(k, AttributeValue.fromS(v)));
    item.put("stepIndex", AttributeValue.fromN(Integer.toString(index)));
    item.put("stepCount", AttributeValue.fromN("7"));
    aws.dynamoDb().putItem(r -> r.tableName(PROGRESS).item(item));
  }

  /** The detail of the "Step Functions Execution Status Change" event AWS sends for {@code d}. */
  private static ObjectNode statusChange(DescribeExecutionResponse d) {
    ObjectNode detail = JSON.createObjectNode()
        .put("executionArn", d.executionArn())
        .put("stateMachineArn", d.stateMachineArn())
        .put("name", d.name())
        .put("status", d.statusAsString())
        .put("startDate", d.startDate().toEpochMilli())
        .put("stopDate", d.stopDate().toEpochMilli())
        .put("input", d.input());
    detail.putObject("inputDetails").put("included", true);
    detail.putNull("output");
    detail.putNull("outputDetails");
    detail.put("error", d.error());
    detail.put("cause", d.cause());
    return detail;
  }

  private static void put(AwsClients aws, ObjectNode detail) {
    // As AWS documents the event, not from Ferry's own constants, so a wrong pattern fails here.
    var response = aws.eventBridge().putEvents(r -> r.entries(e -> e.source("aws.states")
        .detailType("Step Functions Execution Status Change").detail(detail.toString())
        .resources(detail.path("executionArn").asText()).eventBusName(PROBE)));
    assertThat(response.failedEntryCount()).isZero();
  }
}
