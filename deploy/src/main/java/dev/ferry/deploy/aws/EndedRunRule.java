package dev.ferry.deploy.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.deploy.Canonical;
import dev.ferry.deploy.DeployReport.Action;
import dev.ferry.deploy.DeployReport.Change;
import dev.ferry.deploy.ExecutionEndedRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Writes {@link ExecutionEndedRule} for one machine through the SDK: the rule with its pattern, its
 * target (the function) and the function's permission for EventBridge to invoke it from that rule.
 * Each is compared with what is there first, so a second deploy only reads.
 */
final class EndedRunRule {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventBridgeClient events;
  private final LambdaClient lambda;

  EndedRunRule(EventBridgeClient events, LambdaClient lambda) {
    this.events = events;
    this.lambda = lambda;
  }

  List<Change> ensure(String ruleName, String stateMachineArn, String functionArn, String permissionId) {
    String pattern = ExecutionEndedRule.pattern(stateMachineArn).toString();
    Optional<DescribeRuleResponse> current = describe(ruleName);
    String ruleArn;
    Change rule;
    String detail = "ABORTED, TIMED_OUT, FAILED of " + stateMachineArn;
    if (current.isPresent() && Canonical.sameJson(current.get().eventPattern(), pattern)
        && current.get().state() == RuleState.ENABLED && ExecutionEndedRule.DESCRIPTION.equals(current.get().description())) {
      ruleArn = current.get().arn();
      rule = new Change("eventbridge-rule", ruleName, Action.UNCHANGED, detail);
    } else {
      ruleArn = events.putRule(r -> r.name(ruleName).eventPattern(pattern).state(RuleState.ENABLED)
          .description(ExecutionEndedRule.DESCRIPTION)).ruleArn();
      rule = new Change("eventbridge-rule", ruleName, current.isPresent() ? Action.UPDATED : Action.CREATED, detail);
    }
    return List.of(rule, target(ruleName, functionArn), permission(ruleArn, functionArn, permissionId));
  }

  private Optional<DescribeRuleResponse> describe(String ruleName) {
    try {
      return Optional.of(events.describeRule(r -> r.name(ruleName)));
    } catch (software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The rule's target of id {@link ExecutionEndedRule#TARGET_ID}: the function, given the event as it comes. */
  private Change target(String ruleName, String functionArn) {
    Optional<Target> current = events.listTargetsByRule(r -> r.rule(ruleName)).targets().stream()
        .filter(t -> t.id().equals(ExecutionEndedRule.TARGET_ID)).findFirst();
    String name = ruleName + "/" + ExecutionEndedRule.TARGET_ID;
    if (current.isPresent() && functionArn.equals(current.get().arn()) && current.get().input() == null
        && current.get().inputPath() == null && current.get().inputTransformer() == null) {
      return new Change("eventbridge-target", name, Action.UNCHANGED, "-> " + functionArn);
    }
    events.putTargets(r -> r.rule(ruleName).targets(Target.builder().id(ExecutionEndedRule.TARGET_ID).arn(functionArn).build()));
    return new Change("eventbridge-target", name, current.isPresent() ? Action.UPDATED : Action.CREATED, "-> " + functionArn);
  }

  /** The statement {@code permissionId} of the function's resource policy: EventBridge may invoke it from this rule only. */
  private Change permission(String ruleArn, String functionArn, String permissionId) {
    String function = functionArn.substring(functionArn.lastIndexOf(':') + 1);
    String name = function + "/" + permissionId;
    String detail = ExecutionEndedRule.PRINCIPAL + " from " + ruleArn;
    Optional<JsonNode> statement = statement(function, permissionId);
    if (statement.isPresent() && grants(statement.get(), ruleArn)) {
      return new Change("lambda-permission", name, Action.UNCHANGED, detail);
    }
    if (statement.isPresent()) {
      lambda.removePermission(r -> r.functionName(function).statementId(permissionId));
    }
    lambda.addPermission(r -> r.functionName(function).statementId(permissionId).action("lambda:InvokeFunction")
        .principal(ExecutionEndedRule.PRINCIPAL).sourceArn(ruleArn));
    return new Change("lambda-permission", name, statement.isPresent() ? Action.UPDATED : Action.CREATED, detail);
  }

  private Optional<JsonNode> statement(String function, String sid) {
    String policy;
    try {
      policy = lambda.getPolicy(r -> r.functionName(function)).policy();
    } catch (ResourceNotFoundException noPolicyYet) {
      return Optional.empty();
    }
    try {
      for (JsonNode statement : JSON.readTree(policy).path("Statement")) {
        if (statement.path("Sid").asText().equals(sid)) {
          return Optional.of(statement);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Lambda answered GetPolicy of " + function + " with a policy that is not JSON", e);
    }
  }

  private static boolean grants(JsonNode statement, String ruleArn) {
    return statement.path("Effect").asText().equals("Allow")
        && statement.path("Action").asText().equals("lambda:InvokeFunction")
        && statement.path("Principal").path("Service").asText().equals(ExecutionEndedRule.PRINCIPAL)
        && statement.path("Condition").path("ArnLike").path("AWS:SourceArn").asText().equals(ruleArn);
  }
}
