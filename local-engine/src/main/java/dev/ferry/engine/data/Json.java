package dev.ferry.engine.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;

/**
 * The engine's JSON reading and writing, and small helpers around Jackson trees. Trees are read and
 * written with Jackson's streaming parser and generator: an ObjectMapper takes longer to set up
 * than a short engine run takes, so it is only made for what needs one (Jayway's providers, values
 * that are not plain JSON).
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();
  /** The factory Jackson's ObjectMapper reads trees with, so parsed values are the same nodes. */
  private static final JsonNodeFactory READ_NODES = JsonNodeFactory.instance;
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

  private static final class Mapper {
    static final ObjectMapper INSTANCE = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  }

  /** An ObjectMapper configured as the engine reads JSON (decimals as BigDecimal), made on first use. */
  public static ObjectMapper mapper() {
    return Mapper.INSTANCE;
  }

  /**
   * Parses JSON text into the tree {@code ObjectMapper.readTree} with USE_BIG_DECIMAL_FOR_FLOATS
   * gives: decimals as BigDecimal without trailing zeros, the last of duplicate keys, and a
   * missing node for blank text.
   */
  public static JsonNode parse(String text) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      return first == null ? MissingNode.getInstance() : read(parser, first);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        ObjectNode object = READ_NODES.objectNode();
        String field;
        while ((field = parser.nextFieldName()) != null) {
          object.replace(field, read(parser, parser.nextToken()));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = READ_NODES.arrayNode();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          array.add(read(parser, next));
        }
        yield array;
      }
      case VALUE_STRING -> READ_NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> READ_NODES.numberNode(parser.getIntValue());
            case LONG -> READ_NODES.numberNode(parser.getLongValue());
            default -> READ_NODES.numberNode(parser.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> {
        BigDecimal decimal = parser.getDecimalValue();
        yield READ_NODES.numberNode(decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros());
      }
      case VALUE_TRUE -> READ_NODES.booleanNode(true);
      case VALUE_FALSE -> READ_NODES.booleanNode(false);
      case VALUE_NULL -> READ_NODES.nullNode();
      default -> throw new JsonParseException(parser, "unexpected token " + token);
    };
  }

  /** Writes a tree as compact JSON text, as {@code ObjectMapper.writeValueAsString} does. */
  public static String write(JsonNode node) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          g.writeFieldName(field.getKey());
          write(g, field.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode item : node) {
          write(g, item);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(node.textValue());
      case NUMBER -> {
        switch (node.numberType()) {
          case INT -> g.writeNumber(node.intValue());
          case LONG -> g.writeNumber(node.longValue());
          case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
          case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
          case FLOAT -> g.writeNumber(node.floatValue());
          case DOUBLE -> g.writeNumber(node.doubleValue());
        }
      }
      case BOOLEAN -> g.writeBoolean(node.booleanValue());
      case NULL -> g.writeNull();
      case BINARY, POJO, MISSING -> g.writeRawValue(mapper().writeValueAsString(node));
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
