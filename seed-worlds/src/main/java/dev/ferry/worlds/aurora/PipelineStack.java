package dev.ferry.worlds.aurora;

import Ferry.InvalidInput;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.StatesError;
import dev.ferry.tasks.Json;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the pipeline's CloudFormation stack and IAM role look like locally: the stack's current
 * template, the S3 objects the template backup writes, and the role's inline policies, which the
 * runbook's {@code aws-sdk:iam:putRolePolicy} / {@code deleteRolePolicy} tasks change.
 */
public final class PipelineStack {

  public static final String STACK = "aurora-restore-pipeline";
  public static final String ROLE = "aurora-restore-pipeline-role";
  public static final String IAM_PREFIX = "arn:aws:states:::aws-sdk:iam:";

  private final Map<String, String> templates = new ConcurrentHashMap<>();
  private final Map<String, String> objects = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> rolePolicies = new ConcurrentHashMap<>();

  /** The stack at 1.0 with its template, the role with no 3.0 policy, no saved objects. */
  public void reset() {
    templates.clear();
    objects.clear();
    rolePolicies.clear();
    templates.put(STACK, "{\"Description\": \"Aurora Restore Pipeline 1.0\", \"Resources\": {\"RestoreFunction\":"
        + " {\"Type\": \"AWS::Lambda::Function\"}}}");
    rolePolicies.put(ROLE, new ConcurrentHashMap<>(Map.of("aurora-restore-pipeline-base", "{\"Version\": \"2012-10-17\"}")));
  }

  /** {@code aurora-restore-pipeline-save-template}: copies the stack's template to {@code s3://bucket/<stack>/<execution>/template.json}. */
  public JsonNode saveTemplate(JsonNode payload) {
    String stack = required(payload, "stackName");
    String bucket = required(payload, "bucket");
    String execution = required(payload, "executionName");
    String template = Optional.ofNullable(templates.get(stack)).orElseThrow(() ->
        new InvalidInput("stackName: stack " + stack + " does not exist; the local stack is " + STACK));
    String key = stack + "/" + execution + "/template.json";
    objects.put(bucket + "/" + key, template);
    return Json.mapper().createObjectNode().put("bucket", bucket).put("key", key);
  }

  /** The {@code aws-sdk:iam:*} integrations the runbook uses, as Step Functions reports them. */
  public JsonNode iam(String resource, JsonNode parameters) {
    String action = resource.substring(IAM_PREFIX.length());
    String role = parameters.path("RoleName").asText();
    Map<String, String> policies = rolePolicies.get(role);
    if (policies == null) {
      throw new StatesError("Iam.NoSuchEntityException", "The role with name " + role + " cannot be found.");
    }
    String policy = parameters.path("PolicyName").asText();
    switch (action) {
      case "putRolePolicy" -> policies.put(policy, parameters.path("PolicyDocument").asText());
      case "deleteRolePolicy" -> {
        if (policies.remove(policy) == null) {
          throw new StatesError("Iam.NoSuchEntityException", "The role policy with name " + policy + " cannot be found.");
        }
      }
      default -> throw new StatesError("States.Runtime", "the local IAM stand-in has no action " + action);
    }
    return Json.mapper().createObjectNode();
  }

  public Map<String, String> policies(String role) {
    return Map.copyOf(rolePolicies.getOrDefault(role, Map.of()));
  }

  public Map<String, String> objects() {
    return Map.copyOf(objects);
  }

  public String template(String stack) {
    return templates.get(stack);
  }

  static String required(JsonNode payload, String field) {
    String value = payload.path(field).asText("");
    if (value.isBlank()) {
      throw new InvalidInput(field + ": required, got " + payload.get(field));
    }
    return value;
  }
}
