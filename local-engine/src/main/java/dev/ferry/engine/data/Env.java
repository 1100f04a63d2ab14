package dev.ferry.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an expression can see while a state runs: its input ({@code $}), the context object ({@code
 * $$}), the workflow variables, and for JSONata the {@code $states} members result and errorOutput.
 * The context object is built only when an expression reads it.
 */
public final class Env {
  private final JsonNode input;
  private final Supplier<JsonNode> contextSource;
  private final Map<String, JsonNode> variables;
  private final JsonNode result;
  private final JsonNode errorOutput;
  private JsonNode context;

  private Env(JsonNode input, Supplier<JsonNode> contextSource, JsonNode context, Map<String, JsonNode> variables, JsonNode result, JsonNode errorOutput) {
    this.input = input;
    this.contextSource = contextSource;
    this.context = context;
    this.variables = variables;
    this.result = result;
    this.errorOutput = errorOutput;
  }

  public static Env of(JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
    return new Env(input, null, context, variables, null, null);
  }

  public static Env lazy(JsonNode input, Supplier<JsonNode> context, Map<String, JsonNode> variables) {
    return new Env(input, context, null, variables, null, null);
  }

  public JsonNode input() {
    return input;
  }

  public JsonNode context() {
    if (context == null) {
      context = contextSource.get();
    }
    return context;
  }

  public Map<String, JsonNode> variables() {
    return variables;
  }

  public JsonNode result() {
    return result;
  }

  public JsonNode errorOutput() {
    return errorOutput;
  }

  public Env withInput(JsonNode newInput) {
    return new Env(newInput, contextSource, context, variables, result, errorOutput);
  }

  public Env withResult(JsonNode newResult) {
    return new Env(input, contextSource, context, variables, newResult, errorOutput);
  }

  public Env withErrorOutput(JsonNode error) {
    return new Env(input, contextSource, context, variables, result, error);
  }

  public Env withContext(JsonNode newContext) {
    return new Env(input, null, newContext, variables, result, errorOutput);
  }
}
