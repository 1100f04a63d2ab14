package dev.ferry.deploy.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.FerryException;
import dev.ferry.deploy.InputDocument;
import dev.ferry.deploy.Machines;
import dev.ferry.deploy.ScheduleSpec;
import dev.ferry.deploy.TableNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CloudFormationTemplateTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static ScheduleSpec nightly() {
    return new ScheduleSpec("rate(1 day)", "UTC",
        new InputDocument("orders-db", "ops", "api", InputDocument.parameters(List.of("targetVersion=\"3\""))),
        2, 3600, Optional.empty());
  }

  static String render(CompiledMachine machine, Optional<ScheduleSpec> schedule) {
    return CloudFormationTemplate.render(CloudFormationTemplate.build(machine, TableNames.DEFAULT, schedule));
  }

  @Test
  void templateHoldsMachineTablesRolePolicyAliasAndSchedule() throws Exception {
    JsonNode t = JSON.readTree(render(Machines.schemaUpgrade(), Optional.of(nightly())));
    JsonNode r = t.get("Resources");

    List<String> ids = new ArrayList<>();
    r.fieldNames().forEachRemaining(ids::add);
    assertThat(ids).containsExactly("ProgressTable", "AuditTable", "MachineRole", "StateMachine",
        "StateMachineVersion", "LiveAlias", "SchedulerRole", "Schedule", "ExecutionEndedRule", "ExecutionEndedPermission",
        "ApprovalHeartbeatRole", "ApprovalHeartbeatSchedule");
    assertThat(r.at("/ApprovalHeartbeatSchedule/Properties/ScheduleExpression").asText()).isEqualTo("rate(2 minutes)");
    assertThat(r.at("/ApprovalHeartbeatSchedule/Properties/Target/Arn/Fn::Sub").asText()).endsWith(":function:ferry-approval-heartbeat");
    assertThat(r.at("/ApprovalHeartbeatRole/Properties/Policies/0/PolicyDocument/Statement/0/Action").asText())
        .isEqualTo("lambda:InvokeFunction");
    assertThat(r.at("/ExecutionEndedRule/Properties/EventPattern/detail/status").toString())
        .isEqualTo("[\"ABORTED\",\"TIMED_OUT\",\"FAILED\"]");
    assertThat(r.at("/ExecutionEndedRule/Properties/EventPattern/detail/stateMachineArn/0/Ref").asText()).isEqualTo("StateMachine");
    assertThat(r.at("/ExecutionEndedRule/Properties/Targets/0/Arn/Fn::Sub").asText()).endsWith(":function:ferry-execution-ended");
    assertThat(r.at("/ExecutionEndedRule/Properties/Targets/0/InputTransformer/InputPathsMap/detail").asText()).isEqualTo("$.detail");
    assertThat(r.at("/ExecutionEndedRule/Properties/Targets/0/InputTransformer/InputTemplate").asText())
        .as("the shared function is told this machine's tables").contains("\"progressTable\":\"");
    assertThat(r.at("/ExecutionEndedPermission/Properties/Principal").asText()).isEqualTo("events.amazonaws.com");

    assertThat(r.at("/StateMachine/Properties/DefinitionString").asText())
        .isEqualTo(Machines.schemaUpgrade().definitionJson());
    assertThat(r.at("/StateMachine/Properties/RoleArn/Fn::GetAtt/0").asText()).isEqualTo("MachineRole");
    assertThat(r.at("/AuditTable/Properties/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled").asBoolean()).isTrue();
    assertThat(r.at("/AuditTable/Properties/BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
    assertThat(r.at("/AuditTable/Properties/KeySchema/1/AttributeName").asText()).isEqualTo("entry");
    assertThat(r.at("/ProgressTable/Properties/KeySchema")).hasSize(1);
    assertThat(r.at("/LiveAlias/Properties/RoutingConfiguration/0/StateMachineVersionArn/Ref").asText())
        .isEqualTo("StateMachineVersion");

    JsonNode statements = r.at("/MachineRole/Properties/Policies/0/PolicyDocument/Statement");
    assertThat(statements.findValuesAsText("Fn::Sub")).contains(
        "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/FerryAudit",
        "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:ferry-approval-request");

    assertThat(r.at("/Schedule/Properties/ScheduleExpression").asText()).isEqualTo("rate(1 day)");
    assertThat(r.at("/Schedule/Properties/Target/Arn/Ref").asText()).isEqualTo("LiveAlias");
    assertThat(JSON.readTree(r.at("/Schedule/Properties/Target/Input").asText()).get("trigger").asText()).isEqualTo("schedule");
    assertThat(r.at("/SchedulerRole/Properties/Policies/0/PolicyDocument/Statement/0/Resource/Ref").asText()).isEqualTo("LiveAlias");
    assertThat(t.at("/Metadata/Ferry/Wildcards")).isEmpty();
  }

  @Test
  void sameInputRendersTheSameBytesAndNoScheduleMeansNoScheduleResources() throws Exception {
    String once = render(Machines.schemaUpgrade(), Optional.of(nightly()));
    assertThat(render(Machines.schemaUpgrade(), Optional.of(nightly()))).isEqualTo(once);
    assertThat(once).endsWith("}\n").doesNotContain("\r");
    JsonNode unscheduled = JSON.readTree(render(Machines.schemaUpgrade(), Optional.empty())).get("Resources");
    assertThat(unscheduled.has("Schedule") || unscheduled.has("SchedulerRole")).isFalse();
    assertThat(unscheduled.has("ApprovalHeartbeatSchedule")).as("the approval's heartbeat is not the migration's schedule").isTrue();
  }

  @Test
  void wildcardsAreListedInTheTemplateMetadata() throws Exception {
    CompiledMachine dynamic = CompiledMachine.parse("dynamic", """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName.$": "$.fn"}, "End": true}}}""");
    JsonNode wildcards = JSON.readTree(render(dynamic, Optional.empty())).at("/Metadata/Ferry/Wildcards");
    assertThat(wildcards).hasSize(1);
    assertThat(wildcards.get(0).get("States")).containsExactly(JSON.getNodeFactory().textNode("Call"));
    assertThat(wildcards.get(0).get("Actions")).containsExactly(JSON.getNodeFactory().textNode("lambda:InvokeFunction"));
    assertThat(wildcards.get(0).get("Resource").asText()).endsWith(":function:*");
  }

  @Test
  void aScheduleMissingARequiredParameterOrWithAWrongTypeIsRefusedNamingIt() {
    CompiledMachine declared = dev.ferry.deploy.ShippedMigrations.compile("postgres-schema-upgrade", TableNames.DEFAULT);
    var missing = new ScheduleSpec("rate(1 day)", "UTC", new InputDocument("orders-db", "ops", "api",
        InputDocument.parameters(List.of("dbInstanceIdentifier=orders-db"))), 2, 3600, Optional.empty());
    assertThatThrownBy(() -> CloudFormationTemplate.build(declared, TableNames.DEFAULT, Optional.of(missing)))
        .isInstanceOf(FerryException.class).hasMessageContaining("lacks the required parameter 'secretArn'");
    var mistyped = new ScheduleSpec("rate(1 day)", "UTC", new InputDocument("orders-db", "ops", "api",
        InputDocument.parameters(List.of("dbInstanceIdentifier=orders-db", "secretArn=arn:x", "writers=3"))),
        2, 3600, Optional.empty());
    assertThatThrownBy(() -> CloudFormationTemplate.build(declared, TableNames.DEFAULT, Optional.of(mistyped)))
        .isInstanceOf(FerryException.class).hasMessageContaining("'writers' is a number")
        .hasMessageContaining("list of JSON objects");
  }

  @Test
  void badScheduleInputIsRefusedNamingTheField() {
    assertThatThrownBy(() -> new ScheduleSpec("every day", "UTC", nightly().input(), 2, 3600, Optional.empty()))
        .isInstanceOf(FerryException.class).hasMessageContaining("schedule expression 'every day'");
    assertThatThrownBy(() -> new ScheduleSpec("rate(1 day)", "Mars/Olympus", nightly().input(), 2, 3600, Optional.empty()))
        .hasMessageContaining("time zone 'Mars/Olympus'");
    assertThatThrownBy(() -> new ScheduleSpec("rate(1 day)", "UTC", nightly().input(), 2, 3600, Optional.of("queue")))
        .hasMessageContaining("dead-letter queue 'queue'");
  }
}
