package dev.ferry.engine.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What must exist before a recorded service-integration case runs: DynamoDB tables (with their
 * items) and Lambda functions, each function a small behaviour standing in for its code.
 */
public record World(String account, String region, List<Table> tables, List<Function> functions) {

  public World {
    tables = List.copyOf(tables);
    functions = List.copyOf(functions);
  }

  /** A table as {@code CreateTable} takes it (AWS member names), and the items put in it first. */
  public record Table(String name, JsonNode keySchema, JsonNode attributeDefinitions, String billingMode, List<JsonNode> items) {}

  public record Function(String name, String arn, String runtime, int timeoutSeconds, Behaviour behaviour) {}

  /** What a function does when invoked. */
  public sealed interface Behaviour {
    /** Returns its event. */
    record Identity() implements Behaviour {}

    /** Returns a fixed value. */
    record Returns(JsonNode value) implements Behaviour {}

    /** Reports an error, as the function's runtime would for an uncaught exception. */
    record Raises(String errorType, String errorMessage, List<String> stackTrace) implements Behaviour {}

    /** Takes {@code seconds}, then behaves as {@code then}. */
    record Sleeps(int seconds, Behaviour then) implements Behaviour {}
  }

  static final World NONE = new World("123456789012", "us-east-1", List.of(), List.of());

  /** The world of a case line ({@code world} member); none when the case has no {@code world}. */
  static World of(JsonNode world, String caseId) {
    if (world == null || world.isNull() || world.isMissingNode()) {
      return NONE;
    }
    List<Table> tables = new ArrayList<>();
    for (JsonNode t : world.path("tables")) {
      List<JsonNode> items = new ArrayList<>();
      t.path("items").forEach(items::add);
      tables.add(new Table(text(t, "name", caseId), t.path("keySchema"), t.path("attributeDefinitions"), t.path("billingMode").asText("PAY_PER_REQUEST"), items));
    }
    List<Function> functions = new ArrayList<>();
    for (JsonNode f : world.path("functions")) {
      String name = text(f, "name", caseId);
      functions.add(new Function(name, f.path("arn").asText(name), f.path("runtime").asText("python3.12"), f.path("timeout").asInt(3), behaviour(f.path("behaviour"), caseId + " function " + name)));
    }
    return new World(world.path("account").asText("123456789012"), world.path("region").asText("us-east-1"), tables, functions);
  }

  private static Behaviour behaviour(JsonNode b, String where) {
    String kind = b.path("kind").asText();
    return switch (kind) {
      case "identity" -> new Behaviour.Identity();
      case "return" -> new Behaviour.Returns(b.path("value"));
      case "raise" -> {
        List<String> trace = new ArrayList<>();
        b.path("stackTrace").forEach(line -> trace.add(line.asText()));
        yield new Behaviour.Raises(text(b, "errorType", where), b.path("errorMessage").asText(""), trace);
      }
      case "sleep" -> new Behaviour.Sleeps(b.path("seconds").asInt(), b.has("then") ? behaviour(b.get("then"), where) : new Behaviour.Identity());
      default -> throw new IllegalArgumentException(where + ": behaviour kind '" + kind + "' is not one of identity, return, raise, sleep.");
    };
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(where + ": the world needs a '" + field + "' string in " + node);
    }
    return value.asText();
  }
}
