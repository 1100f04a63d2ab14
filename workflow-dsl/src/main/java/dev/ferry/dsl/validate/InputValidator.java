package dev.ferry.dsl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contract.Trigger;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.graph.MigrationGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The full input contract, for callers that start executions ({@code ferry run}, the local
 * target). The compiled machine checks presence and JSON types itself; pure JSONPath ASL cannot
 * check a string's length or pattern, a list's element types or an object's shape, so those
 * checks live here and run before {@code StartExecution}. Handles the Ferry document only: unwrap
 * an EventBridge envelope's {@code detail} first.
 */
public final class InputValidator {
  private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");
  private static final List<String> TRIGGERS = Trigger.inputWords();

  private InputValidator() {}

  /** Every problem of {@code input} for {@code graph}, each naming the field; empty when valid. */
  public static List<String> problems(MigrationGraph graph, JsonNode input) {
    List<String> problems = new ArrayList<>();
    if (input == null || !input.isObject()) {
      problems.add("input: must be a JSON object like {\"target\": \"orders-db\", \"parameters\": {...}}");
      return problems;
    }
    JsonNode target = input.get("target");
    if (target == null) {
      problems.add("target: required string is missing");
    } else if (!target.isTextual()) {
      problems.add("target: must be a string");
    } else if (!TARGET.matcher(target.asText()).matches()) {
      problems.add("target: must be 1-200 characters of letters, digits and . _ : / -; got '" + target.asText() + "'");
    }
    JsonNode requestedBy = input.get("requestedBy");
    if (requestedBy != null && !requestedBy.isTextual()) {
      problems.add("requestedBy: must be a string");
    }
    JsonNode trigger = input.get("trigger");
    if (trigger != null && !(trigger.isTextual() && TRIGGERS.contains(trigger.asText()))) {
      problems.add("trigger: must be one of " + String.join(", ", TRIGGERS));
    }
    JsonNode parameters = input.get("parameters");
    if (parameters != null && !parameters.isObject()) {
      problems.add("parameters: must be an object");
      return problems;
    }
    for (Parameter<?> p : graph.parameters()) {
      JsonNode value = parameters == null ? null : parameters.get(p.name());
      String field = "parameters." + p.name();
      if (value == null) {
        if (p.required()) {
          problems.add(field + ": required " + p.type().words() + " is missing");
        }
        continue;
      }
      boolean ok = switch (p.type()) {
        case STRING -> value.isTextual();
        case NUMBER -> value.isNumber();
        case BOOLEAN -> value.isBoolean();
        case STRING_LIST -> value.isArray() && allText(value);
        case OBJECT_LIST -> value.isArray() && allObjects(value);
        case OBJECT -> value.isObject();
      };
      if (!ok) {
        problems.add(field + ": must be a " + p.type().words());
      }
    }
    if (parameters != null) {
      parameters.fieldNames().forEachRemaining(name -> {
        if (graph.parameter(name).isEmpty()) {
          problems.add("parameters." + name + ": not a parameter of " + graph.name() + "; remove it or check the spelling");
        }
      });
    }
    return problems;
  }

  private static boolean allText(JsonNode array) {
    return all(array, JsonNode::isTextual);
  }

  private static boolean allObjects(JsonNode array) {
    return all(array, JsonNode::isObject);
  }

  private static boolean all(JsonNode array, java.util.function.Predicate<JsonNode> test) {
    for (JsonNode element : array) {
      if (!test.test(element)) {
        return false;
      }
    }
    return true;
  }
}
