package dev.ferry.dsl.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Small builders for the JSON templates of generated states. */
final class Json {
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Json() {}

  /** An object from alternating keys and values (String, Number, Boolean, JsonNode). */
  static ObjectNode obj(Object... keysAndValues) {
    ObjectNode o = F.objectNode();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      o.set((String) keysAndValues[i], node(keysAndValues[i + 1]));
    }
    return o;
  }

  static JsonNode node(Object value) {
    return switch (value) {
      case null -> F.nullNode();
      case JsonNode n -> n;
      case String s -> F.textNode(s);
      case Integer i -> F.numberNode(i);
      case Long l -> F.numberNode(l);
      case Double d -> F.numberNode(BigDecimal.valueOf(d));
      case BigDecimal d -> F.numberNode(d);
      case Number n -> F.numberNode(new BigDecimal(n.toString()));
      case Boolean b -> F.booleanNode(b);
      case List<?> l -> {
        ArrayNode a = F.arrayNode();
        l.forEach(v -> a.add(node(v)));
        yield a;
      }
      case Map<?, ?> m -> {
        ObjectNode o = F.objectNode();
        m.forEach((k, v) -> o.set(String.valueOf(k), node(v)));
        yield o;
      }
      default -> throw new IllegalArgumentException("no JSON form for " + value.getClass());
    };
  }

  /** A DynamoDB string attribute: literal {@code {"S": v}} or from a path {@code {"S.$": p}}. */
  static ObjectNode s(String literal) {
    return obj("S", literal);
  }

  static ObjectNode sPath(String path) {
    return obj("S.$", path);
  }

  static ObjectNode n(long value) {
    return obj("N", Long.toString(value));
  }

  /** A string literal inside an intrinsic function: quotes, braces and backslashes escaped. */
  static String intrinsicString(String text) {
    StringBuilder b = new StringBuilder("'");
    for (char c : text.toCharArray()) {
      if (c == '\'' || c == '{' || c == '}' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('\'').toString();
  }
}
