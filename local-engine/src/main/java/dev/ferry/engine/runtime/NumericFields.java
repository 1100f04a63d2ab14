package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.StatesError;
import dev.ferry.engine.asl.Common;
import dev.ferry.engine.asl.Value;
import dev.ferry.engine.data.Env;
import dev.ferry.engine.data.Intrinsic;
import dev.ferry.engine.data.Json;
import dev.ferry.engine.data.Template;
import java.math.BigDecimal;

/**
 * The numeric fields a state may take literally, from a {@code ...Path} or from a JSONata
 * expression (TimeoutSeconds, HeartbeatSeconds, MaxConcurrency, ToleratedFailureCount and
 * ToleratedFailurePercentage, a Wait's Seconds), read as AWS reads them. A literal or an expression's result must be
 * a JSON number of the right kind; a path's value is read as its text, so {@code "5"} is 5 and
 * {@code 1.5}, {@code true} or {@code {}} are not valid integers. A bad value ends the state with
 * {@code States.Runtime} (JSONPath) or {@code States.QueryEvaluationError} (JSONata), in AWS's words.
 */
final class NumericFields {
  private NumericFields() {}

  /** An integer, or an error naming the field and the value. */
  static long integer(Value v, Env env, Common c, String field) {
    JsonNode n = DataFlow.value(v, env);
    Long value = v instanceof Value.FromPath ? integerText(n) : n.isIntegralNumber() && n.canConvertToLong() ? n.longValue() : null;
    if (value == null) {
      throw invalid(v, n, c, field, "integer");
    }
    return value;
  }

  /** A decimal number, or an error naming the field and the value. */
  static double decimal(Value v, Env env, Common c, String field) {
    JsonNode n = DataFlow.value(v, env);
    Double value = v instanceof Value.FromPath ? decimalText(n) : n.isNumber() ? n.doubleValue() : null;
    if (value == null) {
      throw invalid(v, n, c, field, "float");
    }
    return value;
  }

  /** A Wait state's Seconds: a non-negative integer; from SecondsPath also one written as text. */
  static long waitSeconds(Value v, Env env, Common c) {
    JsonNode n = DataFlow.value(v, env);
    Long value = v instanceof Value.FromPath ? integerText(n) : n.isIntegralNumber() && n.canConvertToLong() ? n.longValue() : null;
    if (value == null && v instanceof Value.FromPath p) {
      throw error(c, "The SecondsPath parameter cannot be parsed as a long value: " + pathText(p) + " == " + (n.isTextual() ? n.asText() : Json.write(n)));
    }
    if (value == null || value < 0) {
      throw new StatesError(c.jsonata() ? "States.QueryEvaluationError" : "States.Runtime", "The Seconds of Wait state '" + c.name() + "' must be a non-negative integer, got " + Json.write(n));
    }
    return value;
  }

  static StatesError error(Common c, String message) {
    return new StatesError(c.jsonata() ? "States.QueryEvaluationError" : "States.Runtime", "An error occurred while executing the state '" + c.name() + "'. " + message);
  }

  private static Long integerText(JsonNode n) {
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? n.longValue() : null;
    }
    if (!n.isTextual()) {
      return null;
    }
    try {
      return Long.parseLong(n.asText().strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double decimalText(JsonNode n) {
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (!n.isTextual()) {
      return null;
    }
    try {
      return new BigDecimal(n.asText().strip()).doubleValue();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static StatesError invalid(Value v, JsonNode n, Common c, String field, String kind) {
    String shown = n.isTextual() ? n.asText() : Json.write(n);
    if (v instanceof Value.FromPath p) {
      return error(c, "The " + field + "Path field refers to value \"" + shown + "\" which is not a valid " + kind + ": " + pathText(p));
    }
    return error(c, "The " + field + " field refers to value \"" + shown + "\" which is not a valid " + kind);
  }

  private static String pathText(Value.FromPath p) {
    if (p.source() instanceof Template.Dynamic d) {
      return switch (d.source()) {
        case Intrinsic.InputPath in -> in.path().text();
        case Intrinsic.ContextPath ctx -> "$" + ctx.path().text();
        case Intrinsic.Variable var -> "$" + var.name();
        case Intrinsic.Literal l -> Json.write(l.value());
        case Intrinsic.Call call -> call.call().function();
      };
    }
    return "";
  }
}
