package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.asl.Common;
import dev.ferry.engine.asl.Value;
import dev.ferry.engine.data.Env;
import dev.ferry.engine.data.Json;
import dev.ferry.engine.data.Template;

/**
 * A state's data flow: InputPath, Parameters or Arguments, ResultPath, OutputPath and Assign
 * (JSONPath), or Arguments, Output and Assign (JSONata), with the context object built only when
 * an expression reads it.
 */
final class DataFlow {
  private final Run run;

  DataFlow(Run run) {
    this.run = run;
  }

  Env env(JsonNode in, Frame frame, String stateName, long entered) {
    return Env.lazy(in, () -> run.context(stateName, entered, 0), frame.variables);
  }

  Env env(JsonNode in, Frame frame, String stateName, long entered, int retryCount) {
    return Env.lazy(in, () -> run.context(stateName, entered, retryCount), frame.variables);
  }

  JsonNode effectiveInput(Common c, JsonNode raw, Frame frame, long entered) {
    if (c.jsonata()) {
      return raw;
    }
    if (c.inputPath() == Template.ROOT) {
      return raw;
    }
    return c.inputPath() == null ? Json.object() : c.inputPath().render(env(raw, frame, c.name(), entered));
  }

  private JsonNode outputPath(Common c, JsonNode value, Frame frame, long entered) {
    if (c.outputPath() == Template.ROOT) {
      return value;
    }
    return c.outputPath() == null ? Json.object() : c.outputPath().render(env(value, frame, c.name(), entered));
  }

  /** The OutputPath of a JSONPath Choice whose rule matched. */
  JsonNode choiceOutput(Common c, JsonNode in, Frame frame, long entered) {
    return outputPath(c, in, frame, entered);
  }

  /** Output of a state without a result (Choice, Wait, Succeed): OutputPath or JSONata Output. */
  JsonNode plainOutput(Common c, JsonNode raw, Frame frame, long entered) {
    if (c.jsonata()) {
      Env env = env(raw, frame, c.name(), entered);
      JsonNode out = c.output() == null ? raw : c.output().render(env);
      assign(c.assign(), env, frame);
      return out;
    }
    JsonNode in = effectiveInput(c, raw, frame, entered);
    JsonNode assigned = c.assign() == null ? null : c.assign().render(env(in, frame, c.name(), entered));
    JsonNode out = outputPath(c, in, frame, entered);
    apply(assigned, frame);
    return out;
  }

  /** Assign values are evaluated against what the state saw, and only become visible after its output is computed. */
  static void assign(Template assign, Env env, Frame frame) {
    apply(assign == null ? null : assign.render(env), frame);
  }

  private static void apply(JsonNode assigned, Frame frame) {
    if (assigned != null) {
      assigned.fields().forEachRemaining(e -> frame.variables.put(e.getKey(), e.getValue()));
    }
  }

  /** Applies ResultSelector-free result handling: Assign, ResultPath, OutputPath (JSONPath) or Assign, Output (JSONata). */
  JsonNode resultOutput(Common c, JsonNode raw, JsonNode result, Frame frame, long entered) {
    if (c.jsonata()) {
      Env withResult = env(raw, frame, c.name(), entered).withResult(result);
      JsonNode out = c.output() == null ? result : c.output().render(withResult);
      assign(c.assign(), withResult, frame);
      return out;
    }
    JsonNode assigned = c.assign() == null ? null : c.assign().render(env(result, frame, c.name(), entered));
    JsonNode combined = c.resultPath() == null ? raw : c.resultPath().put(raw, result);
    JsonNode out = outputPath(c, combined, frame, entered);
    apply(assigned, frame);
    return out;
  }

  /** What a Task, Parallel or Map state works on: Parameters (JSONPath) or Arguments (JSONata), else its input. */
  static JsonNode arguments(Common c, Env env) {
    if (c.jsonata()) {
      return c.arguments() == null ? env.input() : c.arguments().render(env);
    }
    return c.parameters() == null ? env.input() : c.parameters().render(env);
  }

  static JsonNode value(Value v, Env env) {
    return switch (v) {
      case Value.Fixed f -> f.value();
      case Value.FromPath p -> p.source().render(env);
      case Value.FromExpression e -> e.expression().evaluate(env);
    };
  }
}
