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
        new Wildcard("Call", "lambda:InvokeFunction", fn("*"), "FunctionName is computed at run time"),
        new Wildcard("Read", "dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:123456789012:table/*",
            "TableName is computed at run time"),
        new Wildcard("Snap", "rds:CreateDBSnapshot", "arn:aws:rds:eu-west-1:123456789012:snapshot:*",
            "DbSnapshotIdentifier is computed at run time"),
        new Wildcard("Ship", "ecs:UpdateService", "*",
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
  void taskRoleGrantsLogsAndTheResourcesNamedInPayloads() {
    List<FunctionSpec> functions = List.of(
        new FunctionSpec("ferry-db-snapshot-create", "dev.ferry.tasks.SnapshotCreate::handleRequest", 512, 60),
        new FunctionSpec("ferry-approval-request", "dev.ferry.tasks.ApprovalRequest::handleRequest", 256, 30));
    DerivedPolicy policy = TaskRolePolicy.derive(Machines.schemaUpgrade(), functions, TableNames.DEFAULT, ARNS);
    JsonNode doc = policy.document();
    String text = doc.toString();

    assertThat(text).contains("arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/ferry-db-snapshot-create:*");
    assertThat(policy.statements()).anySatisfy(s -> {
      assertThat(s.resources()).containsExactly("arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-db-AbCdEf");
      assertThat(s.actions()).containsExactly("secretsmanager:GetSecretValue");
    });
    assertThat(policy.statements()).anySatisfy(s -> {
      assertThat(s.resources()).containsExactly("arn:aws:rds:eu-west-1:123456789012:db:orders-db");
      assertThat(s.actions()).contains("rds:CreateDBSnapshot");
    });
    assertThat(policy.statements()).anySatisfy(s -> {
      assertThat(s.resources()).containsExactly(fn("orders-writer"));
      assertThat(s.actions()).contains("lambda:PutFunctionConcurrency");
    });
    assertThat(policy.statements()).anySatisfy(s -> {
      assertThat(s.resources()).containsExactly("arn:aws:dynamodb:eu-west-1:123456789012:table/FerryProgress");
      assertThat(s.actions()).containsExactly("dynamodb:UpdateItem");
    });
    assertThat(policy.wildcards()).extracting(Wildcard::resource)
        .contains("arn:aws:rds:eu-west-1:123456789012:snapshot:*");
  }
}
