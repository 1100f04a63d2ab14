package dev.ferry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.ParameterType;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code --param NAME=VALUE} pairs read as the migration declares each parameter: a string takes
 * any text ({@code targetVersion=2} is the string {@code "2"}), a number, boolean, list or object
 * must parse as one. A value that does not fit, or a name the migration does not declare, is bad
 * input naming the parameter.
 */
public final class ParameterValues {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ParameterValues() {}

  /** The parameters document of the execution input. */
  public static ObjectNode parse(Iterable<String> assignments, String migration, List<Parameter<?>> declared) {
    ObjectNode params = NODES.objectNode();
    for (String assignment : assignments) {
      int eq = assignment.indexOf('=');
      if (eq < 1) {
        String hint = declared.stream().filter(p -> p.name().equals(assignment)).findFirst()
            .map(p -> "give it a value: --param " + p.name() + "=" + example(p.type()))
            .orElse("write it as --param NAME=VALUE; " + migration + " declares "
                + (declared.isEmpty() ? "no parameters" : declared.stream().map(Parameter::name).collect(Collectors.joining(", "))));
        throw FerryException.badInput("parameter '" + assignment + "' is not name=value", hint);
      }
      String name = assignment.substring(0, eq);
      Parameter<?> parameter = declared.stream().filter(p -> p.name().equals(name)).findFirst()
          .orElseThrow(() -> FerryException.badInput("parameter '" + name + "' is not declared by " + migration,
              declared.isEmpty() ? migration + " declares no parameters; drop --param " + name
                  : "it declares " + declared.stream().map(p -> p.name() + " (" + p.type().words() + ")")
                      .collect(Collectors.joining(", "))));
      params.set(name, value(parameter, assignment.substring(eq + 1), migration));
    }
    return params;
  }

  private static JsonNode value(Parameter<?> parameter, String text, String migration) {
    ParameterType type = parameter.type();
    Optional<JsonNode> json = json(text);
    JsonNode value = switch (type) {
      case STRING -> json.filter(JsonNode::isTextual).orElse(NODES.textNode(text));
      case NUMBER -> json.filter(JsonNode::isNumber).orElse(null);
      case BOOLEAN -> json.filter(JsonNode::isBoolean).orElse(null);
      case STRING_LIST -> json.isPresent() ? json.filter(ParameterValues::isStringList).orElse(null) : commaSeparated(text);
      case OBJECT_LIST -> json.filter(ParameterValues::isObjectList).orElse(null);
      case OBJECT -> json.filter(JsonNode::isObject).orElse(null);
    };
    if (value == null) {
      throw FerryException.badInput("--param " + parameter.name() + ": '" + text + "' is not a " + type.words()
              + " (" + migration + " declares " + parameter.name() + " as a " + type.words() + ")",
          "write it as --param " + parameter.name() + "=" + example(type));
    }
    return value;
  }

  private static Optional<JsonNode> json(String text) {
    try {
      return Optional.ofNullable(JSON.readTree(text)).filter(n -> !n.isMissingNode());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean isStringList(JsonNode node) {
    if (!node.isArray()) {
      return false;
    }
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isObjectList(JsonNode node) {
    if (!node.isArray()) {
      return false;
    }
    for (JsonNode item : node) {
      if (!item.isObject()) {
        return false;
      }
    }
    return true;
  }

  private static ArrayNode commaSeparated(String text) {
    ArrayNode list = NODES.arrayNode();
    for (String item : text.split(",", -1)) {
      list.add(item.strip());
    }
    return list;
  }

  private static String example(ParameterType type) {
    return switch (type) {
      case STRING -> "text";
      case NUMBER -> "3";
      case BOOLEAN -> "true";
      case STRING_LIST -> "a,b or '[\"a\",\"b\"]'";
      case OBJECT_LIST -> "'[{\"name\":\"orders\"}]'";
      case OBJECT -> "'{\"key\":\"value\"}'";
    };
  }
}
