package dev.ferry.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.deploy.ArnContext;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DeployReport;
import dev.ferry.deploy.DeployReport.Action;
import dev.ferry.deploy.DeployRequest;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.Machines;
import dev.ferry.deploy.ScheduleSpec;
import dev.ferry.deploy.TableNames;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineAliasRequest;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineAliasRequest;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineRequest;

class AwsTargetDeployTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String MACHINE = "ferry-postgres-schema-upgrade";
  static final String MACHINE_ARN = RememberingAws.machineArn(MACHINE);
  static final String DLQ = "arn:aws:sqs:eu-west-1:123456789012:ferry-dead-letters";

  final AwsStub stub = new AwsStub();
  final RememberingAws aws = new RememberingAws();
  final AwsClients clients = new AwsClients(stub.settings());
  final AwsTarget target = new AwsTarget(clients, TableNames.DEFAULT);

  AwsTargetDeployTest() {
    aws.install(stub, MACHINE);
  }

  @AfterEach
  void close() {
    clients.close();
    stub.close();
  }

  static ScheduleSpec weekly() {
    InputDocument input = new InputDocument("orders-db", "ops-team", "api",
        InputDocument.parameters(List.of("targetVersion=\"3\"", "snapshotRetentionDays=7")));
    return new ScheduleSpec("cron(0 3 ? * SUN *)", "Europe/Paris", input, 4, 7200, Optional.of(DLQ));
  }

  DeployReport deploy(CompiledMachine machine) {
    return target.ensureInfrastructure(new DeployRequest(machine, Optional.empty(), List.of(), Optional.of(weekly())));
  }

  @Test
  void firstDeployCreatesTablesRolesMachineAliasAndSchedule() throws Exception {
    DeployReport report = deploy(Machines.schemaUpgrade());

    List<CreateTableRequest> created = stub.requests(CreateTableRequest.class);
    assertThat(created).extracting(CreateTableRequest::tableName).containsExactly("FerryProgress", "FerryAudit");
    assertThat(created).allSatisfy(t -> assertThat(t.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST));
    assertThat(created.get(0).keySchema()).containsExactly(key("target", KeyType.HASH));
    assertThat(created.get(1).keySchema()).containsExactly(key("target", KeyType.HASH), key("entry", KeyType.RANGE));
    UpdateContinuousBackupsRequest pitr = stub.only(UpdateContinuousBackupsRequest.class);
    assertThat(pitr.tableName()).isEqualTo("FerryAudit");
    assertThat(pitr.pointInTimeRecoverySpecification().pointInTimeRecoveryEnabled()).isTrue();

    assertThat(stub.requests(CreateRoleRequest.class)).extracting(CreateRoleRequest::roleName)
        .containsExactly("ferry-postgres-schema-upgrade-machine", "ferry-postgres-schema-upgrade-scheduler");
    JsonNode machineTrust = JSON.readTree(stub.requests(CreateRoleRequest.class).get(0).assumeRolePolicyDocument());
    assertThat(machineTrust.at("/Statement/0/Principal/Service").asText()).isEqualTo("states.amazonaws.com");

    PutRolePolicyRequest machinePolicy = stub.requests(PutRolePolicyRequest.class).get(0);
    assertThat(machinePolicy.roleName()).isEqualTo("ferry-postgres-schema-upgrade-machine");
    JsonNode statements = JSON.readTree(machinePolicy.policyDocument()).get("Statement");
    assertThat(statements.findValues("Resource").stream().flatMap(r -> stream(r)).toList())
        .contains("arn:aws:dynamodb:eu-west-1:123456789012:table/FerryAudit",
            "arn:aws:dynamodb:eu-west-1:123456789012:table/FerryProgress",
            "arn:aws:lambda:eu-west-1:123456789012:function:ferry-schema-migrate",
            "arn:aws:lambda:eu-west-1:123456789012:function:ferry-schema-migrate:*")
        .hasSize(18)
        .doesNotContain("*");
    PutRolePolicyRequest schedulerPolicy = stub.requests(PutRolePolicyRequest.class).get(1);
    JsonNode schedulerStatements = JSON.readTree(schedulerPolicy.policyDocument()).get("Statement");
    assertThat(schedulerStatements.get(0).get("Action").asText()).isEqualTo("states:StartExecution");
    assertThat(schedulerStatements.get(0).get("Resource").asText()).isEqualTo(MACHINE_ARN + ":live");
    assertThat(schedulerStatements.get(1).get("Resource").asText()).isEqualTo(DLQ);

    CreateStateMachineRequest machine = stub.only(CreateStateMachineRequest.class);
    assertThat(machine.definition()).isEqualTo(Machines.schemaUpgrade().definitionJson());
    assertThat(machine.publish()).isTrue();
    assertThat(machine.roleArn()).isEqualTo(RememberingAws.roleArn("ferry-postgres-schema-upgrade-machine"));

    CreateStateMachineAliasRequest alias = stub.only(CreateStateMachineAliasRequest.class);
    assertThat(alias.name()).isEqualTo("live");
    assertThat(alias.routingConfiguration()).singleElement().satisfies(route -> {
      assertThat(route.stateMachineVersionArn()).isEqualTo(MACHINE_ARN + ":1");
      assertThat(route.weight()).isEqualTo(100);
    });

    CreateScheduleRequest schedule = stub.only(CreateScheduleRequest.class);
    assertThat(schedule.name()).isEqualTo("ferry-postgres-schema-upgrade-orders-db");
    assertThat(schedule.scheduleExpression()).isEqualTo("cron(0 3 ? * SUN *)");
    assertThat(schedule.scheduleExpressionTimezone()).isEqualTo("Europe/Paris");
    assertThat(schedule.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF);
    assertThat(schedule.target().arn()).isEqualTo(MACHINE_ARN + ":live");
    assertThat(schedule.target().roleArn()).isEqualTo(RememberingAws.roleArn("ferry-postgres-schema-upgrade-scheduler"));
    assertThat(schedule.target().retryPolicy().maximumRetryAttempts()).isEqualTo(4);
    assertThat(schedule.target().retryPolicy().maximumEventAgeInSeconds()).isEqualTo(7200);
    assertThat(schedule.target().deadLetterConfig().arn()).isEqualTo(DLQ);
    assertThat(JSON.readTree(schedule.target().input())).isEqualTo(JSON.readTree("""
        {"target": "orders-db", "requestedBy": "ops-team", "trigger": "schedule",
         "parameters": {"targetVersion": "3", "snapshotRetentionDays": 7}}"""));

    assertThat(report.changes()).extracting(DeployReport.Change::action).doesNotContain(Action.UNCHANGED);
  }

  @Test
  void secondIdenticalDeployReadsEverythingAndWritesNothing() {
    deploy(Machines.schemaUpgrade());
    int before = stub.calls().size();

    DeployReport again = deploy(Machines.schemaUpgrade());

    List<String> secondRun = stub.operations().subList(before, stub.calls().size());
    assertThat(secondRun).allSatisfy(op -> assertThat(op).matches("(Describe|Get|List).*"));
    assertThat(again.changedAnything()).isFalse();
    assertThat(again.changes()).extracting(DeployReport.Change::action).containsOnly(Action.UNCHANGED);
  }

  @Test
  void changedDefinitionPublishesAVersionAndMovesTheAliasToIt() {
    deploy(Machines.schemaUpgrade());
    String changed = Machines.schemaUpgrade().definitionJson().replace("\"TimeoutSeconds\": 900", "\"TimeoutSeconds\": 600");
    int before = stub.calls().size();

    DeployReport report = deploy(CompiledMachine.parse("postgres-schema-upgrade", changed));

    UpdateStateMachineRequest update = stub.only(UpdateStateMachineRequest.class);
    assertThat(update.stateMachineArn()).isEqualTo(MACHINE_ARN);
    assertThat(update.publish()).isTrue();
    assertThat(update.definition()).contains("\"TimeoutSeconds\": 600");
    UpdateStateMachineAliasRequest alias = stub.only(UpdateStateMachineAliasRequest.class);
    assertThat(alias.stateMachineAliasArn()).isEqualTo(MACHINE_ARN + ":live");
    assertThat(alias.routingConfiguration()).singleElement().satisfies(route -> {
      assertThat(route.stateMachineVersionArn()).isEqualTo(MACHINE_ARN + ":2");
      assertThat(route.weight()).isEqualTo(100);
    });
    assertThat(stub.operations().subList(before, stub.calls().size()))
        .doesNotContain("CreateTable", "CreateRole", "PutRolePolicy", "CreateSchedule", "UpdateSchedule");
    assertThat(report.changes()).filteredOn(c -> c.action() != Action.UNCHANGED)
        .extracting(DeployReport.Change::kind).containsExactly("state-machine", "state-machine-alias");
  }

  @Test
  void arnsUseTheClientRegionAndTheCallersAccountFromOneStsCall() {
    assertThat(target.arns()).isEqualTo(new ArnContext("aws", AwsStub.REGION, AwsStub.ACCOUNT));
    assertThat(target.arns()).isSameAs(target.arns());
    assertThat(stub.operations()).containsExactly("GetCallerIdentity");
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  private static java.util.stream.Stream<String> stream(JsonNode node) {
    return node.isArray() ? java.util.stream.StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText)
        : java.util.stream.Stream.of(node.asText());
  }
}
