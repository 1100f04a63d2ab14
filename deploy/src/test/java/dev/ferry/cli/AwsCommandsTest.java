package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.aws.AwsClients;
import dev.ferry.deploy.aws.AwsFailures;
import dev.ferry.deploy.aws.AwsSettings;
import dev.ferry.testing.aws.Moto;
import dev.ferry.testing.aws.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkException;

/** The AWS commands as an operator runs them, against moto through --endpoint. */
@ExtendWith({Moto.class, MotoCredentials.class})
class AwsCommandsTest {

  private static String[] onMoto(MotoServer moto, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoint", moto.endpoint().toString(), "--region", MotoServer.REGION.id()));
    return all.toArray(String[]::new);
  }

  private static List<String> wildcardLines(String out) {
    List<String> lines = out.lines().toList();
    int heading = lines.indexOf(PlanCommand.WILDCARDS_HEADING);
    assertThat(heading).as(out).isNotNegative();
    return lines.subList(heading + 1, lines.size()).stream().takeWhile(l -> l.startsWith("  ")).toList();
  }

  @Test
  void planAndDeployReportTheSamePermissionsOnceAndDeployPrintsTheLiveAlias(MotoServer moto, @TempDir Path dir) throws Exception {
    Path jar = Files.write(dir.resolve("tasks-lambda.jar"), new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

    CliRun plan = CliRun.of("plan", "metaflow-service-upgrade");
    CliRun deploy = CliRun.of(onMoto(moto, "deploy", "--migration", "metaflow-service-upgrade", "--tasks-jar", jar.toString()));

    assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    List<String> planned = wildcardLines(plan.out()).stream()
        .map(l -> l.replace("<region>", MotoServer.REGION.id()).replace("<account>", MotoServer.ACCOUNT)).toList();
    assertThat(wildcardLines(deploy.out())).isEqualTo(planned).doesNotHaveDuplicates();
    assertThat(planned).anySatisfy(l -> assertThat(l).startsWith("  ecs:DescribeServices, ecs:ListTagsForResource")
        .contains("service/*/*").contains("declaring ecs writers"));
    assertThat(deploy.out()).contains("start runs with StartExecution on arn:aws:states:us-east-1:" + MotoServer.ACCOUNT
        + ":stateMachine:ferry-metaflow-service-upgrade:live");
  }

  /** A running execution in moto (started on the machine, as moto cannot start an alias) holding the target's lock. */
  private static String runningHolder(MotoServer moto) {
    try (AwsClients clients = new AwsClients(new AwsSettings(Optional.of(MotoServer.REGION), Optional.of(moto.endpoint()),
        Optional.of(moto.credentials()), List.of()))) {
      new dev.ferry.deploy.aws.Tables(clients.dynamoDb()).ensure("FerryProgress", Optional.empty(), false);
      new dev.ferry.deploy.aws.Tables(clients.dynamoDb()).ensure("FerryAudit", Optional.of("entry"), true);
      String machine = clients.sfn().createStateMachine(r -> r.name("ferry-postgres-schema-upgrade")
          .roleArn("arn:aws:iam::" + MotoServer.ACCOUNT + ":role/ferry-postgres-schema-upgrade-machine")
          .definition("{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Wait\",\"Seconds\":600,\"End\":true}}}"))
          .stateMachineArn();
      String execution = clients.sfn().startExecution(r -> r.stateMachineArn(machine).name("run-1").input("{}")).executionArn();
      java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new java.util.HashMap<>();
      java.util.Map.of("target", "orders-db", "status", "RUNNING", "migration", "postgres-schema-upgrade",
              "execution", execution, "lockHolder", execution, "currentStep", "apply-schema-migrations",
              "startedAt", "2026-11-21T05:00:00Z")
          .forEach((k, v) -> item.put(k, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(v)));
      item.put("stepIndex", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("4"));
      item.put("stepCount", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("6"));
      clients.dynamoDb().putItem(r -> r.tableName("FerryProgress").item(item));
      return execution;
    }
  }

  @Test
  void statusAndUnlockReadTheProgressRowAndTheExecutionFromMoto(MotoServer moto) {
    String execution = runningHolder(moto);

    CliRun status = CliRun.of(onMoto(moto, "status", "orders-db"));
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("status     RUNNING (execution RUNNING)", "step       4/6 apply-schema-migrations");

    CliRun refused = CliRun.of(onMoto(moto, "unlock", "orders-db", "--reason", "looks stuck", "--by", "bob"));
    assertThat(refused.exitCode()).isEqualTo(FerryException.USAGE);
    assertThat(refused.err()).contains("is locked by " + execution + ", which is still running");

    try (AwsClients clients = new AwsClients(new AwsSettings(Optional.of(MotoServer.REGION), Optional.of(moto.endpoint()),
        Optional.of(moto.credentials()), List.of()))) {
      clients.sfn().stopExecution(r -> r.executionArn(execution).error("Operator.Stopped"));
      CliRun unlocked = CliRun.of(onMoto(moto, "unlock", "orders-db", "--reason", "stopped by hand, INC-42", "--by", "bob"));
      assertThat(unlocked.exitCode()).as(unlocked.err()).isZero();
      assertThat(unlocked.out()).contains("unlocked orders-db (was held by " + execution);
      assertThat(clients.dynamoDb().getItem(r -> r.tableName("FerryProgress").key(java.util.Map.of("target",
          software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("orders-db")))).item()).doesNotContainKey("lockHolder");
      CliRun audit = CliRun.of(onMoto(moto, "audit", "orders-db"));
      assertThat(audit.out()).contains("UNLOCKED").contains("bob");
    }
  }

  @Test
  void aScheduleLackingARequiredParameterIsRefusedNamingIt(MotoServer moto, @TempDir Path dir) throws Exception {
    Path jar = Files.write(dir.resolve("tasks-lambda.jar"), new byte[] {'P', 'K'});
    CliRun deploy = CliRun.of(onMoto(moto, "deploy", "--migration", "metaflow-service-upgrade", "--tasks-jar", jar.toString(),
        "--schedule", "cron(0 2 * * ? *)", "--schedule-target", "metaflow-metadata",
        "--schedule-param", "dbInstanceIdentifier=metaflow-db",
        "--schedule-param", "service={\"type\":\"ecs\",\"name\":\"metadata\",\"cluster\":\"metaflow\"}"));

    assertThat(deploy.exitCode()).isEqualTo(FerryException.USAGE);
    assertThat(deploy.err()).contains("lacks the required parameter 'migrationServiceUrl' of metaflow-service-upgrade")
        .contains("add --schedule-param migrationServiceUrl=<string>");
    CliRun export = CliRun.of("export", "cloudformation", "--migration", "metaflow-service-upgrade",
        "--schedule", "cron(0 2 * * ? *)", "--schedule-target", "metaflow-metadata");
    assertThat(export.exitCode()).isEqualTo(FerryException.USAGE);
    assertThat(export.err()).contains("lacks the required parameter 'dbInstanceIdentifier'");
  }

  @Test
  void aFailedCallIsReportedWithServiceOperationStatusAndWhatTheEndpointSent(MotoServer moto) {
    // moto has no RedriveExecution: the command meets an answer that is not an AWS error.
    CliRun redrive = CliRun.of(onMoto(moto, "redrive",
        "arn:aws:states:us-east-1:" + MotoServer.ACCOUNT + ":execution:ferry-postgres-schema-upgrade:run-1"));

    assertThat(redrive.exitCode()).isEqualTo(FerryException.TARGET);
    assertThat(redrive.err()).containsPattern("ferry redrive: Sfn RedriveExecution failed: HTTP \\d{3}")
        .doesNotContain("null");
  }

  @Test
  void aRefusedCallCarriesAwsCodeMessageAndRequestId(MotoServer moto) {
    try (AwsClients clients = new AwsClients(new AwsSettings(Optional.of(MotoServer.REGION), Optional.of(moto.endpoint()),
        Optional.of(moto.credentials()), List.of()))) {
      FerryException explained = null;
      try {
        clients.sfn().describeStateMachineAlias(r -> r.stateMachineAliasArn(
            "arn:aws:states:us-east-1:" + MotoServer.ACCOUNT + ":stateMachine:ferry-x:live"));
      } catch (SdkException e) {
        explained = AwsFailures.explain(e);
      }
      assertThat(explained).isNotNull();
      assertThat(explained.getMessage()).matches(
          "Sfn DescribeStateMachineAlias failed: HTTP 400 \\w+: .+ \\(request id \\S+\\)");
      assertThat(explained.exitCode()).isEqualTo(FerryException.TARGET);
    }
  }

  @Test
  void aCallTheEndpointAnswersWithoutAnAwsErrorIsStillNamedWithWhatCameBack(MotoServer moto) {
    // moto has no ListStateMachineVersions: it answers HTTP 500 with an HTML page, which the SDK reads as no code and no message.
    try (AwsClients clients = new AwsClients(new AwsSettings(Optional.of(MotoServer.REGION), Optional.of(moto.endpoint()),
        Optional.of(moto.credentials()), List.of()))) {
      FerryException explained = null;
      try {
        clients.sfn().listStateMachineVersions(r -> r.stateMachineArn(
            "arn:aws:states:us-east-1:" + MotoServer.ACCOUNT + ":stateMachine:ferry-x"));
      } catch (SdkException e) {
        explained = AwsFailures.explain(e);
      }
      assertThat(explained).isNotNull();
      assertThat(explained.getMessage()).startsWith("Sfn ListStateMachineVersions failed: HTTP 500")
          .contains("(body: <!doctype html>").doesNotContain("null");
      assertThat(explained.hint()).contains("states:ListStateMachineVersions").contains("emulator");
    }
  }
}
