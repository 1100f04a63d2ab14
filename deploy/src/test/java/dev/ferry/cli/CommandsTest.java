package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.Machines;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.aws.AwsStub;
import dev.ferry.deploy.aws.AwsStub.Reply;
import dev.ferry.deploy.aws.Tables;
import dev.ferry.deploy.cloudformation.CloudFormationTemplate;
import dev.ferry.tasks.local.LocalDynamoDb;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The commands as an operator runs them: arguments in, text and an exit code out. {@code status
 * --watch} needs a run that moves on between polls, which the stub scripts; the commands against
 * moto are in {@link AwsCommandsTest}.
 */
class CommandsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exitCode, String out, String err) {}

  static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Reply progressItem(String status, String lockHolder) {
    ObjectNode item = JSON.createObjectNode();
    Map.of("target", "orders-db", "status", status, "migration", "postgres-schema-upgrade",
            "execution", "arn:aws:states:eu-west-1:123456789012:execution:ferry-postgres-schema-upgrade:run-1",
            "currentStep", "migrate", "startedAt", "2026-11-21T05:00:00Z", "lockHolder", lockHolder)
        .forEach((k, v) -> item.putObject(k).put("S", v));
    item.putObject("stepIndex").put("N", "4");
    item.putObject("stepCount").put("N", "9");
    return Reply.json(JSON.createObjectNode().<ObjectNode>set("Item", item).toString());
  }

  @Test
  void statusShowsStepsDoneCurrentStepElapsedAndABarOnATerminal() {
    try (AwsStub stub = new AwsStub()) {
      stub.on("GetItem", r -> progressItem("RUNNING", "run-1"));
      stub.on("DescribeExecution", r -> Reply.json("{\"executionArn\":\"arn:aws:states:eu-west-1:123456789012:execution:"
          + "ferry-postgres-schema-upgrade:run-1\",\"name\":\"run-1\",\"stateMachineArn\":\"x\",\"status\":\"SUCCEEDED\","
          + "\"startDate\":1763701200,\"stopDate\":1763701335}"));
      StatusCommand status = new StatusCommand();
      status.settingsOverride = stub.settings();
      status.terminal = true;

      Run result = run(status, "orders-db");

      assertThat(result.exitCode()).isZero();
      assertThat(result.out()).contains(
          "status     RUNNING (execution SUCCEEDED)",
          "step       4/9 migrate",
          "done       3 of 9 steps",
          "elapsed    2m 15s",
          "[##########--------------------] 33%");
      StatusCommand plain = new StatusCommand();
      plain.settingsOverride = stub.settings();
      plain.terminal = false;
      assertThat(run(plain, "orders-db").out()).doesNotContain("[#");
    }
  }

  @Test
  void watchPollsUntilTheExecutionEndsAndPrintsEachNewStepOnce() {
    try (AwsStub stub = new AwsStub()) {
      int[] polls = {0};
      stub.on("GetItem", r -> ++polls[0] < 3 ? progressItem("RUNNING", "run-1") : progressItem("SUCCEEDED", "run-1"));
      stub.on("DescribeExecution", r -> Reply.json("{\"executionArn\":\"arn:aws:states:eu-west-1:123456789012:execution:"
          + "m:run-1\",\"name\":\"run-1\",\"stateMachineArn\":\"x\",\"status\":\""
          + (polls[0] < 3 ? "RUNNING" : "FAILED") + "\",\"startDate\":1763701200,\"error\":\"Ferry.MigrationFailed\"}"));
      StatusCommand status = new StatusCommand();
      status.settingsOverride = stub.settings();
      status.terminal = false;

      Run result = run(status, "orders-db", "--watch", "--interval", "1");

      assertThat(polls[0]).isEqualTo(3);
      assertThat(result.out()).containsOnlyOnce("4/9 migrate SUCCEEDED").contains("ended: FAILED");
      assertThat(result.exitCode()).isEqualTo(1);
    }
  }

  @Test
  void auditPrintsAnAlignedTableFromDynamoDbLocalThroughTheEndpointOption() throws Exception {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    try (LocalDynamoDb dynamo = LocalDynamoDb.start(); DynamoDbClient client = dynamo.newClient()) {
      new Tables(client).ensure("CliAudit", Optional.of("entry"), false);
      for (String[] row : List.of(
          new String[] {"run-1#001#snapshot#STARTED", "snapshot", "backup", "STARTED", "2026-11-21T05:00:00Z", ""},
          new String[] {"run-1#002#migrate#FAILED", "migrate", "upgrade", "FAILED", "2026-11-21T05:05:00Z", "Ferry.UpgradeFailed"})) {
        client.putItem(r -> r.tableName("CliAudit").item(Map.of(
            "target", AttributeValue.fromS("orders-db"), "entry", AttributeValue.fromS(row[0]),
            "step", AttributeValue.fromS(row[1]), "kind", AttributeValue.fromS(row[2]), "phase", AttributeValue.fromS(row[3]),
            "at", AttributeValue.fromS(row[4]), "requestedBy", AttributeValue.fromS("alice"), "trigger", AttributeValue.fromS("api"),
            "error", AttributeValue.fromS(row[5].isEmpty() ? "-" : row[5]), "cause", AttributeValue.fromS("disk full"))));
      }

      Run result = run(new Ferry(), "audit", "orders-db", "--endpoint", dynamo.endpoint().toString(),
          "--region", "us-east-1", "--audit-table", "CliAudit");

      assertThat(result.exitCode()).as(result.err()).isZero();
      List<String> lines = result.out().lines().toList();
      assertThat(lines).hasSize(3);
      assertThat(lines.get(0)).startsWith("AT                    EXECUTION  STEP      KIND     PHASE    REQUESTED BY  TRIGGER  DETAIL");
      assertThat(lines.get(1)).startsWith("2026-11-21T05:00:00Z  run-1      snapshot  backup   STARTED");
      assertThat(lines.get(2)).startsWith("2026-11-21T05:05:00Z  run-1      migrate   upgrade  FAILED   alice         api      Ferry.UpgradeFailed: disk full");
      for (String column : List.of("EXECUTION", "STEP", "PHASE")) {
        int at = lines.get(0).indexOf(column);
        assertThat(lines.subList(1, 3)).allSatisfy(l -> assertThat(l.charAt(at - 1)).isEqualTo(' '));
      }
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void exportWritesTheSameTemplateTheExporterRenders(@TempDir Path dir) throws Exception {
    Path definition = dir.resolve("m.asl.json");
    Files.writeString(definition, Machines.text("postgres-schema-upgrade.asl.json"));
    Path output = dir.resolve("template.json");

    Run result = run(new Ferry(), "export", "cloudformation", "--migration", "postgres-schema-upgrade",
        "--definition", definition.toString(), "-o", output.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readString(output)).isEqualTo(CloudFormationTemplate.render(
        CloudFormationTemplate.build(Machines.schemaUpgrade(), TableNames.DEFAULT, Optional.empty())));
  }

  @Test
  void badInputExitsTwoWithTheFieldAndTheFix(@TempDir Path dir) throws Exception {
    Path definition = dir.resolve("m.asl.json");
    Files.writeString(definition, Machines.text("postgres-schema-upgrade.asl.json"));
    Run missing = run(new Ferry(), "export", "cloudformation", "--migration", "m",
        "--definition", dir.resolve("absent.json").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("definition file " + dir.resolve("absent.json") + " does not exist")
        .contains("compile the migration first");

    Run schedule = run(new Ferry(), "export", "cloudformation", "--migration", "m", "--definition",
        definition.toString(), "--schedule", "rate(1 day)");
    assertThat(schedule.exitCode()).isEqualTo(2);
    assertThat(schedule.err()).contains("--schedule needs --schedule-target");

    Run jar = run(new DeployCommand(), "--migration", "postgres-schema-upgrade", "--tasks-jar", dir.resolve("absent.jar").toString());
    assertThat(jar.exitCode()).isEqualTo(2);
    assertThat(jar.err()).contains("--tasks-jar " + dir.resolve("absent.jar") + " does not exist").contains("./build package");

    Run unknown = run(new DeployCommand(), "--migration", "no-such-migration");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no migration named 'no-such-migration'").contains("postgres-schema-upgrade");
  }
}
