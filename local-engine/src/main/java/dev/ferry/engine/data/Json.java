package dev.ferry.engine.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Comparator;

/** The engine's one JSON mapper and small helpers around Jackson trees. */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  /** Compares numbers by value (1 equals 1.0), everything else structurally. */
  public static final Comparator<JsonNode> NUMERIC_EQUALITY =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private Json() {}

  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static boolean sameValue(JsonNode a, JsonNode b) {
    return a.equals(NUMERIC_EQUALITY, b);
  }

  /** A number node in its smallest exact form: integral values become int or long nodes. */
  public static JsonNode number(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      try {
        long l = stripped.longValueExact();
        return l == (int) l ? NODES.numberNode((int) l) : NODES.numberNode(l);
      } catch (ArithmeticException tooBig) {
        return NODES.numberNode(stripped.toBigIntegerExact());
      }
    }
    return NODES.numberNode(value);
  }

  public static JsonNode number(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 9.0e15) {
      long l = (long) value;
      return l == (int) l ? NODES.numberNode((int) l) : NODES.numberNode(l);
    }
    return NODES.numberNode(value);
  }
}
