package dev.ferry.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.ferry.engine.StatesError;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSONPath query against a JSON value. Plain member and index chains ({@code $.a.b[0]}) are walked
 * directly; anything else (wildcards, filters, slices) goes through Jayway JsonPath.
 */
public final class PathExpr {
  /** Set up on first use: most definitions only hold plain paths, and start-up time counts. */
  private static final class Jayway {
    static final Configuration CONFIGURATION =
        Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.mapper()))
            .mappingProvider(new JacksonMappingProvider(Json.mapper()))
            .build();
  }

  private final String text;
  private final List<Object> steps; // String member or Integer index; null when Jayway is needed
  private final JsonPath compiled;

  private PathExpr(String text, List<Object> steps, JsonPath compiled) {
    this.text = text;
    this.steps = steps;
    this.compiled = compiled;
  }

  /** Compiles a path starting with {@code $}; throws IllegalArgumentException naming the path when it is malformed. */
  public static PathExpr compile(String text) {
    if (!text.startsWith("$")) {
      throw new IllegalArgumentException("'" + text + "' is not a JSONPath: it must start with '$'");
    }
    List<Object> steps = simpleSteps(text);
    if (steps != null) {
      return new PathExpr(text, steps, null);
    }
    try {
      return new PathExpr(text, null, JsonPath.compile(text));
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid JSONPath: " + e.getMessage(), e);
    }
  }

  public String text() {
    return text;
  }

  /** The member/index chain for a plain path, or null. Reference paths (ResultPath) need one. */
  public List<Object> steps() {
    return steps;
  }

  /** Evaluates against {@code root}; a missing member raises {@code States.Runtime}. */
  public JsonNode read(JsonNode root) {
    JsonNode value = find(root);
    if (value == null) {
      throw new StatesError(
          "States.Runtime",
          "The JSONPath '" + text + "' could not be found in the input '" + Json.write(root) + "'");
    }
    return value;
  }

  /** Evaluates against {@code root}; null when a member is missing. */
  public JsonNode find(JsonNode root) {
    if (steps != null) {
      JsonNode node = root;
      for (Object step : steps) {
        if (step instanceof String member) {
          node = node.isObject() ? node.get(member) : null;
        } else {
          int index = (Integer) step;
          node = node.isArray() && index < node.size() ? node.get(index) : null;
        }
        if (node == null) {
          return null;
        }
      }
      return node;
    }
    try {
      Object value = JsonPath.using(Jayway.CONFIGURATION).parse(root).read(compiled);
      return value instanceof JsonNode node ? node : Json.mapper().valueToTree(value);
    } catch (PathNotFoundException e) {
      return null;
    }
  }

  public boolean isDefinite() {
    return steps != null || compiled.isDefinite();
  }

  private static List<Object> simpleSteps(String text) {
    List<Object> steps = new ArrayList<>();
    int i = 1;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
          char m = text.charAt(i);
          if (m == '*' || m == '@' || m == '(' || m == ' ' || m == '?') {
            return null;
          }
          i++;
        }
        if (i == start) {
          return null;
        }
        steps.add(text.substring(start, i));
      } else if (c == '[' && i + 1 < n && text.charAt(i + 1) == '\'') {
        // A quoted member: everything up to the closing quote-bracket is the name, taken literally.
        int close = text.indexOf("']", i + 2);
        if (close < 0) {
          return null;
        }
        steps.add(text.substring(i + 2, close));
        i = close + 2;
      } else if (c == '[') {
        int close = text.indexOf(']', i);
        if (close < 0) {
          return null;
        }
        String inner = text.substring(i + 1, close).trim();
        if (inner.length() >= 2 && (inner.startsWith("'") && inner.endsWith("'") || inner.startsWith("\"") && inner.endsWith("\""))) {
          String member = inner.substring(1, inner.length() - 1);
          if (member.contains("'") || member.contains("\"")) {
            return null;
          }
          steps.add(member);
        } else if (!inner.isEmpty() && inner.chars().allMatch(Character::isDigit)) {
          steps.add(Integer.parseInt(inner));
        } else {
          return null;
        }
        i = close + 1;
      } else {
        return null;
      }
    }
    return steps;
  }

  /**
   * Returns {@code root} with {@code value} placed at this path, creating objects on the way
   * (ResultPath semantics). {@code $} replaces the whole value. Only the objects and arrays on the
   * path are copied; the rest is shared with {@code root}, which the engine never changes in place.
   */
  public JsonNode put(JsonNode root, JsonNode value) {
    if (steps == null) {
      throw new StatesError("States.Runtime", "ResultPath '" + text + "' must be a reference path (members and indexes only)");
    }
    if (steps.isEmpty()) {
      return value;
    }
    if (!root.isObject()) {
      throw new StatesError(
          "States.ResultPathMatchFailure",
          "Unable to apply step \"" + steps.get(0) + "\" to input " + Json.write(root));
    }
    return putAt(root, 0, value, root);
  }

  private JsonNode putAt(JsonNode node, int s, JsonNode value, JsonNode root) {
    Object step = steps.get(s);
    boolean last = s == steps.size() - 1;
    if (step instanceof String member) {
      if (!node.isObject()) {
        throw new StatesError("States.ResultPathMatchFailure", "Unable to apply step \"" + member + "\" to input " + Json.write(root));
      }
      ObjectNode copy = ((ObjectNode) node).objectNode();
      copy.setAll((ObjectNode) node);
      if (last) {
        copy.set(member, value);
      } else {
        JsonNode next = node.get(member);
        copy.set(member, putAt(next == null || !next.isContainerNode() ? copy.objectNode() : next, s + 1, value, root));
      }
      return copy;
    }
    int index = (Integer) step;
    if (!node.isArray() || index >= node.size()) {
      throw new StatesError("States.ResultPathMatchFailure", "Unable to apply step \"" + index + "\" to input " + Json.write(root));
    }
    ArrayNode copy = ((ArrayNode) node).arrayNode();
    copy.addAll((ArrayNode) node);
    copy.set(index, last ? value : putAt(node.get(index), s + 1, value, root));
    return copy;
  }
}
