package dev.ferry.dsl.compile;

import static dev.ferry.dsl.compile.Conditions.present;
import static dev.ferry.dsl.compile.Conditions.scalar;
import static dev.ferry.dsl.compile.Conditions.type;
import static dev.ferry.dsl.compile.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.asl.ChoiceState;
import dev.ferry.asl.ComparisonOperator;
import dev.ferry.asl.Condition;
import dev.ferry.asl.FailState;
import dev.ferry.asl.PassState;
import dev.ferry.asl.State;
import dev.ferry.contract.ErrorName;
import dev.ferry.contract.InputField;
import dev.ferry.contract.Trigger;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.ParameterType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first states: detect and unwrap an EventBridge envelope, check every field's presence and
 * JSON type (one Fail state per field and problem, {@code Ferry.InvalidInput}), apply the defaults
 * and build the Ferry document {@code {ferry, parameters, steps}}.
 */
final class InputLowering {
  private final Lowering lowering;

  InputLowering(Lowering lowering) {
    this.lowering = lowering;
  }

  /** A rejected input: the Fail state's name and its cause. */
  private record Rejection(String state, String cause) {}

  void emit() {
    put(StateNames.DETECT_ENVELOPE, ChoiceState.builder()
        .comment("input: detect an EventBridge event envelope (detail-type, source)")
        .choice(Condition.and(present("$.detail-type"), present("$.source")), StateNames.CHECK_DETAIL)
        .defaultState(StateNames.CHECK_INPUT)
        .build());
    ChoiceState.Builder detail = ChoiceState.builder()
        .comment("input: the event's detail must be the Ferry document, an object");
    List<Rejection> detailFails = new ArrayList<>();
    addRule(detail, detailFails, Condition.not(present("$.detail")), "detail", "missing",
        "detail: the EventBridge event has no detail; put the Ferry input document in the event's detail");
    addRule(detail, detailFails, scalar("$.detail"), "detail", "not an object",
        "detail: must be an object (the Ferry input document)");
    put(StateNames.CHECK_DETAIL, detail.defaultState(StateNames.UNWRAP_ENVELOPE).build());
    putFailures(detailFails);
    put(StateNames.UNWRAP_ENVELOPE, PassState.builder()
        .comment("input: take the Ferry document from the event's detail; trigger defaults to event")
        .parameters(obj("defaults", obj(InputField.TRIGGER, InputField.EVENT_TRIGGER.word()), "detail.$", "$.detail"))
        .next(StateNames.MERGE_ENVELOPE)
        .build());
    put(StateNames.MERGE_ENVELOPE, PassState.builder()
        .comment("input: the event's detail over the event defaults")
        .parameters(obj("document.$", "States.JsonMerge($.defaults, $.detail, false)"))
        .outputPath("$.document")
        .next(StateNames.CHECK_INPUT)
        .build());

    ChoiceState.Builder check = ChoiceState.builder()
        .comment("input: check every field's presence and JSON type before any side effect");
    List<Rejection> fails = new ArrayList<>();
    addRule(check, fails, Condition.not(present("$.target")), "target", "missing", "target: required string is missing");
    addRule(check, fails, Condition.not(type("$.target", ComparisonOperator.IS_STRING)), "target", "not a string", "target: must be a string");
    addRule(check, fails, Condition.stringEquals("$.target", ""), "target", "empty", "target: must not be empty");
    addRule(check, fails, Condition.and(present("$.requestedBy"),
        Condition.not(type("$.requestedBy", ComparisonOperator.IS_STRING))),
        "requestedBy", "not a string", "requestedBy: must be a string");
    addRule(check, fails, Condition.and(present("$.trigger"),
        Condition.not(Condition.or(Trigger.ofInput().stream()
            .map(t -> Condition.stringEquals("$.trigger", t.word())).toArray(Condition[]::new)))),
        "trigger", "unknown", "trigger: must be one of " + String.join(", ", Trigger.inputWords()));
    for (Parameter<?> p : lowering.graph.parameters()) {
      String field = InputField.PARAMETERS + "." + p.name();
      String path = "$." + field;
      if (p.required()) {
        addRule(check, fails, Condition.not(present(path)), field, "missing",
            field + ": required " + p.type().words() + " is missing");
      }
      // JSONPath Choice rules have no array or object test: a list or object parameter is
      // rejected when it is a scalar; the shape of its elements is checked by the handlers.
      Condition mistyped = switch (p.type()) {
        case STRING -> Condition.not(type(path, ComparisonOperator.IS_STRING));
        case NUMBER -> Condition.not(type(path, ComparisonOperator.IS_NUMERIC));
        case BOOLEAN -> Condition.not(type(path, ComparisonOperator.IS_BOOLEAN));
        case STRING_LIST, OBJECT_LIST, OBJECT -> scalar(path);
      };
      String kind = StateNames.withArticle(p.type());
      addRule(check, fails, Condition.and(present(path), mistyped), field, "not " + kind, field + ": must be " + kind);
      if (p.required() && p.type() == ParameterType.STRING) {
        addRule(check, fails, Condition.stringEquals(path, ""), field, "empty", field + ": must not be empty");
      }
    }
    put(StateNames.CHECK_INPUT, check.defaultState(StateNames.INPUT_DEFAULTS).build());
    putFailures(fails);

    ObjectNode parameterDefaults = obj();
    lowering.graph.parameters().forEach(p -> p.defaultValue().ifPresent(v -> parameterDefaults.set(p.name(), Json.node(v))));
    // Defaults are objects in the template, not JSON text inside an intrinsic: engines differ on
    // unescaping braces in intrinsic string literals.
    put(StateNames.INPUT_DEFAULTS, PassState.builder()
        .comment("input: gather the defaults of requestedBy, trigger and the declared parameters")
        .parameters(obj("defaults", obj(InputField.REQUESTED_BY, InputField.DEFAULT_REQUESTED_BY,
                InputField.TRIGGER, InputField.DEFAULT_TRIGGER.word(), InputField.PARAMETERS, obj()),
            "parameterDefaults", parameterDefaults, "input.$", "$"))
        .next(StateNames.MERGE_DEFAULTS)
        .build());
    put(StateNames.MERGE_DEFAULTS, PassState.builder()
        .comment("input: the input over the defaults")
        .parameters(obj("input.$", "States.JsonMerge($.defaults, $.input, false)",
            "parameterDefaults.$", "$.parameterDefaults"))
        .next(StateNames.BUILD_DOCUMENT)
        .build());
    put(StateNames.BUILD_DOCUMENT, PassState.builder()
        .comment("input: apply parameter defaults and build {ferry, parameters, steps}")
        .parameters(obj(
            "ferry", obj("target.$", "$.input.target", "requestedBy.$", "$.input.requestedBy",
                "trigger.$", "$.input.trigger", "migration", lowering.graph.name()),
            "parameters.$", "States.JsonMerge($.parameterDefaults, $.input.parameters, false)",
            "steps", obj()))
        .next(StateNames.ACQUIRE_LOCK)
        .build());
  }

  private void putFailures(List<Rejection> fails) {
    for (Rejection f : fails) {
      put(f.state(), FailState.builder()
          .comment("input: reject the execution input (" + f.cause() + ")")
          .error(ErrorName.INVALID_INPUT.errorName())
          .cause(f.cause())
          .build());
    }
  }

  private static void addRule(ChoiceState.Builder check, List<Rejection> fails,
      Condition condition, String field, String problem, String cause) {
    String name = StateNames.invalidInput(field, problem);
    check.choice(condition, name);
    fails.add(new Rejection(name, cause));
  }

  private void put(String name, State state) {
    lowering.put(name, state, StateRole.INPUT, Optional.empty());
  }
}
