package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.StatesError;
import dev.ferry.engine.asl.ChoiceRule;
import dev.ferry.engine.data.Env;
import dev.ferry.engine.data.Intrinsic;
import dev.ferry.engine.data.Json;
import dev.ferry.engine.data.Template;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Evaluates Choice rules: And, Or, Not, the comparison operators, and JSONata Conditions. */
final class ChoiceRules {
  private ChoiceRules() {}

  static boolean matches(ChoiceRule rule, Env env) {
    return switch (rule) {
      case ChoiceRule.And and -> {
        for (ChoiceRule r : and.rules()) {
          if (!matches(r, env)) {
            yield false;
          }
        }
        yield true;
      }
      case ChoiceRule.Or or -> {
        for (ChoiceRule r : or.rules()) {
          if (matches(r, env)) {
            yield true;
          }
        }
        yield false;
      }
      case ChoiceRule.Not not -> !matches(not.rule(), env);
      case ChoiceRule.Condition condition -> {
        JsonNode value = condition.expression().evaluate(env);
        if (!value.isBoolean()) {
          throw new StatesError("States.QueryEvaluationError", "The Condition '" + condition.expression().source() + "' must evaluate to a boolean, got " + Json.write(value));
        }
        yield value.asBoolean();
      }
      case ChoiceRule.Comparison comparison -> compare(comparison, env);
    };
  }

  /** The value a rule's path points at, or null when it points at nothing (IsPresent false). */
  private static JsonNode read(Intrinsic.Arg arg, Env env) {
    return switch (arg) {
      // Looked up directly: a missing value is common here, and the error it would raise describes the whole input.
      case Intrinsic.InputPath p -> p.path().find(env.input());
      case Intrinsic.ContextPath p -> p.path().find(env.context());
      case Intrinsic.Literal l -> l.value();
      case Intrinsic.Variable v -> rendered(arg, env);
      case Intrinsic.Call c -> rendered(arg, env);
    };
  }

  private static JsonNode rendered(Intrinsic.Arg arg, Env env) {
    try {
      return new Template.Dynamic("Variable", arg).render(env);
    } catch (StatesError e) {
      return null;
    }
  }

  private static boolean compare(ChoiceRule.Comparison rule, Env env) {
    JsonNode value = read(rule.variable(), env);
    String op = rule.operator();
    if (op.equals("IsPresent")) {
      return (value != null) == rule.literal().asBoolean();
    }
    if (value == null) {
      throw new StatesError("States.Runtime", "Invalid path '" + describe(rule.variable()) + "': The choice state's condition path references an invalid value.");
    }
    JsonNode operand = rule.literal();
    if (rule.operandPath() != null) {
      operand = read(rule.operandPath(), env);
      if (operand == null) {
        throw new StatesError("States.Runtime", "Invalid path '" + describe(rule.operandPath()) + "': The choice state's condition path references an invalid value.");
      }
    }
    return switch (op) {
      case "IsNull" -> value.isNull() == operand.asBoolean();
      case "IsNumeric" -> value.isNumber() == operand.asBoolean();
      case "IsString" -> value.isTextual() == operand.asBoolean();
      case "IsBoolean" -> value.isBoolean() == operand.asBoolean();
      case "IsTimestamp" -> (value.isTextual() && timestamp(value.asText()) != null) == operand.asBoolean();
      case "StringEquals" -> value.isTextual() && value.asText().equals(operand.asText());
      case "StringLessThan" -> value.isTextual() && value.asText().compareTo(operand.asText()) < 0;
      case "StringGreaterThan" -> value.isTextual() && value.asText().compareTo(operand.asText()) > 0;
      case "StringLessThanEquals" -> value.isTextual() && value.asText().compareTo(operand.asText()) <= 0;
      case "StringGreaterThanEquals" -> value.isTextual() && value.asText().compareTo(operand.asText()) >= 0;
      case "StringMatches" -> value.isTextual() && globMatches(operand.asText(), value.asText());
      case "NumericEquals" -> value.isNumber() && operand.isNumber() && compareNumbers(value, operand) == 0;
      case "NumericLessThan" -> value.isNumber() && operand.isNumber() && compareNumbers(value, operand) < 0;
      case "NumericGreaterThan" -> value.isNumber() && operand.isNumber() && compareNumbers(value, operand) > 0;
      case "NumericLessThanEquals" -> value.isNumber() && operand.isNumber() && compareNumbers(value, operand) <= 0;
      case "NumericGreaterThanEquals" -> value.isNumber() && operand.isNumber() && compareNumbers(value, operand) >= 0;
      case "BooleanEquals" -> value.isBoolean() && value.asBoolean() == operand.asBoolean();
      default -> {
        Instant a = value.isTextual() ? timestamp(value.asText()) : null;
        Instant b = operand.isTextual() ? timestamp(operand.asText()) : null;
        if (a == null || b == null) {
          yield false;
        }
        int cmp = a.compareTo(b);
        yield switch (op) {
          case "TimestampEquals" -> cmp == 0;
          case "TimestampLessThan" -> cmp < 0;
          case "TimestampGreaterThan" -> cmp > 0;
          case "TimestampLessThanEquals" -> cmp <= 0;
          case "TimestampGreaterThanEquals" -> cmp >= 0;
          default -> throw new StatesError("States.Runtime", "Unknown comparison operator " + op);
        };
      }
    };
  }

  private static int compareNumbers(JsonNode a, JsonNode b) {
    if (a.canConvertToExactIntegral() && b.canConvertToExactIntegral() && a.canConvertToLong() && b.canConvertToLong()) {
      return Long.compare(a.asLong(), b.asLong());
    }
    return a.decimalValue().compareTo(b.decimalValue());
  }

  private static String describe(Intrinsic.Arg arg) {
    return switch (arg) {
      case Intrinsic.InputPath p -> p.path().text();
      case Intrinsic.ContextPath p -> "$" + p.path().text();
      case Intrinsic.Variable v -> "$" + v.name() + v.member().text().substring(1);
      case Intrinsic.Literal l -> Json.write(l.value());
      case Intrinsic.Call c -> c.call().function();
    };
  }

  private static Instant timestamp(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** StringMatches: {@code *} matches any run of characters; {@code \*} and {@code \\} are literal. */
  static boolean globMatches(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char ch = pattern.charAt(i);
      if (ch == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (ch == '*') {
        regex.append(".*");
      } else {
        regex.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
  }
}
