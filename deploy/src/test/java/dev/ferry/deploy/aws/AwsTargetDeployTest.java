package dev.ferry.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployReport;
import dev.ferry.deploy.DeployReport.Action;
import dev.ferry.deploy.ExecutionEndedRule;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.FunctionSpec;
import dev.ferry.deploy.ScheduleSpec;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.TaskFunctions;
import dev.ferry.dsl.MigrationDefinition;
import dev.ferry.testing.aws.Moto;
import dev.ferry.testing.aws.MotoServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;

/** {@code ferry deploy} of every shipped migration against moto: the account it leaves, and a second deploy. */
@ExtendWith(Moto.class)
class AwsTargetDeployTest {

  @TempDir Path dir;
  MotoAccount account;

  @BeforeEach
  void open(MotoServer moto) {
    account = new MotoAccount(moto, dir);
  }

  @AfterEach
  void close() {
    account.close();
  }

  static Stream<String> shipped() {
    return ShippedMigrations.all().stream().map(MigrationDefinition::name);
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void deployFromScratchLeavesTheAccountAsDeclaredAndASecondDeployOnlyReads(String migration) throws Exception {
    CompiledMachine machine = MotoAccount.machine(migration);
    ScheduleSpec schedule = MotoAccount.weekly(migration);
    AwsClients aws = account.clients;
    String machineArn = account.target.arns().stateMachine(machine.stateMachineName());

    DeployReport first = account.deploy(machine, Optional.of(schedule));

    assertThat(first.changes()).extracting(DeployReport.Change::action).doesNotContain(Action.UNCHANGED);
    assertThat(first.liveAliasArn()).contains(machineArn + ":live");
    var progress = aws.dynamoDb().describeTable(r -> r.tableName("FerryProgress")).table();
    var audit = aws.dynamoDb().describeTable(r -> r.tableName("FerryAudit")).table();
    assertThat(progress.keySchema()).extracting(k -> k.attributeName() + " " + k.keyType()).containsExactly("target " + KeyType.HASH);
    assertThat(audit.keySchema()).extracting(k -> k.attributeName() + " " + k.keyType())
        .containsExactly("target " + KeyType.HASH, "entry " + KeyType.RANGE);
    assertThat(aws.dynamoDb().describeContinuousBackups(r -> r.tableName("FerryAudit")).continuousBackupsDescription()
        .pointInTimeRecoveryDescription().pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.ENABLED);

    List<FunctionSpec> functions = TaskFunctions.calledBy(machine);
    String tasksRole = aws.iam().getRole(r -> r.roleName(AwsTarget.TASKS_ROLE)).role().arn();
    for (FunctionSpec f : functions) {
      FunctionConfiguration config = aws.lambda().getFunction(r -> r.functionName(f.name())).configuration();
      assertThat(config.role()).isEqualTo(tasksRole);
      assertThat(config.handler()).isEqualTo(f.handler());
      assertThat(config.timeout()).isEqualTo(f.timeoutSeconds());
      assertThat(aws.lambda().listVersionsByFunction(r -> r.functionName(f.name())).versions())
          .extracting(FunctionConfiguration::version).contains("1");
    }
    assertThat(aws.iam().listAttachedRolePolicies(r -> r.roleName(AwsTarget.TASKS_ROLE)).attachedPolicies())
        .extracting(p -> p.policyName()).containsExactly(AwsTarget.tasksPolicyName(machine));
    for (JsonNode policy : List.of(account.tasksPolicy(migration), account.machinePolicy(migration))) {
      assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
      assertThat(policy.path("Statement").findValues("Action").stream().flatMap(MotoAccount::texts).toList())
          .as("no wildcard actions").isNotEmpty().allSatisfy(a -> assertThat(a).doesNotContain("*"));
      assertThat(policy.path("Statement").findValues("Resource").stream().flatMap(MotoAccount::texts).toList())
          .as("no statement on every resource but the ones IAM has no resource for").allSatisfy(r -> {
            if (r.equals("*")) {
              assertThat(policy.toString()).containsAnyOf("dynamodb:ListBackups", "lambda:ListEventSourceMappings",
                  "states:SendTaskHeartbeat");
            }
          });
    }

    var described = aws.sfn().describeStateMachine(r -> r.stateMachineArn(machineArn));
    assertThat(described.definition()).isEqualTo(machine.definitionJson());
    assertThat(described.roleArn()).endsWith(":role/" + AwsTarget.roleName(machine, "machine"));
    assertThat(aws.sfn().describeStateMachineAlias(r -> r.stateMachineAliasArn(machineArn + ":live")).routingConfiguration())
        .extracting(RoutingConfigurationListItem::stateMachineVersionArn, RoutingConfigurationListItem::weight)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(machineArn + ":1", 100));

    var scheduled = aws.scheduler().getSchedule(r -> r.name(AwsTarget.scheduleName(machine, schedule.input().target())));
    assertThat(scheduled.scheduleExpression()).isEqualTo("cron(0 3 ? * SUN *)");
    assertThat(scheduled.target().arn()).isEqualTo(machineArn + ":live");
    JsonNode input = MotoAccount.JSON.readTree(scheduled.target().input());
    assertThat(input.path("trigger").asText()).isEqualTo("schedule");
    assertThat(input.path("parameters")).isEqualTo(MotoAccount.exampleInput(migration).path("parameters"));

    String ruleName = ExecutionEndedRule.name(machine);
    var rule = aws.eventBridge().describeRule(r -> r.name(ruleName));
    assertThat(MotoAccount.JSON.readTree(rule.eventPattern())).isEqualTo(MotoAccount.JSON.readTree("{\"source\":[\"aws.states\"],"
        + "\"detail-type\":[\"Step Functions Execution Status Change\"],"
        + "\"detail\":{\"status\":[\"ABORTED\",\"TIMED_OUT\",\"FAILED\"],\"stateMachineArn\":[\"" + machineArn + "\"]}}"));
    assertThat(rule.stateAsString()).isEqualTo("ENABLED");
    String endedArn = aws.lambda().getFunction(r -> r.functionName("ferry-execution-ended")).configuration().functionArn();
    assertThat(aws.eventBridge().listTargetsByRule(r -> r.rule(ruleName)).targets()).singleElement().satisfies(t -> {
      assertThat(t.id() + " " + t.arn()).isEqualTo("ferry-execution-ended " + endedArn);
      assertThat(t.inputTransformer().inputPathsMap()).containsExactly(java.util.Map.entry("detail", "$.detail"));
      assertThat(t.inputTransformer().inputTemplate())
          .isEqualTo("{\"detail\":<detail>,\"progressTable\":\"FerryProgress\",\"auditTable\":\"FerryAudit\"}");
    });
    JsonNode permission = MotoAccount.JSON.readTree(aws.lambda().getPolicy(r -> r.functionName("ferry-execution-ended")).policy())
        .path("Statement").get(0);
    assertThat(permission.path("Sid").asText()).isEqualTo(ruleName);
    assertThat(permission.path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
    assertThat(permission.path("Action").asText()).isEqualTo("lambda:InvokeFunction");
    assertThat(permission.path("Condition").path("ArnLike").path("AWS:SourceArn").asText()).isEqualTo(rule.arn());
    assertThat(first.changes()).extracting(c -> c.kind() + " " + c.name()).contains("eventbridge-rule " + ruleName,
        "eventbridge-target " + ruleName + "/ferry-execution-ended", "lambda-permission ferry-execution-ended/" + ruleName);
    assertThat(account.tasksPolicy(migration).toString()).as("the ended-run function may record the run")
        .contains("dynamodb:GetItem").contains(":table/FerryAudit");

    int before = account.recorded.calls().size();
    DeployReport again = account.deploy(machine, Optional.of(schedule));

    assertThat(again.changedAnything()).as(again.changes().toString()).isFalse();
    assertThat(account.recorded.operations().subList(before, account.recorded.calls().size()))
        .allSatisfy(op -> assertThat(op).matches("(Describe|Get|List).*"));
    assertThat(again.wildcards()).isEqualTo(first.wildcards());
  }

  @Test
  void aDeployPutsBackTheEndedRunRuleItsTargetAndPermissionWhereTheyWereChangedOrRemoved() {
    CompiledMachine machine = MotoAccount.machine("postgres-schema-upgrade");
    String ruleName = ExecutionEndedRule.name(machine);
    account.deploy(machine, Optional.empty());
    var events = account.clients.eventBridge();
    String firstPattern = events.describeRule(r -> r.name(ruleName)).eventPattern();
    events.putRule(r -> r.name(ruleName).eventPattern("{\"source\":[\"aws.states\"]}").state("DISABLED"));
    events.removeTargets(r -> r.rule(ruleName).ids("ferry-execution-ended"));
    account.clients.lambda().removePermission(r -> r.functionName("ferry-execution-ended").statementId(ruleName));

    DeployReport repaired = account.deploy(machine, Optional.empty());

    assertThat(repaired.changes()).filteredOn(c -> c.action() != Action.UNCHANGED)
        .extracting(c -> c.kind() + " " + c.action())
        .containsExactly("eventbridge-rule UPDATED", "eventbridge-target CREATED", "lambda-permission CREATED");
    assertThat(events.describeRule(r -> r.name(ruleName)).eventPattern()).isEqualTo(firstPattern);
    assertThat(events.describeRule(r -> r.name(ruleName)).stateAsString()).isEqualTo("ENABLED");
    assertThat(events.listTargetsByRule(r -> r.rule(ruleName)).targets()).singleElement()
        .satisfies(t -> assertThat(t.arn()).endsWith(":function:ferry-execution-ended"));
    assertThat(account.deploy(machine, Optional.empty()).changedAnything()).isFalse();
  }

  @Test
  void aDeployWithoutATasksJarIsRefusedNamingTheEndedRunFunctionBeforeAnyAwsCall() {
    CompiledMachine machine = MotoAccount.machine("postgres-schema-upgrade");
    assertThatThrownBy(() -> account.target.ensureInfrastructure(
        new dev.ferry.deploy.DeployRequest(machine, Optional.empty(), List.of(), Optional.empty())))
        .isInstanceOf(FerryException.class)
        .hasMessageContaining("no tasks jar: the deploy puts up ferry-execution-ended");
    assertThat(account.recorded.calls()).isEmpty();
  }

  /**
   * moto deploys the alias but answers StartExecution on it StateMachineDoesNotExist: a start right
   * after a deploy must say the migration is deployed and give AWS's answer, not send the user to
   * deploy again what is there. Before any deploy it says the migration is not deployed.
   */
  @Test
  void aRefusedStartSaysWhetherTheMigrationIsDeployedAndGivesTheServicesAnswer() {
    assertThatThrownBy(() -> account.target.start(AwsTargetOperateTest.request("before-deploy")))
        .isInstanceOf(FerryException.class)
        .hasMessageContaining("migration postgres-schema-upgrade is not deployed here");

    account.deploy(MotoAccount.machine("postgres-schema-upgrade"), Optional.empty());

    assertThatThrownBy(() -> account.target.start(AwsTargetOperateTest.request("after-deploy")))
        .isInstanceOf(FerryException.class)
        .hasMessageContaining("migration postgres-schema-upgrade is deployed, but Step Functions refused to start its live alias")
        .hasMessageContaining(":stateMachine:ferry-postgres-schema-upgrade:live: ")
        .satisfies(e -> assertThat(((FerryException) e).hint()).contains("moto 5"));
  }

  @Test
  void aChangedMigrationPublishesANewVersionAndMovesTheAlias() {
    CompiledMachine machine = MotoAccount.machine("postgres-schema-upgrade");
    String machineArn = account.target.arns().stateMachine(machine.stateMachineName());
    account.deploy(machine, Optional.empty());
    CompiledMachine changed = machine.withDefinition(
        machine.definitionJson().replace("\"TimeoutSeconds\": 1800", "\"TimeoutSeconds\": 600"));
    assertThat(changed.definitionJson()).isNotEqualTo(machine.definitionJson());

    DeployReport report = account.deploy(changed, Optional.empty());

    assertThat(report.changes()).filteredOn(c -> c.action() != Action.UNCHANGED)
        .extracting(DeployReport.Change::kind).containsExactly("state-machine", "state-machine-alias");
    assertThat(account.clients.sfn().describeStateMachineAlias(r -> r.stateMachineAliasArn(machineArn + ":live"))
        .routingConfiguration()).singleElement()
        .satisfies(route -> assertThat(route.stateMachineVersionArn()).isEqualTo(machineArn + ":2"));
    assertThat(account.clients.sfn().describeStateMachine(r -> r.stateMachineArn(machineArn + ":2")).definition())
        .contains("\"TimeoutSeconds\": 600");
    assertThat(account.clients.sfn().describeStateMachine(r -> r.stateMachineArn(machineArn + ":1")).definition())
        .as("the earlier version stays as it was").isEqualTo(machine.definitionJson());
  }

  @Test
  void deployingASecondMigrationLeavesTheFirstOnesPermissionsAndFunctionsAsTheyWere() {
    account.deploy(MotoAccount.machine("metaflow-service-upgrade"), Optional.empty());
    JsonNode metaflowPolicy = account.tasksPolicy("metaflow-service-upgrade");
    List<FunctionConfiguration> before = functions("metaflow-service-upgrade");

    account.deploy(MotoAccount.machine("postgres-schema-upgrade"), Optional.empty());

    assertThat(account.tasksPolicy("metaflow-service-upgrade")).isEqualTo(metaflowPolicy);
    assertThat(functions("metaflow-service-upgrade")).isEqualTo(before);
    assertThat(account.clients.iam().listAttachedRolePolicies(r -> r.roleName(AwsTarget.TASKS_ROLE)).attachedPolicies())
        .extracting(p -> p.policyName())
        .containsExactlyInAnyOrder("ferry-tasks-metaflow-service-upgrade", "ferry-tasks-postgres-schema-upgrade");
    assertThat(metaflowPolicy.toString()).contains("ecs:UpdateService");
  }

  private List<FunctionConfiguration> functions(String migration) {
    List<FunctionConfiguration> out = new ArrayList<>();
    for (FunctionSpec f : TaskFunctions.calledBy(MotoAccount.machine(migration))) {
      out.add(account.clients.lambda().getFunction(r -> r.functionName(f.name())).configuration().toBuilder()
          .lastModified(null).revisionId(null).build());
    }
    return out;
  }

  @Test
  void aScheduleWithoutARequiredParameterIsRefusedBeforeAnyAwsCall() {
    CompiledMachine machine = MotoAccount.machine("metaflow-service-upgrade");
    var input = MotoAccount.exampleInput("metaflow-service-upgrade");
    ((com.fasterxml.jackson.databind.node.ObjectNode) input.get("parameters")).remove("migrationServiceUrl");

    assertThatThrownBy(() -> account.request(machine, Optional.of(new ScheduleSpec("rate(1 day)", "UTC",
        new dev.ferry.deploy.InputDocument("metaflow-metadata", "ops", "api",
            (com.fasterxml.jackson.databind.node.ObjectNode) input.get("parameters")), 2, 3600, Optional.empty()))))
        .isInstanceOf(FerryException.class)
        .hasMessageContaining("lacks the required parameter 'migrationServiceUrl' of metaflow-service-upgrade")
        .satisfies(e -> assertThat(((FerryException) e).hint()).contains("--schedule-param migrationServiceUrl="));
    assertThat(account.recorded.calls()).isEmpty();
  }

  @Test
  void aMigrationWithAnApprovalGetsTheSharedHeartbeatScheduleAndItsPermissions() {
    CompiledMachine machine = MotoAccount.machine("pachyderm-major-migration");
    assertThat(TaskFunctions.calledBy(machine)).extracting(FunctionSpec::name).contains("ferry-approval-heartbeat");
    assertThat(TaskFunctions.calledBy(MotoAccount.machine("postgres-schema-upgrade"))).extracting(FunctionSpec::name)
        .as("no approval, no heartbeat").doesNotContain("ferry-approval-heartbeat");

    DeployReport first = account.deploy(machine, Optional.empty());

    String function = account.target.arns().lambdaFunction("ferry-approval-heartbeat");
    var sweep = account.clients.scheduler().getSchedule(r -> r.name("ferry-approval-heartbeat"));
    assertThat(sweep.scheduleExpression()).isEqualTo("rate(2 minutes)");
    assertThat(sweep.target().arn()).isEqualTo(function);
    assertThat(sweep.target().roleArn()).endsWith(":role/ferry-approval-heartbeat-scheduler");
    JsonNode invoke = MotoAccount.parse(account.clients.iam().getRolePolicy(r -> r
        .roleName("ferry-approval-heartbeat-scheduler").policyName("ferry-approval-heartbeat-scheduler")).policyDocument());
    assertThat(invoke.path("Statement").get(0).path("Resource").asText()).isEqualTo(function);
    assertThat(account.tasksPolicy("pachyderm-major-migration").toString())
        .contains("states:SendTaskHeartbeat", "dynamodb:Scan");
    assertThat(first.wildcards()).anySatisfy(w -> {
      assertThat(w.actions()).containsExactly("states:SendTaskHeartbeat");
      assertThat(w.reason()).contains("task token");
    });

    assertThat(account.deploy(machine, Optional.empty()).changedAnything()).as("a second deploy only reads").isFalse();
  }

  @Test
  void arnsUseTheClientRegionAndTheCallersAccountFromOneStsCall() {
    assertThat(account.target.arns()).isEqualTo(new dev.ferry.deploy.ArnContext("aws", MotoServer.REGION.id(), MotoServer.ACCOUNT));
    assertThat(account.target.arns()).isSameAs(account.target.arns());
    assertThat(account.recorded.operations()).containsExactly("GetCallerIdentity");
  }
}
