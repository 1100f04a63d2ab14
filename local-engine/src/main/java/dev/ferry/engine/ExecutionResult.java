package dev.ferry.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How an execution ended: {@code output} for {@link ExecutionStatus#SUCCEEDED}, {@code error} and
 * {@code cause} (either may be null, as on AWS) otherwise.
 */
public record ExecutionResult(ExecutionStatus status, JsonNode output, String error, String cause) {

  public static ExecutionResult succeeded(JsonNode output) {
    return new ExecutionResult(ExecutionStatus.SUCCEEDED, output, null, null);
  }

  public static ExecutionResult ended(ExecutionStatus status, String error, String cause) {
    return new ExecutionResult(status, null, error, cause);
  }

  /** The one-line shape {@code ferry exec} prints: {@code {"status":...,"output":...}} or with error and cause. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("status", status.name());
    if (status == ExecutionStatus.SUCCEEDED) {
      node.set("output", output);
    } else {
      node.put("error", error);
      node.put("cause", cause);
    }
    return node;
  }
}
