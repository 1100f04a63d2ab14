package dev.ferry.engine.data;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.StatesError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A JSONata expression from a {@code {% ... %}} string, evaluated with {@code $states} and the workflow variables bound. */
public final class JsonataExpr {
  private final String source;
  private final Jsonata compiled;

  private JsonataExpr(String source, Jsonata compiled) {
    this.source = source;
    this.compiled = compiled;
  }

  public static boolean isExpression(JsonNode node) {
    return node != null && node.isTextual() && isExpression(node.asText());
  }

  public static boolean isExpression(String text) {
    String t = text;
    return t.startsWith("{%") && t.endsWith("%}") && t.length() >= 4;
  }

  /** Compiles the body of a {@code {% ... %}} string; IllegalArgumentException on a syntax error. */
  public static JsonataExpr compile(String wrapped) {
    String t = wrapped;
    String body = t.substring(2, t.length() - 2);
    try {
      return new JsonataExpr(wrapped, Jsonata.jsonata(body));
    } catch (JException e) {
      throw new IllegalArgumentException("JSONata expression '" + wrapped + "' does not parse: " + e.getMessage(), e);
    }
  }

  public String source() {
    return source;
  }

  /** Evaluates; an evaluation error or an undefined result raises {@code States.QueryEvaluationError}. */
  public JsonNode evaluate(Env env) {
    Map<String, Object> states = new LinkedHashMap<>();
    states.put("input", toJava(env.input()));
    states.put("context", toJava(env.context()));
    if (env.result() != null) {
      states.put("result", toJava(env.result()));
    }
    if (env.errorOutput() != null) {
      states.put("errorOutput", toJava(env.errorOutput()));
    }
    Object value;
    // The library's evaluator keeps per-call state on the compiled expression.
    synchronized (compiled) {
      Jsonata.Frame frame = compiled.createFrame();
      frame.bind("states", states);
      bindStepFunctionsFunctions(frame);
      for (Map.Entry<String, JsonNode> variable : env.variables().entrySet()) {
        frame.bind(variable.getKey(), toJava(variable.getValue()));
      }
      try {
        value = compiled.evaluate(null, frame);
      } catch (StatesError e) {
        throw new StatesError("States.QueryEvaluationError", "An error occurred while evaluating the expression '" + source + "': " + e.cause());
      } catch (JException | IllegalArgumentException | ClassCastException e) {
        throw new StatesError("States.QueryEvaluationError", "An error occurred while evaluating the expression '" + source + "': " + e.getMessage());
      }
    }
    if (value == null) {
      throw new StatesError(
          "States.QueryEvaluationError",
          "The JSONata expression '" + source + "' returned nothing (undefined); an expression must produce a value");
    }
    return toJson(value);
  }

  /** The functions AWS adds to JSONata: $partition, $range, $hash, $random, $uuid, $parse; and $distinct as JSONata defines it. */
  private static void bindStepFunctionsFunctions(Jsonata.Frame frame) {
    frame.bind("distinct", (Jsonata.Fn1<Object, Object>) JsonataExpr::distinct);
    frame.bind("partition", (Jsonata.Fn2<Object, Object, Object>) (array, size) -> intrinsic("States.ArrayPartition", array, size));
    frame.bind("range", Jsonata.function("range", (Jsonata.Fn3<Object, Object, Object, Object>) (start, end, step) -> intrinsic("States.ArrayRange", start, end, step), null));
    frame.bind("hash", (Jsonata.Fn2<Object, Object, Object>) (value, algorithm) -> intrinsic("States.Hash", value, algorithm));
    frame.bind("uuid", (Jsonata.Fn0<Object>) () -> intrinsic("States.UUID"));
    frame.bind("parse", (Jsonata.Fn1<Object, Object>) text -> intrinsic("States.StringToJson", text));
    frame.bind(
        "random",
        Jsonata.function(
            "random",
            (Jsonata.FnVarArgs<Object>) args -> args == null || args.isEmpty() || args.get(0) == null
                ? java.util.concurrent.ThreadLocalRandom.current().nextDouble()
                : new java.util.Random(((Number) args.get(0)).longValue()).nextDouble(),
            null));
  }

  /**
   * {@code $distinct} as the JSONata reference implementation runs it: the result is a sequence only
   * when the argument was one, so {@code $distinct([3, 3])} is the array {@code [3]}, while a
   * one-item sequence such as {@code $distinct(nums[$ > 2])} collapses to its item. The library's own
   * returns a sequence for an array too, losing the array.
   */
  private static Object distinct(Object value) {
    if (!(value instanceof List<?> list) || list.size() <= 1) {
      return value;
    }
    List<Object> result = Utils.isSequence(value) ? Utils.createSequence() : new ArrayList<>();
    List<JsonNode> seen = new ArrayList<>();
    for (Object item : list) {
      JsonNode json = toJson(item);
      if (seen.stream().noneMatch(s -> Json.sameValue(s, json))) {
        seen.add(json);
        result.add(item);
      }
    }
    return result;
  }

  private static Object intrinsic(String function, Object... args) {
    List<JsonNode> values = new ArrayList<>();
    for (Object arg : args) {
      values.add(toJson(arg));
    }
    return toJava(dev.ferry.engine.data.Intrinsic.call(function, values));
  }

  static Object toJava(JsonNode node) {
    if (node == null) {
      return null;
    }
    return switch (node.getNodeType()) {
      case OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          map.put(field.getKey(), toJava(field.getValue()));
        }
        yield map;
      }
      case ARRAY -> {
        List<Object> list = new ArrayList<>(node.size());
        node.forEach(item -> list.add(toJava(item)));
        yield list;
      }
      case STRING -> node.asText();
      case BOOLEAN -> node.asBoolean();
      case NUMBER -> node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.asLong() : (Object) node.asDouble();
      case NULL, MISSING -> Jsonata.NULL_VALUE;
      case BINARY, POJO -> node.asText();
    };
  }

  static JsonNode toJson(Object value) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return Json.NODES.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = Json.object();
      map.forEach((k, v) -> {
        if (v != null) {
          object.set(String.valueOf(k), toJson(v));
        }
      });
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = Json.NODES.arrayNode();
      list.forEach(v -> {
        if (v != null) {
          array.add(toJson(v));
        }
      });
      return array;
    }
    if (value instanceof String s) {
      return Json.NODES.textNode(s);
    }
    if (value instanceof Boolean b) {
      return Json.NODES.booleanNode(b);
    }
    if (value instanceof Double || value instanceof Float) {
      return Json.number(((Number) value).doubleValue());
    }
    if (value instanceof BigDecimal d) {
      return Json.number(d);
    }
    if (value instanceof BigInteger i) {
      return Json.NODES.numberNode(i);
    }
    if (value instanceof Number n) {
      long l = n.longValue();
      return l == (int) l ? Json.NODES.numberNode((int) l) : Json.NODES.numberNode(l);
    }
    if (value instanceof Jsonata.JFunction || value instanceof Jsonata.Fn0<?>) {
      throw new StatesError("States.QueryEvaluationError", "A JSONata expression returned a function, which is not a JSON value");
    }
    return Json.NODES.textNode(String.valueOf(value));
  }
}
