package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PolicyDeriverTest {

  static final ArnContext ARNS = new ArnContext("aws", "eu-west-1", "123456789012");

  static String fn(String name) {
    return "arn:aws:lambda:eu-west-1:123456789012:function:" + name;
  }

  @Test
  void grantsExactlyTheFunctionsAndTableActionsTheSampleMachineUses() {
    DerivedPolicy policy = PolicyDeriver.derive(Machines.schemaUpgrade(), ARNS);

    List<String> functions = List.of("ferry-approval-request", "ferry-baseline-capture", "ferry-db-snapshot-create",
        "ferry-db-snapshot-status", "ferry-http-check", "ferry-schema-migrate", "ferry-writers-pause",
        "ferry-writers-resume");
    assertThat(policy.statements()).extracting(PolicyStatement::sid).containsExactly("Dynamodb1", "Dynamodb2", "Lambda1");
    assertThat(policy.statements().get(0).actions()).containsExactly("dynamodb:PutItem");
    assertThat(policy.statements().get(0).resources())
        .containsExactly("arn:aws:dynamodb:eu-west-1:123456789012:table/FerryAudit");
    assertThat(policy.statements().get(1).actions()).containsExactly("dynamodb:UpdateItem");
    assertThat(policy.statements().get(1).resources())
        .containsExactly("arn:aws:dynamodb:eu-west-1:123456789012:table/FerryProgress");
    assertThat(policy.statements().get(2).actions()).containsExactly("lambda:InvokeFunction");
    assertThat(policy.statements().get(2).resources()).containsExactlyElementsOf(
        functions.stream().flatMap(f -> Stream.of(fn(f), fn(f) + ":*")).sorted().toList());
    assertThat(policy.wildcards()).isEmpty();
  }

  @Test
  void documentIsAnIamPolicyWithNoStarResource() {
    JsonNode doc = PolicyDeriver.derive(Machines.schemaUpgrade(), ARNS).document();
    assertThat(doc.get("Version").asText()).isEqualTo("2012-10-17");
    assertThat(doc.get("Statement")).hasSize(3);
    doc.get("Statement").forEach(s -> {
      assertThat(s.get("Effect").asText()).isEqualTo("Allow");
      s.get("Resource").forEach(r -> assertThat(r.asText()).doesNotEndWith(":*:*").isNotEqualTo("*"));
    });
  }

  @Test
  void runTimeNamesAndUnknownServicesAreGrantedOnWildcardsAndReported() {
    CompiledMachine machine = CompiledMachine.parse("dynamic", """
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName.$": "$.fn", "Payload": {}}, "Next": "Read"},
          "Read": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:getItem",
                   "Parameters": {"TableName.$": "$.table", "Key": {}}, "Next": "Snap"},
          "Snap": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:rds:createDBSnapshot",
                   "Parameters": {"DbInstanceIdentifier": "orders", "DbSnapshotIdentifier.$": "$$.Execution.Name"},
                   "Next": "Secret"},
          "Secret": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:secretsmanager:getSecretValue",
                   "Parameters": {"SecretId": "orders-db"}, "Next": "Ship"},
          "Ship": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ecs:updateService",
                   "Parameters": {"Service": "orders"}, "Next": "Q"},
          "Q": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:query",
                "Parameters": {"TableName": "Orders", "IndexName": "byCustomer"}, "End": true}}}
        """);
    DerivedPolicy policy = PolicyDeriver.derive(machine, ARNS);

    assertThat(policy.wildcards()).containsExactly(
        Wildcard.of("Call", "lambda:InvokeFunction", fn("*"), "FunctionName is computed at run time"),
        Wildcard.of("Read", "dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:123456789012:table/*",
            "TableName is computed at run time"),
        Wildcard.of("Snap", "rds:CreateDBSnapshot", "arn:aws:rds:eu-west-1:123456789012:snapshot:*",
            "DbSnapshotIdentifier is computed at run time"),
        Wildcard.of("Ship", "ecs:UpdateService", "*",
            "Ferry does not derive resources for ecs:UpdateService; narrow them in the exported template"));
    assertThat(policy.statements()).anySatisfy(s -> {
      assertThat(s.actions()).containsExactly("rds:CreateDBSnapshot");
      assertThat(s.resources()).containsExactly("arn:aws:rds:eu-west-1:123456789012:db:orders",
          "arn:aws:rds:eu-west-1:123456789012:snapshot:*");
    });
    assertThat(policy.statements()).anySatisfy(s -> {
      assertThat(s.actions()).containsExactly("secretsmanager:GetSecretValue");
      assertThat(s.resources()).containsExactly("arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-db-*");
    });
    assertThat(policy.statements()).anySatisfy(s -> {
      assertThat(s.actions()).containsExactly("dynamodb:Query");
      assertThat(s.resources()).containsExactly(
          "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders",
          "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/index/byCustomer");
    });
  }

  @Test
  void aResourceWithoutKnownPermissionsIsAnErrorNamingTheState() {
    CompiledMachine machine = CompiledMachine.parse("odd", """
        {"StartAt": "Odd", "States": {"Odd": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync", "End": true}}}
        """);
    assertThatThrownBy(() -> PolicyDeriver.derive(machine, ARNS))
        .isInstanceOf(FerryException.class)
        .hasMessageContaining("Task state 'Odd'")
        .hasMessageContaining("arn:aws:states:::glue:startJobRun.sync");
  }

  @Test
  void taskRoleGrantsLogsAndWhatEachFunctionsAdapterCallsOnTheResourcesItsPayloadNames() {
    List<FunctionSpec> functions = TaskFunctions.calledBy(Machines.schemaUpgrade());
    DerivedPolicy policy = TaskRolePolicy.derive(Machines.schemaUpgrade(), functions, TableNames.DEFAULT, ARNS);
    String text = policy.document().toString();

    assertThat(text).contains("arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/ferry-db-snapshot-create:*");
    assertThat(policy.statements()).anySatisfy(s -> {
      assertThat(s.resources()).containsExactly("arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-db-AbCdEf");
      assertThat(s.actions()).containsExactly("secretsmanager:GetSecretValue");
    });
    assertThat(policy.statements()).anySatisfy(s -> {
      assertThat(s.resources()).containsExactly("arn:aws:rds:eu-west-1:123456789012:db:orders-db");
      assertThat(s.actions()).containsExactly("rds:CreateDBSnapshot");
    });
    assertThat(policy.statements()).anySatisfy(s -> {
      assertThat(s.resources()).containsExactly(fn("orders-writer"));
      assertThat(s.actions()).contains("lambda:PutFunctionConcurrency", "lambda:DeleteFunctionConcurrency", "lambda:TagResource");
    });
    assertThat(policy.statements()).anySatisfy(s -> {
      assertThat(s.resources()).containsExactly("arn:aws:dynamodb:eu-west-1:123456789012:table/FerryProgress");
      // the approval's request, and the heartbeat that reads every pending approval
      assertThat(s.actions()).containsExactly("dynamodb:Scan", "dynamodb:UpdateItem");
    });
    assertThat(policy.wildcards()).extracting(Wildcard::resource).containsExactlyInAnyOrder(
        "arn:aws:rds:eu-west-1:123456789012:snapshot:ferry-*",
        "arn:aws:lambda:eu-west-1:123456789012:event-source-mapping:*", "*");
    assertThat(policy.wildcards()).filteredOn(w -> w.resource().endsWith("snapshot:ferry-*")).singleElement()
        .satisfies(w -> {
          assertThat(w.actions()).containsExactly("rds:CreateDBSnapshot", "rds:DescribeDBSnapshots");
          assertThat(w.states()).containsExactly("Snapshot", "WaitForSnapshot");
        });
  }

  @Test
  void writersFromAParameterAreGrantedForTheKindsItDeclaresAndEveryKindWhenItDeclaresNone() {
    String pause = """
        {"StartAt": "Pause", "States": {
          "Pause": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "ferry-writers-pause", "Payload": {"writers.$": "States.Array($.parameters.service)"}},
                    "Next": "Resume"},
          "Resume": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "ferry-writers-resume", "Payload": {"paused.$": "$.steps.pause.result.paused"}},
                    "End": true}}}
        """;
    List<FunctionSpec> functions = List.of(new FunctionSpec("ferry-writers-pause", "P", 512, 60),
        new FunctionSpec("ferry-writers-resume", "R", 512, 60));
    CompiledMachine plain = CompiledMachine.parse("m", pause);
    CompiledMachine ecs = new CompiledMachine("m", pause, plain.definition(), java.util.Optional.empty(),
        List.of(dev.ferry.dsl.Parameter.object("service").holdingWriters(dev.ferry.dsl.WriterKind.ECS)));
    CompiledMachine undeclared = new CompiledMachine("m", pause, plain.definition(), java.util.Optional.empty(),
        List.of(dev.ferry.dsl.Parameter.object("service")));

    DerivedPolicy declared = TaskRolePolicy.derive(ecs, functions, TableNames.DEFAULT, ARNS);
    assertThat(declared.statements()).anySatisfy(s -> {
      assertThat(s.resources()).containsExactly("arn:aws:ecs:eu-west-1:123456789012:service/*/*");
      assertThat(s.actions()).containsExactly("ecs:DescribeServices", "ecs:ListTagsForResource", "ecs:TagResource",
          "ecs:UntagResource", "ecs:UpdateService");
    });
    assertThat(declared.document().toString()).doesNotContain("lambda:PutFunctionConcurrency");
    assertThat(declared.wildcards()).singleElement().satisfies(w -> {
      assertThat(w.states()).containsExactly("Pause", "Resume");
      assertThat(w.reason()).contains("declaring ecs writers");
    });

    DerivedPolicy all = TaskRolePolicy.derive(undeclared, functions, TableNames.DEFAULT, ARNS);
    assertThat(all.document().toString()).contains("lambda:PutFunctionConcurrency", "ecs:UpdateService");
    assertThat(all.wildcards()).extracting(Wildcard::reason).anySatisfy(r -> assertThat(r).contains("holdingWriters"));
  }

  @Test
  void theLockHolderCheckOfACompiledMachineMayDescribeAnyFerryExecutionAndSaysWhy() {
    CompiledMachine machine = ShippedMigrations.compile("postgres-schema-upgrade", TableNames.DEFAULT);
    DerivedPolicy policy = TaskRolePolicy.derive(machine, TaskFunctions.calledBy(machine), TableNames.DEFAULT, ARNS);

    assertThat(TaskFunctions.calledBy(machine)).extracting(FunctionSpec::name).contains("ferry-lock-holder");
    assertThat(policy.wildcards()).filteredOn(w -> w.actions().contains("states:DescribeExecution")).singleElement()
        .satisfies(w -> {
          assertThat(w.resource()).isEqualTo("arn:aws:states:eu-west-1:123456789012:execution:ferry-*:*");
          assertThat(w.actions()).containsExactly("states:DescribeExecution");
          assertThat(w.states()).containsExactly("Ask whether the lock holder runs");
          assertThat(w.reason()).contains("whichever Ferry machine");
        });
    assertThat(policy.statements()).anySatisfy(s -> {
      assertThat(s.resources()).containsExactly("arn:aws:dynamodb:eu-west-1:123456789012:table/FerryProgress");
      assertThat(s.actions()).contains("dynamodb:GetItem");
    });
  }

  @Test
  void everyShippedTaskFunctionHasItsPermissionsDefined() {
    String states = dev.ferry.tasks.TaskCatalog.functions().stream()
        .map(f -> "\"" + f.name() + "\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
            + " \"Parameters\": {\"FunctionName\": \"" + f.name() + "\", \"Payload\": {}}, \"End\": true}")
        .collect(java.util.stream.Collectors.joining(", "));
    CompiledMachine all = CompiledMachine.parse("all", "{\"StartAt\": \"ferry-http-check\", \"States\": {" + states + "}}");
    List<FunctionSpec> functions = dev.ferry.tasks.TaskCatalog.functions().stream()
        .map(f -> new FunctionSpec(f.name(), f.handler(), f.memoryMb(), f.timeoutSeconds())).toList();

    assertThat(TaskRolePolicy.derive(all, functions, TableNames.DEFAULT, ARNS).statements()).isNotEmpty();
  }
}
