package dev.ferry.engine.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.data.Intrinsic;
import dev.ferry.engine.data.JsonataExpr;
import dev.ferry.engine.data.PathExpr;
import dev.ferry.engine.data.Template;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns ASL JSON into {@link StateMachine}s, rejecting what AWS would reject at creation. */
public final class AslParser {
  private static final PathExpr ROOT = PathExpr.compile("$");
  private static final Set<String> COMPARATORS =
      Set.of(
          "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches",
          "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals",
          "BooleanEquals",
          "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals",
          "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");

  private AslParser() {}

  public static StateMachine parse(JsonNode definition) {
    if (definition == null || !definition.isObject()) {
      throw new InvalidDefinitionException("The definition must be a JSON object with StartAt and States.");
    }
    boolean jsonata = "JSONata".equals(text(definition, "QueryLanguage", "the state machine"));
    return machine(definition, jsonata, "the state machine");
  }

  private static StateMachine machine(JsonNode node, boolean jsonata, String where) {
    JsonNode states = node.get("States");
    String startAt = text(node, "StartAt", where);
    if (startAt == null || states == null || !states.isObject() || states.isEmpty()) {
      throw new InvalidDefinitionException(where + " needs StartAt and a non-empty States object.");
    }
    Map<String, State> parsed = new LinkedHashMap<>();
    states.fields().forEachRemaining(e -> parsed.put(e.getKey().intern(), state(e.getKey(), e.getValue(), jsonata)));
    if (!parsed.containsKey(startAt)) {
      throw new InvalidDefinitionException(where + ": StartAt '" + startAt + "' names no state; define it under States or fix StartAt.");
    }
    for (State state : parsed.values()) {
      for (String target : targets(state)) {
        if (!parsed.containsKey(target)) {
          throw new InvalidDefinitionException("State '" + state.name() + "': transition to '" + target + "', which is not a state of " + where + ".");
        }
      }
    }
    JsonNode timeout = node.get("TimeoutSeconds");
    // A HashMap, not Map.copyOf: its linear probing degrades on names that hash alike (P0, P1, ...).
    return new StateMachine(startAt, Collections.unmodifiableMap(new HashMap<>(parsed)), jsonata, timeout == null ? null : timeout.asInt());
  }

  private static List<String> targets(State state) {
    List<String> out = new ArrayList<>();
    if (state.common().next() != null) {
      out.add(state.common().next());
    }
    state.common().catchers().forEach(c -> out.add(c.next()));
    if (state instanceof State.Choice choice) {
      choice.choices().forEach(b -> out.add(b.next()));
      if (choice.defaultState() != null) {
        out.add(choice.defaultState());
      }
    }
    return out;
  }

  private static State state(String name, JsonNode node, boolean machineJsonata) {
    String type = text(node, "Type", name);
    if (type == null) {
      throw new InvalidDefinitionException("State '" + name + "' has no Type; set one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map.");
    }
    String ql = text(node, "QueryLanguage", name);
    boolean jsonata = ql == null ? machineJsonata : "JSONata".equals(ql);
    try {
      Common common = common(name, type, node, jsonata);
      return switch (type) {
        case "Pass" -> new State.Pass(common, node.get("Result"));
        case "Task" -> {
          String resource = text(node, "Resource", name);
          if (resource == null) {
            throw new InvalidDefinitionException("State '" + name + "': a Task needs a Resource ARN.");
          }
          yield new State.Task(common, resource, value(node, "TimeoutSeconds", jsonata), value(node, "HeartbeatSeconds", jsonata));
        }
        case "Choice" -> choice(common, node, jsonata);
        case "Wait" -> new State.Wait(common, value(node, "Seconds", jsonata), value(node, "Timestamp", jsonata));
        case "Succeed" -> new State.Succeed(common);
        case "Fail" -> new State.Fail(common, value(node, "Error", jsonata), value(node, "Cause", jsonata));
        case "Parallel" -> {
          List<StateMachine> branches = new ArrayList<>();
          JsonNode list = node.get("Branches");
          if (list == null || !list.isArray() || list.isEmpty()) {
            throw new InvalidDefinitionException("State '" + name + "': a Parallel state needs a non-empty Branches array.");
          }
          int i = 0;
          for (JsonNode branch : list) {
            branches.add(machine(branch, jsonata, "branch " + i++ + " of Parallel state '" + name + "'"));
          }
          yield new State.Parallel(common, List.copyOf(branches));
        }
        case "Map" -> map(common, node, jsonata);
        default -> throw new InvalidDefinitionException("State '" + name + "' has unknown Type '" + type + "'.");
      };
    } catch (IllegalArgumentException e) {
      if (e instanceof InvalidDefinitionException) {
        throw e;
      }
      throw new InvalidDefinitionException("State '" + name + "': " + e.getMessage(), e);
    }
  }

  private static State.MapState map(Common common, JsonNode node, boolean jsonata) {
    if (node.has("ItemReader") || node.has("ResultWriter")) {
      throw new InvalidDefinitionException(
          "State '" + common.name() + "': ItemReader and ResultWriter (Distributed Map over S3) are not supported by the local engine; pass the items in the input (ItemsPath or Items) instead.");
    }
    JsonNode processor = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
    if (processor == null) {
      throw new InvalidDefinitionException("State '" + common.name() + "': a Map state needs ItemProcessor (or Iterator).");
    }
    StateMachine inner = machine(processor, jsonata, "the ItemProcessor of Map state '" + common.name() + "'");
    Template itemsPath = selector(node, "ItemsPath");
    Template items = node.has("Items") ? Template.compile(node.get("Items"), jsonata) : null;
    JsonNode selector = node.has("ItemSelector") ? node.get("ItemSelector") : jsonata ? null : node.get("Parameters");
    return new State.MapState(
        common,
        inner,
        itemsPath,
        items,
        selector == null ? null : Template.compile(selector, jsonata),
        value(node, "MaxConcurrency", jsonata),
        value(node, "ToleratedFailureCount", jsonata),
        value(node, "ToleratedFailurePercentage", jsonata));
  }

  private static State.Choice choice(Common common, JsonNode node, boolean jsonata) {
    JsonNode list = node.get("Choices");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new InvalidDefinitionException("State '" + common.name() + "': a Choice state needs a non-empty Choices array.");
    }
    List<State.Choice.Branch> branches = new ArrayList<>();
    for (JsonNode entry : list) {
      String next = target(entry, "Next", common.name());
      if (next == null) {
        throw new InvalidDefinitionException("State '" + common.name() + "': every entry of Choices needs a Next.");
      }
      ChoiceRule rule = jsonata && entry.has("Condition") ? condition(entry.get("Condition")) : rule(entry, common.name());
      branches.add(
          new State.Choice.Branch(
              rule, next, template(entry, "Output", true), template(entry, "Assign", jsonata)));
    }
    return new State.Choice(common, List.copyOf(branches), target(node, "Default", common.name()));
  }

  private static ChoiceRule condition(JsonNode node) {
    if (node.isBoolean()) {
      return new ChoiceRule.Comparison(new Intrinsic.Literal(node), "BooleanEquals", dev.ferry.engine.data.Json.NODES.booleanNode(true), null);
    }
    return new ChoiceRule.Condition(JsonataExpr.compile(node.asText()));
  }

  private static ChoiceRule rule(JsonNode node, String state) {
    if (node.has("And")) {
      List<ChoiceRule> rules = new ArrayList<>();
      node.get("And").forEach(r -> rules.add(rule(r, state)));
      return new ChoiceRule.And(List.copyOf(rules));
    }
    if (node.has("Or")) {
      List<ChoiceRule> rules = new ArrayList<>();
      node.get("Or").forEach(r -> rules.add(rule(r, state)));
      return new ChoiceRule.Or(List.copyOf(rules));
    }
    if (node.has("Not")) {
      return new ChoiceRule.Not(rule(node.get("Not"), state));
    }
    String variable = text(node, "Variable", state);
    if (variable == null) {
      throw new InvalidDefinitionException("State '" + state + "': a choice rule needs Variable (or And, Or, Not).");
    }
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (COMPARATORS.contains(field)) {
        return new ChoiceRule.Comparison(argOf(variable), field, node.get(field), null);
      }
      if (field.endsWith("Path") && COMPARATORS.contains(field.substring(0, field.length() - 4))) {
        return new ChoiceRule.Comparison(argOf(variable), field.substring(0, field.length() - 4), null, argOf(node.get(field).asText()));
      }
    }
    throw new InvalidDefinitionException("State '" + state + "': the choice rule on '" + variable + "' has no comparison operator such as StringEquals or IsPresent.");
  }

  private static Intrinsic.Arg argOf(String path) {
    Template t = Template.dynamic("Variable", path);
    return ((Template.Dynamic) t).source();
  }

  private static Common common(String name, String type, JsonNode node, boolean jsonata) {
    String next = target(node, "Next", name);
    boolean end = node.path("End").asBoolean(false);
    boolean terminal = type.equals("Succeed") || type.equals("Fail") || type.equals("Choice");
    if (!terminal && next == null && !end) {
      throw new InvalidDefinitionException("State '" + name + "' needs Next or \"End\": true.");
    }
    List<Retrier> retry = new ArrayList<>();
    for (JsonNode r : node.path("Retry")) {
      JsonNode maxDelay = r.get("MaxDelaySeconds");
      retry.add(
          new Retrier(
              errors(r, name),
              r.path("IntervalSeconds").asInt(1),
              r.path("MaxAttempts").asInt(3),
              r.path("BackoffRate").asDouble(2.0),
              maxDelay == null ? null : maxDelay.asInt(),
              "FULL".equals(r.path("JitterStrategy").asText("NONE"))));
    }
    List<Catcher> catchers = new ArrayList<>();
    for (JsonNode c : node.path("Catch")) {
      String target = target(c, "Next", name);
      if (target == null) {
        throw new InvalidDefinitionException("State '" + name + "': every Catch entry needs a Next.");
      }
      catchers.add(new Catcher(errors(c, name), target, path(c, "ResultPath"), template(c, "Output", true), template(c, "Assign", jsonata)));
    }
    return new Common(
        name,
        type,
        jsonata,
        next,
        selector(node, "InputPath"),
        selector(node, "OutputPath"),
        path(node, "ResultPath"),
        jsonata ? null : template(node, "Parameters", false),
        jsonata ? null : template(node, "ResultSelector", false),
        template(node, "Arguments", true),
        jsonata ? template(node, "Output", true) : null,
        template(node, "Assign", jsonata),
        List.copyOf(retry),
        List.copyOf(catchers));
  }

  private static List<String> errors(JsonNode node, String state) {
    JsonNode list = node.get("ErrorEquals");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new InvalidDefinitionException("State '" + state + "': every Retry and Catch entry needs a non-empty ErrorEquals array.");
    }
    List<String> out = new ArrayList<>();
    list.forEach(e -> out.add(e.asText()));
    return List.copyOf(out);
  }

  private static PathExpr path(JsonNode node, String field) {
    if (!node.has(field)) {
      return ROOT;
    }
    JsonNode value = node.get(field);
    if (value.isNull()) {
      return null;
    }
    try {
      return PathExpr.compile(value.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + field + "': " + e.getMessage(), e);
    }
  }

  /** A path-valued field that may also name a context path or a variable; {@code $} when absent, null when JSON null. */
  private static Template selector(JsonNode node, String field) {
    if (!node.has(field)) {
      return Template.dynamic(field, "$");
    }
    JsonNode value = node.get(field);
    return value.isNull() ? null : Template.dynamic(field, value.asText());
  }

  private static Template template(JsonNode node, String field, boolean jsonata) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    try {
      return Template.compile(value, jsonata);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + field + "': " + e.getMessage(), e);
    }
  }

  /** Reads {@code X}, {@code XPath} (JSONPath) or a {@code {% %}} expression in {@code X} (JSONata). */
  private static Value value(JsonNode node, String field, boolean jsonata) {
    JsonNode literal = node.get(field);
    if (literal != null) {
      if (jsonata && JsonataExpr.isExpression(literal)) {
        return new Value.FromExpression(JsonataExpr.compile(literal.asText()));
      }
      return new Value.Fixed(literal);
    }
    JsonNode path = node.get(field + "Path");
    if (path != null) {
      return new Value.FromPath(Template.dynamic(field + "Path", path.asText()));
    }
    return null;
  }

  /**
   * A transition target, interned like the state names (and the names are interned too), so looking up
   * the next state while running compares by identity.
   */
  private static String target(JsonNode node, String field, String where) {
    String name = text(node, field, where);
    return name == null ? null : name.intern();
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidDefinitionException(where + ": field '" + field + "' must be a string.");
    }
    return value.asText();
  }
}
