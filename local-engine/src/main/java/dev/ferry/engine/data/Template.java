package dev.ferry.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled payload template: Parameters, ResultSelector, ItemSelector and JSONPath Assign (keys
 * ending in {@code .$} take paths or intrinsic calls), or JSONata Arguments, Output and Assign
 * (strings {@code {% ... %}} are expressions).
 */
public sealed interface Template {

  JsonNode render(Env env);

  /** The {@code $} selector, shared so the engine can skip evaluating default InputPath and OutputPath. */
  Template ROOT = new Dynamic("$", new Intrinsic.InputPath(PathExpr.compile("$")));

  record Literal(JsonNode value) implements Template {
    @Override
    public JsonNode render(Env env) {
      return value;
    }
  }

  record Field(String name, Template value) {}

  record Obj(List<Field> fields) implements Template {
    @Override
    public JsonNode render(Env env) {
      // Sized for its fields up front and walked by index: rendering runs for every state entered.
      int n = fields.size();
      ObjectNode out = new ObjectNode(Json.NODES, new LinkedHashMap<>(Math.max(16, n * 4 / 3 + 1)));
      for (int i = 0; i < n; i++) {
        Field field = fields.get(i);
        out.set(field.name(), field.value().render(env));
      }
      return out;
    }
  }

  record Arr(List<Template> items) implements Template {
    @Override
    public JsonNode render(Env env) {
      ArrayNode out = Json.NODES.arrayNode();
      for (Template item : items) {
        out.add(item.render(env));
      }
      return out;
    }
  }

  /** A {@code .$} value: a path, context path, variable or intrinsic call. */
  record Dynamic(String field, Intrinsic.Arg source) implements Template {
    @Override
    public JsonNode render(Env env) {
      return switch (source) {
        case Intrinsic.Literal l -> l.value();
        case Intrinsic.InputPath p -> readFor(p.path(), env.input(), "input");
        case Intrinsic.ContextPath p -> readFor(p.path(), env.context(), "context object");
        case Intrinsic.Variable v -> Variables.read(env, v.name(), v.member());
        case Intrinsic.Call c -> c.call().evaluate(env);
      };
    }

    private JsonNode readFor(PathExpr path, JsonNode root, String where) {
      JsonNode value = path.find(root);
      if (value == null) {
        throw new dev.ferry.engine.StatesError(
            "States.Runtime",
            "The JSONPath '" + path.text() + "' specified for the field '" + field + "' could not be found in the " + where + " '" + Json.write(root) + "'");
      }
      return value;
    }
  }

  record Expression(JsonataExpr expression) implements Template {
    @Override
    public JsonNode render(Env env) {
      return expression.evaluate(env);
    }
  }

  /** Compiles a JSONPath-language template; IllegalArgumentException names the bad field. */
  static Template jsonPath(JsonNode node) {
    if (node.isObject()) {
      List<Field> fields = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        if (key.endsWith(".$")) {
          String name = key.substring(0, key.length() - 2);
          if (!e.getValue().isTextual()) {
            throw new IllegalArgumentException("field '" + key + "' must be a string holding a path or an intrinsic function call");
          }
          fields.add(new Field(name, dynamic(key, e.getValue().asText())));
        } else {
          fields.add(new Field(key, jsonPath(e.getValue())));
        }
      }
      return new Obj(fields);
    }
    if (node.isArray()) {
      List<Template> items = new ArrayList<>();
      node.forEach(item -> items.add(jsonPath(item)));
      return new Arr(items);
    }
    return new Literal(node);
  }

  /** A single {@code .$}-style value (also used by JSONPath Assign keys ending in {@code .$}). */
  static Template dynamic(String field, String text) {
    String t = text.strip();
    if (t.equals("$")) {
      return ROOT;
    }
    try {
      if (Intrinsic.looksLikeCall(t)) {
        return new Dynamic(field, new Intrinsic.Call(Intrinsic.parse(t)));
      }
      if (t.startsWith("$")) {
        return new Dynamic(field, Intrinsic.pathArg(t));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + field + "': " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("field '" + field + "' must hold a JSONPath ('$...'), a context path ('$$...'), a variable or a States.* call, not '" + text + "'");
  }

  /** Compiles a JSONata-language template: every {@code {% %}} string is an expression. */
  static Template jsonata(JsonNode node) {
    if (JsonataExpr.isExpression(node)) {
      return new Expression(JsonataExpr.compile(node.asText()));
    }
    if (node.isObject()) {
      List<Field> fields = new ArrayList<>();
      node.fields().forEachRemaining(e -> fields.add(new Field(e.getKey(), jsonata(e.getValue()))));
      return new Obj(fields);
    }
    if (node.isArray()) {
      List<Template> items = new ArrayList<>();
      node.forEach(item -> items.add(jsonata(item)));
      return new Arr(items);
    }
    return new Literal(node);
  }

  static Template compile(JsonNode node, boolean jsonata) {
    return jsonata ? jsonata(node) : jsonPath(node);
  }
}
