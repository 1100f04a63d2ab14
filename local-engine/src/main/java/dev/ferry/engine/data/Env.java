package dev.ferry.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What an expression can see while a state runs: its input ({@code $}), the context object ({@code
 * $$}), the workflow variables, and for JSONata the {@code $states} members result and errorOutput.
 */
public record Env(JsonNode input, JsonNode context, Map<String, JsonNode> variables, JsonNode result, JsonNode errorOutput) {

  public static Env of(JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
    return new Env(input, context, variables, null, null);
  }

  public Env withInput(JsonNode newInput) {
    return new Env(newInput, context, variables, result, errorOutput);
  }

  public Env withResult(JsonNode newResult) {
    return new Env(input, context, variables, newResult, errorOutput);
  }

  public Env withErrorOutput(JsonNode error) {
    return new Env(input, context, variables, result, error);
  }
}
