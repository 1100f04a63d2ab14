package dev.ferry.deploy.cloudformation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contract.ApprovalHeartbeat;
import dev.ferry.deploy.ArnContext;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.DerivedPolicy;
import dev.ferry.deploy.ExecutionEndedRule;
import dev.ferry.deploy.PolicyDeriver;
import dev.ferry.deploy.PolicyStatement;
import dev.ferry.deploy.ScheduleSpec;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.TaskFunctions;
import dev.ferry.deploy.Wildcard;
import java.util.Optional;

/**
 * A CloudFormation template for teams that deploy through infrastructure as code: the state
 * machine (definition verbatim from the compiler), a published version and the {@code live}
 * alias, both tables, the role with its derived policy, and the schedule when one is given.
 * The same inputs always render the same text.
 */
public final class CloudFormationTemplate {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CloudFormationTemplate() {}

  public static ObjectNode build(CompiledMachine machine, TableNames tables, Optional<ScheduleSpec> schedule) {
    schedule.ifPresent(spec -> spec.requireParametersOf(machine));
    DerivedPolicy policy = PolicyDeriver.derive(machine, ArnContext.CLOUDFORMATION);
    ObjectNode template = JSON.createObjectNode();
    template.put("AWSTemplateFormatVersion", "2010-09-09");
    template.put("Description", "Ferry migration " + machine.migration()
        + ": state machine, live alias, progress and audit tables, role, ended-run rule" + (schedule.isPresent() ? ", schedule" : ""));
    ArrayNode wildcards = template.putObject("Metadata").putObject("Ferry").putArray("Wildcards");
    for (Wildcard w : policy.wildcards()) {
      ObjectNode entry = wildcards.addObject();
      w.actions().forEach(entry.putArray("Actions")::add);
      entry.put("Resource", w.resource()).put("Reason", w.reason());
      w.states().forEach(entry.putArray("States")::add);
    }
    ObjectNode resources = template.putObject("Resources");
    resources.set("ProgressTable", table(tables.progress(), false));
    resources.set("AuditTable", table(tables.audit(), true));
    resources.set("MachineRole", role("states.amazonaws.com", "ferry-machine", policyDocument(policy)));

    ObjectNode stateMachine = resource("AWS::StepFunctions::StateMachine");
    ObjectNode smProps = (ObjectNode) stateMachine.get("Properties");
    smProps.put("StateMachineName", machine.stateMachineName());
    smProps.put("StateMachineType", "STANDARD");
    smProps.put("DefinitionString", machine.definitionJson());
    smProps.set("RoleArn", getAtt("MachineRole", "Arn"));
    resources.set("StateMachine", stateMachine);

    ObjectNode version = resource("AWS::StepFunctions::StateMachineVersion");
    ((ObjectNode) version.get("Properties")).set("StateMachineArn", ref("StateMachine"));
    ((ObjectNode) version.get("Properties")).set("StateMachineRevisionId", getAtt("StateMachine", "StateMachineRevisionId"));
    resources.set("StateMachineVersion", version);

    ObjectNode alias = resource("AWS::StepFunctions::StateMachineAlias");
    ObjectNode aliasProps = (ObjectNode) alias.get("Properties");
    aliasProps.put("Name", "live");
    aliasProps.putArray("RoutingConfiguration").addObject()
        .<ObjectNode>set("StateMachineVersionArn", ref("StateMachineVersion")).put("Weight", 100);
    resources.set("LiveAlias", alias);

    schedule.ifPresent(spec -> {
      ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
      ArrayNode statements = doc.putArray("Statement");
      statements.addObject().put("Sid", "StartLiveAlias").put("Effect", "Allow")
          .put("Action", "states:StartExecution").set("Resource", ref("LiveAlias"));
      spec.deadLetterQueueArn().ifPresent(dlq -> statements.addObject().put("Sid", "DeadLetters")
          .put("Effect", "Allow").put("Action", "sqs:SendMessage").put("Resource", dlq));
      resources.set("SchedulerRole", role("scheduler.amazonaws.com", "ferry-scheduler", doc));

      ObjectNode sched = resource("AWS::Scheduler::Schedule");
      ObjectNode props = (ObjectNode) sched.get("Properties");
      props.put("ScheduleExpression", spec.expression());
      props.put("ScheduleExpressionTimezone", spec.timeZone());
      props.putObject("FlexibleTimeWindow").put("Mode", "OFF");
      props.put("State", "ENABLED");
      ObjectNode target = props.putObject("Target");
      target.set("Arn", ref("LiveAlias"));
      target.set("RoleArn", getAtt("SchedulerRole", "Arn"));
      target.put("Input", spec.inputJson());
      target.putObject("RetryPolicy").put("MaximumRetryAttempts", spec.maximumRetryAttempts())
          .put("MaximumEventAgeInSeconds", spec.maximumEventAgeSeconds());
      spec.deadLetterQueueArn().ifPresent(dlq -> target.putObject("DeadLetterConfig").put("Arn", dlq));
      resources.set("Schedule", sched);
    });

    resources.set("ExecutionEndedRule", executionEndedRule());
    ObjectNode permission = resource("AWS::Lambda::Permission");
    ObjectNode permissionProps = (ObjectNode) permission.get("Properties");
    permissionProps.put("Action", "lambda:InvokeFunction");
    permissionProps.set("FunctionName", JSON.createObjectNode().put("Fn::Sub", EXECUTION_ENDED_FUNCTION_ARN));
    permissionProps.put("Principal", ExecutionEndedRule.PRINCIPAL);
    permissionProps.set("SourceArn", getAtt("ExecutionEndedRule", "Arn"));
    resources.set("ExecutionEndedPermission", permission);

    if (TaskFunctions.calledBy(machine).stream().anyMatch(f -> f.name().equals(ApprovalHeartbeat.FUNCTION))) {
      approvalHeartbeat(resources);
    }

    ObjectNode outputs = template.putObject("Outputs");
    outputs.putObject("StateMachineArn").set("Value", ref("StateMachine"));
    outputs.putObject("LiveAliasArn").set("Value", ref("LiveAlias"));
    outputs.putObject("ProgressTableName").set("Value", ref("ProgressTable"));
    outputs.putObject("AuditTableName").set("Value", ref("AuditTable"));
    return template;
  }

  private static final String EXECUTION_ENDED_FUNCTION_ARN = ExecutionEndedRule.functionArn(ArnContext.CLOUDFORMATION);

  /** {@link ExecutionEndedRule} on this stack's machine. */
  private static ObjectNode executionEndedRule() {
    ObjectNode rule = resource("AWS::Events::Rule");
    ObjectNode props = (ObjectNode) rule.get("Properties");
    props.put("Description", ExecutionEndedRule.DESCRIPTION);
    props.set("EventPattern", ExecutionEndedRule.pattern(ref("StateMachine")));
    props.put("State", "ENABLED");
    props.putArray("Targets").addObject().put("Id", ExecutionEndedRule.TARGET_ID)
        .set("Arn", JSON.createObjectNode().put("Fn::Sub", EXECUTION_ENDED_FUNCTION_ARN));
    return rule;
  }

  private static final String APPROVAL_HEARTBEAT_FUNCTION_ARN =
      "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:" + ApprovalHeartbeat.FUNCTION;

  /**
   * The schedule that runs {@code ferry-approval-heartbeat}, so the machine's approvals are
   * heartbeaten while they are on record (contract: "Lambda tasks"), and the role it runs as.
   */
  private static void approvalHeartbeat(ObjectNode resources) {
    ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
    doc.putArray("Statement").addObject().put("Sid", "InvokeHeartbeat").put("Effect", "Allow")
        .put("Action", "lambda:InvokeFunction").set("Resource", JSON.createObjectNode().put("Fn::Sub", APPROVAL_HEARTBEAT_FUNCTION_ARN));
    resources.set("ApprovalHeartbeatRole", role("scheduler.amazonaws.com", "ferry-approval-heartbeat-scheduler", doc));
    ObjectNode schedule = resource("AWS::Scheduler::Schedule");
    ObjectNode props = (ObjectNode) schedule.get("Properties");
    props.put("Description", "Ferry: heartbeat every approval pending on the progress table");
    props.put("ScheduleExpression", ApprovalHeartbeat.SCHEDULE_EXPRESSION);
    props.putObject("FlexibleTimeWindow").put("Mode", "OFF");
    props.put("State", "ENABLED");
    ObjectNode target = props.putObject("Target");
    target.set("Arn", JSON.createObjectNode().put("Fn::Sub", APPROVAL_HEARTBEAT_FUNCTION_ARN));
    target.set("RoleArn", getAtt("ApprovalHeartbeatRole", "Arn"));
    target.put("Input", "{}");
    // A missed sweep is not retried: the next one comes before any heartbeat runs out.
    target.putObject("RetryPolicy").put("MaximumRetryAttempts", 0).put("MaximumEventAgeInSeconds", 60);
    resources.set("ApprovalHeartbeatSchedule", schedule);
  }

  /** Two-space indentation and {@code \n} line ends on every platform. */
  public static String render(ObjectNode template) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return JSON.writer(printer).writeValueAsString(template) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static ObjectNode table(String name, boolean audit) {
    ObjectNode table = resource("AWS::DynamoDB::Table");
    ObjectNode props = (ObjectNode) table.get("Properties");
    props.put("TableName", name);
    props.put("BillingMode", "PAY_PER_REQUEST");
    ArrayNode attributes = props.putArray("AttributeDefinitions");
    ArrayNode keys = props.putArray("KeySchema");
    attributes.addObject().put("AttributeName", "target").put("AttributeType", "S");
    keys.addObject().put("AttributeName", "target").put("KeyType", "HASH");
    if (audit) {
      attributes.addObject().put("AttributeName", "entry").put("AttributeType", "S");
      keys.addObject().put("AttributeName", "entry").put("KeyType", "RANGE");
      props.putObject("PointInTimeRecoverySpecification").put("PointInTimeRecoveryEnabled", true);
    }
    // The audit trail must outlive a deleted stack; progress holds the lock of a run in flight.
    table.put("DeletionPolicy", "Retain");
    table.put("UpdateReplacePolicy", "Retain");
    return table;
  }

  private static ObjectNode role(String principal, String policyName, ObjectNode policyDocument) {
    ObjectNode role = resource("AWS::IAM::Role");
    ObjectNode props = (ObjectNode) role.get("Properties");
    ObjectNode trust = props.putObject("AssumeRolePolicyDocument").put("Version", "2012-10-17");
    trust.putArray("Statement").addObject().put("Effect", "Allow")
        .<ObjectNode>set("Principal", JSON.createObjectNode().put("Service", principal))
        .put("Action", "sts:AssumeRole");
    props.putArray("Policies").addObject().put("PolicyName", policyName).set("PolicyDocument", policyDocument);
    return role;
  }

  /** Resources carry {@code ${AWS::...}} placeholders, resolved by {@code Fn::Sub}. */
  private static ObjectNode policyDocument(DerivedPolicy policy) {
    ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
    ArrayNode statements = doc.putArray("Statement");
    for (PolicyStatement s : policy.statements()) {
      ObjectNode st = statements.addObject().put("Sid", s.sid()).put("Effect", "Allow");
      ArrayNode actions = st.putArray("Action");
      s.actions().forEach(actions::add);
      ArrayNode resources = st.putArray("Resource");
      s.resources().forEach(r -> {
        if (r.contains("${")) {
          resources.addObject().put("Fn::Sub", r);
        } else {
          resources.add(r);
        }
      });
    }
    return doc;
  }

  private static ObjectNode resource(String type) {
    ObjectNode resource = JSON.createObjectNode().put("Type", type);
    resource.putObject("Properties");
    return resource;
  }

  private static ObjectNode ref(String logicalId) {
    return JSON.createObjectNode().put("Ref", logicalId);
  }

  private static ObjectNode getAtt(String logicalId, String attribute) {
    ObjectNode node = JSON.createObjectNode();
    node.putArray("Fn::GetAtt").add(logicalId).add(attribute);
    return node;
  }
}
