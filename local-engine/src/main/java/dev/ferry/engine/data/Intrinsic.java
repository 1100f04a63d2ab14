package dev.ferry.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.StatesError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A parsed call of a {@code States.*} intrinsic function, e.g. {@code States.Format('{} items',
 * States.ArrayLength($.items))}. Arguments are literals, {@code $} paths, {@code $$} context paths,
 * variables or nested calls.
 */
public record Intrinsic(String function, List<Arg> args) {
  private static final String FAILURE = "States.IntrinsicFailure";

  /** An argument of an intrinsic call. */
  public sealed interface Arg {}

  public record Literal(JsonNode value) implements Arg {}

  public record InputPath(PathExpr path) implements Arg {}

  public record ContextPath(PathExpr path) implements Arg {}

  public record Variable(String name, PathExpr member) implements Arg {}

  public record Call(Intrinsic call) implements Arg {}

  public static boolean looksLikeCall(String text) {
    return text.startsWith("States.") && text.trim().endsWith(")");
  }

  /** Parses an intrinsic call; IllegalArgumentException says where the syntax is wrong. */
  public static Intrinsic parse(String text) {
    Parser parser = new Parser(text);
    Intrinsic call = parser.call();
    parser.skipSpaces();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected text after the call");
    }
    return call;
  }

  public JsonNode evaluate(Env env) {
    List<JsonNode> values = new ArrayList<>(args.size());
    for (Arg arg : args) {
      values.add(
          switch (arg) {
            case Literal l -> l.value();
            case InputPath p -> p.path().read(env.input());
            case ContextPath p -> p.path().read(env.context());
            case Variable v -> Variables.read(env, v.name(), v.member());
            case Call c -> c.call().evaluate(env);
          });
    }
    return call(function, values);
  }

  /** Applies the intrinsic {@code function} (e.g. {@code States.ArrayPartition}) to evaluated arguments. */
  public static JsonNode call(String function, List<JsonNode> arguments) {
    return new Intrinsic(function, List.of()).apply(arguments);
  }

  private JsonNode apply(List<JsonNode> a) {
    return switch (function) {
      case "States.Format" -> format(a);
      case "States.StringToJson" -> {
        arity(a, 1);
        yield Json.parse(text(a, 0));
      }
      case "States.JsonToString" -> {
        arity(a, 1);
        yield Json.NODES.textNode(Json.write(a.get(0)));
      }
      case "States.Array" -> {
        ArrayNode array = Json.NODES.arrayNode();
        a.forEach(array::add);
        yield array;
      }
      case "States.ArrayPartition" -> {
        arity(a, 2);
        ArrayNode source = array(a, 0);
        int size = integer(a, 1);
        if (size <= 0) {
          throw failure("chunk size must be greater than 0, but was " + size);
        }
        ArrayNode out = Json.NODES.arrayNode();
        ArrayNode chunk = null;
        for (int i = 0; i < source.size(); i++) {
          if (i % size == 0) {
            chunk = out.addArray();
          }
          chunk.add(source.get(i));
        }
        yield out;
      }
      case "States.ArrayContains" -> {
        arity(a, 2);
        ArrayNode source = array(a, 0);
        boolean found = false;
        for (JsonNode item : source) {
          found |= Json.sameValue(item, a.get(1));
        }
        yield Json.NODES.booleanNode(found);
      }
      case "States.ArrayRange" -> {
        arity(a, 3);
        int start = integer(a, 0);
        int end = integer(a, 1);
        int step = integer(a, 2);
        if (step == 0) {
          throw failure("step must not be 0");
        }
        ArrayNode out = Json.NODES.arrayNode();
        for (int i = start; step > 0 ? i <= end : i >= end; i += step) {
          out.add(i);
          if (out.size() > 1000) {
            throw failure("the range has more than 1000 items");
          }
        }
        yield out;
      }
      case "States.ArrayGetItem" -> {
        arity(a, 2);
        ArrayNode source = array(a, 0);
        int index = integer(a, 1);
        if (index < 0 || index >= source.size()) {
          throw failure("index " + index + " is out of bounds for an array of " + source.size());
        }
        yield source.get(index);
      }
      case "States.ArrayLength" -> {
        arity(a, 1);
        yield Json.NODES.numberNode(array(a, 0).size());
      }
      case "States.ArrayUnique" -> {
        arity(a, 1);
        Set<JsonNode> seen = new LinkedHashSet<>();
        array(a, 0).forEach(seen::add);
        ArrayNode out = Json.NODES.arrayNode();
        seen.forEach(out::add);
        yield out;
      }
      case "States.Base64Encode" -> {
        arity(a, 1);
        yield Json.NODES.textNode(Base64.getEncoder().encodeToString(text(a, 0).getBytes(StandardCharsets.UTF_8)));
      }
      case "States.Base64Decode" -> {
        arity(a, 1);
        try {
          yield Json.NODES.textNode(new String(Base64.getDecoder().decode(text(a, 0)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw failure("the argument is not valid Base64: " + e.getMessage());
        }
      }
      case "States.Hash" -> {
        arity(a, 2);
        String algorithm = text(a, 1);
        String data = a.get(0).isTextual() ? a.get(0).asText() : Json.write(a.get(0));
        yield Json.NODES.textNode(hash(data, algorithm));
      }
      case "States.JsonMerge" -> {
        arity(a, 3);
        if (!a.get(0).isObject() || !a.get(1).isObject()) {
          throw failure("both arguments to merge must be JSON objects");
        }
        if (a.get(2).asBoolean(false)) {
          throw failure("deep merge is not supported; the third argument must be false");
        }
        ObjectNode merged = ((ObjectNode) a.get(0)).deepCopy();
        merged.setAll((ObjectNode) a.get(1));
        yield merged;
      }
      case "States.MathRandom" -> {
        if (a.size() < 2 || a.size() > 3) {
          throw failure("expects 2 or 3 arguments, got " + a.size());
        }
        int start = integer(a, 0);
        int end = integer(a, 1);
        Random random = a.size() == 3 ? new Random(integer(a, 2)) : ThreadLocalRandom.current();
        yield Json.NODES.numberNode(start + random.nextInt(Math.max(1, end - start)));
      }
      case "States.MathAdd" -> {
        arity(a, 2);
        // AWS rounds each operand half-up to an integer before adding.
        yield Json.number((double) (Math.round(decimal(a, 0).doubleValue()) + Math.round(decimal(a, 1).doubleValue())));
      }
      case "States.StringSplit" -> {
        arity(a, 2);
        StringTokenizer tokens = new StringTokenizer(text(a, 0), text(a, 1));
        ArrayNode out = Json.NODES.arrayNode();
        while (tokens.hasMoreTokens()) {
          out.add(tokens.nextToken());
        }
        yield out;
      }
      case "States.UUID" -> {
        arity(a, 0);
        yield Json.NODES.textNode(UUID.randomUUID().toString());
      }
      default -> throw failure("there is no intrinsic function named " + function);
    };
  }

  private JsonNode format(List<JsonNode> a) {
    if (a.isEmpty()) {
      throw failure("expects a format string");
    }
    String template = text(a, 0);
    StringBuilder out = new StringBuilder();
    int next = 1;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '\\' && i + 1 < template.length()) {
        out.append(template.charAt(++i));
      } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
        if (next >= a.size()) {
          throw failure("the format string has more placeholders than arguments");
        }
        JsonNode value = a.get(next++);
        out.append(formatted(value));
        i++;
      } else {
        out.append(c);
      }
    }
    if (next != a.size()) {
      throw failure("the format string has fewer placeholders than arguments");
    }
    return Json.NODES.textNode(out.toString());
  }

  /** How States.Format prints a value: strings bare, objects as {@code {k=v, ...}}, arrays as {@code [a, b]}. */
  private static String formatted(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isObject()) {
      StringBuilder out = new StringBuilder("{");
      value.fields().forEachRemaining(e -> {
        if (out.length() > 1) {
          out.append(", ");
        }
        out.append(e.getKey()).append('=').append(formatted(e.getValue()));
      });
      return out.append('}').toString();
    }
    if (value.isArray()) {
      StringBuilder out = new StringBuilder("[");
      for (JsonNode item : value) {
        if (out.length() > 1) {
          out.append(", ");
        }
        out.append(formatted(item));
      }
      return out.append(']').toString();
    }
    return Json.write(value);
  }

  private static String hash(String data, String algorithm) {
    String javaName =
        switch (algorithm) {
          case "MD5" -> "MD5";
          case "SHA-1" -> "SHA-1";
          case "SHA-256" -> "SHA-256";
          case "SHA-384" -> "SHA-384";
          case "SHA-512" -> "SHA-512";
          default -> throw new StatesError(FAILURE, "States.Hash: unsupported algorithm '" + algorithm + "' (use MD5, SHA-1, SHA-256, SHA-384 or SHA-512)");
        };
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(javaName).digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private StatesError failure(String message) {
    return new StatesError(FAILURE, function + ": " + message);
  }

  private void arity(List<JsonNode> a, int n) {
    if (a.size() != n) {
      throw failure("expects " + n + " argument(s), got " + a.size());
    }
  }

  private String text(List<JsonNode> a, int i) {
    if (!a.get(i).isTextual()) {
      throw failure("argument " + (i + 1) + " must be a string, got " + Json.write(a.get(i)));
    }
    return a.get(i).asText();
  }

  private ArrayNode array(List<JsonNode> a, int i) {
    if (!a.get(i).isArray()) {
      throw failure("argument " + (i + 1) + " must be an array, got " + Json.write(a.get(i)));
    }
    return (ArrayNode) a.get(i);
  }

  private int integer(List<JsonNode> a, int i) {
    JsonNode v = a.get(i);
    if (!v.isNumber()) {
      throw failure("argument " + (i + 1) + " must be a number, got " + Json.write(v));
    }
    return v.decimalValue().intValue();
  }

  private BigDecimal decimal(List<JsonNode> a, int i) {
    if (!a.get(i).isNumber()) {
      throw failure("argument " + (i + 1) + " must be a number, got " + Json.write(a.get(i)));
    }
    return a.get(i).decimalValue();
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Intrinsic call() {
      skipSpaces();
      int start = pos;
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      String name = text.substring(start, pos);
      if (!name.startsWith("States.")) {
        throw error("expected a States.* function name");
      }
      skipSpaces();
      expect('(');
      List<Arg> args = new ArrayList<>();
      skipSpaces();
      if (peek() == ')') {
        pos++;
        return new Intrinsic(name, args);
      }
      while (true) {
        args.add(arg());
        skipSpaces();
        char c = peek();
        pos++;
        if (c == ')') {
          return new Intrinsic(name, args);
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or ')'");
        }
      }
    }

    Arg arg() {
      skipSpaces();
      char c = peek();
      if (c == '\'') {
        return new Literal(Json.NODES.textNode(string()));
      }
      if (c == '$') {
        int start = pos;
        int depth = 0;
        boolean quoted = false;
        while (pos < text.length()) {
          char ch = text.charAt(pos);
          if (ch == '\'') {
            quoted = !quoted;
          } else if (!quoted && (ch == '[' || ch == '(')) {
            depth++;
          } else if (!quoted && (ch == ']' || ch == ')') && depth > 0) {
            depth--;
          } else if (!quoted && depth == 0 && (ch == ',' || ch == ')' || ch == ' ')) {
            break;
          }
          pos++;
        }
        String path = text.substring(start, pos);
        try {
          return pathArg(path);
        } catch (IllegalArgumentException e) {
          throw error(e.getMessage());
        }
      }
      if (text.startsWith("States.", pos)) {
        return new Call(call());
      }
      int start = pos;
      while (pos < text.length() && ",) ".indexOf(text.charAt(pos)) < 0) {
        pos++;
      }
      String token = text.substring(start, pos);
      return switch (token) {
        case "true" -> new Literal(Json.NODES.booleanNode(true));
        case "false" -> new Literal(Json.NODES.booleanNode(false));
        case "null" -> new Literal(Json.NODES.nullNode());
        default -> {
          try {
            yield new Literal(Json.number(new BigDecimal(token)));
          } catch (NumberFormatException e) {
            pos = start;
            throw error("expected a string, number, boolean, null, path or call but found '" + token + "'");
          }
        }
      };
    }

    String string() {
      expect('\'');
      StringBuilder out = new StringBuilder();
      while (pos < text.length()) {
        char c = text.charAt(pos++);
        if (c == '\\' && pos < text.length()) {
          char escaped = text.charAt(pos++);
          if (escaped == '\'' || escaped == '\\') {
            out.append(escaped);
          } else {
            out.append('\\').append(escaped);
          }
        } else if (c == '\'') {
          return out.toString();
        } else {
          out.append(c);
        }
      }
      throw error("unterminated string literal");
    }

    char peek() {
      if (pos >= text.length()) {
        throw error("unexpected end");
      }
      return text.charAt(pos);
    }

    void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    void skipSpaces() {
      while (pos < text.length() && text.charAt(pos) == ' ') {
        pos++;
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("intrinsic function '" + text + "' at position " + pos + ": " + what);
    }
  }

  /** A {@code $...}, {@code $$...} or {@code $variable...} argument or template value. */
  static Arg pathArg(String path) {
    if (path.startsWith("$$")) {
      return new ContextPath(PathExpr.compile(path.substring(1)));
    }
    if (path.equals("$") || path.startsWith("$.") || path.startsWith("$[")) {
      return new InputPath(PathExpr.compile(path));
    }
    int end = 1;
    while (end < path.length() && (Character.isLetterOrDigit(path.charAt(end)) || path.charAt(end) == '_')) {
      end++;
    }
    return new Variable(path.substring(1, end), PathExpr.compile("$" + path.substring(end)));
  }
}
