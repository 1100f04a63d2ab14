package dev.ferry.dsl.validate;

import dev.ferry.dsl.Action;
import dev.ferry.dsl.ApprovalStep;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.StepOutput;
import dev.ferry.dsl.TaskInput;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.tasks.FerryTasks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every Lambda call against its function: a {@code ferry-} name Ferry ships, a user's
 * function declared once, a shipped task's inputs, and every result field read (by an expectation,
 * a poll condition or a later step) against the fields the function returns.
 */
final class FunctionValidator {
  private static final String SHIPPED_PREFIX = "ferry-";

  private final MigrationGraph graph;
  private final List<Step> steps;
  private final Map<String, Step> byId = new HashMap<>();
  private final List<Violation> violations = new ArrayList<>();

  private FunctionValidator(MigrationGraph graph, List<Step> steps) {
    this.graph = graph;
    this.steps = steps;
    graph.allWorkSteps().forEach(s -> byId.putIfAbsent(s.id(), s));
  }

  /** The violations of {@code steps} (every work step and compensation of {@code graph}). */
  static List<Violation> validate(MigrationGraph graph, List<Step> steps) {
    FunctionValidator v = new FunctionValidator(graph, steps);
    v.run();
    return v.violations;
  }

  private void run() {
    Map<String, LambdaFunction> declared = new LinkedHashMap<>();
    Set<String> reported = new LinkedHashSet<>();
    for (Step step : steps) {
      for (Action.LambdaInvoke call : calls(step)) {
        LambdaFunction f = call.function();
        checkName(step, f);
        LambdaFunction first = declared.putIfAbsent(f.name(), f);
        if (first != null && !first.results().equals(f.results()) && reported.add(f.name())) {
          add(step, Rule.FUNCTION_DECLARED_TWICE,
              "It calls '" + f.name() + "' declared with result fields " + paths(f) + ", but another step's declaration of it returns "
                  + paths(first) + ".",
              "Declare the function once, in one constant, and call that declaration from every step.");
        }
        if (f.shipped()) {
          checkInputs(step, call);
        }
      }
      step.action().ifPresent(a -> step.expectations().forEach(c -> checkCondition(step, c, a, "an expectation")));
      step.poll().ifPresent(p -> checkCondition(step, p.until(), p.action(), "the poll condition"));
      step.refs().forEach(r -> checkRef(step, r));
    }
  }

  private static List<Action.LambdaInvoke> calls(Step step) {
    List<Action.LambdaInvoke> out = new ArrayList<>();
    step.action().filter(Action.LambdaInvoke.class::isInstance).map(Action.LambdaInvoke.class::cast).ifPresent(out::add);
    step.poll().map(Poll::action).filter(Action.LambdaInvoke.class::isInstance).map(Action.LambdaInvoke.class::cast).ifPresent(out::add);
    return out;
  }

  private void add(Step step, Rule rule, String problem, String fix) {
    violations.add(Violation.step(step.id(), rule, problem, fix));
  }

  private void checkName(Step step, LambdaFunction f) {
    Optional<LambdaFunction> shipped = FerryTasks.named(f.name());
    if (shipped.isPresent() && !f.shipped()) {
      add(step, Rule.UNKNOWN_FUNCTION,
          "It declares its own function '" + f.name() + "', which is one of Ferry's shipped tasks.",
          "Call the typed task from FerryTasks instead of declaring it.");
    } else if (shipped.isEmpty() && (f.shipped() || f.name().startsWith(SHIPPED_PREFIX))) {
      String closest = closest(f.name());
      add(step, Rule.UNKNOWN_FUNCTION,
          "It calls '" + f.name() + "', but Ferry ships no function of that name (names starting with '" + SHIPPED_PREFIX
              + "' are Ferry's own); did you mean '" + closest + "'?",
          "Call the typed task from FerryTasks (for '" + closest + "'), or give your own function a name without the '"
              + SHIPPED_PREFIX + "' prefix.");
    }
  }

  private static String closest(String name) {
    return FerryTasks.all().stream().map(LambdaFunction::name)
        .min(Comparator.comparingInt(n -> distance(n, name))).orElseThrow();
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] row = new int[b.length() + 1];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        row[j] = Math.min(Math.min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + change);
      }
      previous = row;
    }
    return previous[b.length()];
  }

  private void checkInputs(Step step, Action.LambdaInvoke call) {
    LambdaFunction f = call.function();
    Set<String> given = call.payload().fields().keySet();
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (TaskInput input : f.inputs()) {
      if (!input.oneOf().isEmpty()) {
        groups.computeIfAbsent(input.oneOf(), g -> new ArrayList<>()).add(input.name());
      } else if (input.required() && !given.contains(input.name())) {
        add(step, Rule.MISSING_INPUT,
            "It calls " + f.name() + " without its required input '" + input.name() + "' (" + input.description() + ").",
            input.fromExecution() ? "Call it through FerryTasks, which passes " + input.name() + "."
                : "Add ." + input.name() + "(...) to the call.");
      }
    }
    groups.forEach((group, names) -> {
      List<String> present = names.stream().filter(given::contains).toList();
      if (present.size() != 1) {
        add(step, Rule.MISSING_INPUT,
            "It calls " + f.name() + " with " + (present.isEmpty() ? "none" : "all of " + present) + " of its " + group
                + " inputs " + names + "; it takes exactly one.",
            "Set exactly one of " + String.join(", ", names) + ".");
      }
    });
    call.payload().fields().forEach((field, value) -> f.input(field).ifPresent(input -> {
      if (value instanceof Ref.ParameterRef p) {
        graph.parameter(p.name()).map(Parameter::type).filter(t -> t.json() != input.type()).ifPresent(t ->
            add(step, Rule.INPUT_TYPE,
                "It passes parameter '" + p.name() + "', a " + t.words() + ", to " + f.name() + "'s input '" + field
                    + "', which takes a " + input.type().words() + ".",
                "Declare '" + p.name() + "' as a " + input.type().words() + " parameter, or pass another value."));
      }
    }));
    for (String field : given) {
      if (f.input(field).isEmpty()) {
        add(step, Rule.UNKNOWN_INPUT,
            "It calls " + f.name() + " with '" + field + "', which it does not take (it takes "
                + f.inputs().stream().map(TaskInput::name).toList() + ").",
            "Remove '" + field + "' or fix its name; FerryTasks offers a method for each input.");
      }
    }
  }

  /** The declared result fields of what {@code action} returns, when they are known. */
  private static Optional<List<ResultField<?>>> resultOf(Action action) {
    return switch (action) {
      case Action.LambdaInvoke l -> Optional.of(l.function().results());
      case Action.ApprovalRequest a -> Optional.of(List.of(ApprovalStep.APPROVED_BY, ApprovalStep.COMMENT));
      case Action.SdkCall c -> Optional.empty();
      case Action.DynamoDbCall d -> Optional.empty();
      case Action.ParallelGroup g -> Optional.empty();
    };
  }

  private static String function(Action action) {
    return action instanceof Action.LambdaInvoke l ? "'" + l.functionName() + "'" : "an approval";
  }

  private void checkCondition(Step step, Condition condition, Action action, String what) {
    Optional<List<ResultField<?>>> results = resultOf(action);
    if (results.isEmpty()) {
      return;
    }
    Optional<ResultField<?>> field = results.get().stream().filter(r -> r.covers(condition.field())).findFirst();
    if (field.isEmpty()) {
      add(step, Rule.UNKNOWN_RESULT_FIELD,
          "In " + what + " (" + condition.describe() + ") it reads '" + condition.field() + "', which " + function(action)
              + " does not return (it returns " + paths(results.get()) + ").",
          "Read one of the fields the function returns, or declare the field with the function.");
      return;
    }
    ResultField<?> f = field.get();
    if (!f.path().equals(condition.field())) {
      return;
    }
    switch (condition) {
      case Condition.FieldEquals e -> {
        if (!f.values().isEmpty() && !f.values().contains(String.valueOf(e.value()))) {
          add(step, Rule.RESULT_VALUE,
              "In " + what + " (" + condition.describe() + ") it compares '" + f.path() + "' with " + quoted(e.value()) + ", but "
                  + function(action) + " returns only " + f.values() + " there.",
              "Compare with one of " + f.values() + ".");
        } else if (!sameType(f.type(), e.value())) {
          add(step, Rule.RESULT_VALUE,
              "In " + what + " (" + condition.describe() + ") it compares the " + f.type().words() + " '" + f.path() + "' with "
                  + quoted(e.value()) + ", which can never be equal.",
              "Compare with a " + f.type().words() + ".");
        }
      }
      case Condition.IsTrue t -> {
        if (f.type() != JsonType.BOOLEAN) {
          add(step, Rule.RESULT_VALUE,
              "In " + what + " it expects '" + f.path() + "' to be true, but " + function(action) + " returns a " + f.type().words() + " there.",
              "Test a boolean field, or compare this one with Condition.equals(...).");
        }
      }
      case Condition.VersionAtLeast v -> {
        if (f.type() != JsonType.STRING) {
          add(step, Rule.RESULT_VALUE,
              "In " + what + " it compares '" + f.path() + "' as a version, but " + function(action) + " returns a " + f.type().words() + " there.",
              "Compare a string field that holds a version like 2.0.2.");
        }
      }
    }
  }

  private static boolean sameType(JsonType type, Object value) {
    return switch (type) {
      case STRING -> value instanceof String;
      case NUMBER -> value instanceof Number;
      case BOOLEAN -> value instanceof Boolean;
      case STRING_LIST, OBJECT_LIST, OBJECT -> false;
    };
  }

  private static String quoted(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }

  private void checkRef(Step reader, Ref ref) {
    switch (ref) {
      case StepOutput o -> {
        Step source = byId.get(o.stepId());
        if (source == null) {
          return;
        }
        Optional<Action> action = o.source() == StepOutput.Source.POLL ? source.poll().map(Poll::action) : source.action();
        Optional<List<ResultField<?>>> results = action.flatMap(FunctionValidator::resultOf);
        if (results.isPresent() && results.get().stream().noneMatch(r -> r.covers(o.field()))) {
          add(reader, Rule.UNKNOWN_RESULT_FIELD,
              "It reads '" + o.stepId() + "." + o.field() + "', but " + function(action.get()) + ", which '" + o.stepId()
                  + "' " + (o.source() == StepOutput.Source.POLL ? "polls" : "calls") + ", does not return '" + o.field()
                  + "' (it returns " + paths(results.get()) + ").",
              "Read one of the fields the function returns, or declare the field with the function.");
        }
      }
      case Ref.Format f -> {}
      case Ref.ParameterRef p -> {}
      case Ref.Context c -> {}
    }
  }

  private static List<String> paths(LambdaFunction f) {
    return paths(f.results());
  }

  private static List<String> paths(List<ResultField<?>> fields) {
    return fields.stream().map(ResultField::path).toList();
  }
}
