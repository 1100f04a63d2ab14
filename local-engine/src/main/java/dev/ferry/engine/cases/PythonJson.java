package dev.ferry.engine.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** JSON text as Python's {@code json.dumps} writes it by default (", " and ": " separators, ASCII only). */
final class PythonJson {
  private PythonJson() {}

  static String dumps(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(out, node);
    return out.toString();
  }

  private static void write(StringBuilder out, JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          out.append(first ? "" : ", ");
          first = false;
          string(out, field.getKey());
          out.append(": ");
          write(out, field.getValue());
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          out.append(i == 0 ? "" : ", ");
          write(out, node.get(i));
        }
        out.append(']');
      }
      case STRING -> string(out, node.textValue());
      case NUMBER -> out.append(node.isIntegralNumber() ? node.bigIntegerValue().toString() : floatRepr(node.doubleValue()));
      case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
      default -> out.append("null");
    }
  }

  private static String floatRepr(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e16) {
      return (long) d + ".0";
    }
    return Double.toString(d).replace("E", "e");
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (ch < 0x20 || ch > 0x7f) {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    out.append('"');
  }
}
