package dev.ferry.dsl.compile;

import static dev.ferry.dsl.compile.Json.n;
import static dev.ferry.dsl.compile.Json.obj;
import static dev.ferry.dsl.compile.Json.s;
import static dev.ferry.dsl.compile.Json.sPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.asl.Branch;
import dev.ferry.asl.Catcher;
import dev.ferry.asl.ChoiceState;
import dev.ferry.asl.ComparisonOperator;
import dev.ferry.asl.DataPath;
import dev.ferry.asl.FailState;
import dev.ferry.asl.JitterStrategy;
import dev.ferry.asl.ParallelState;
import dev.ferry.asl.PassState;
import dev.ferry.asl.Retrier;
import dev.ferry.asl.State;
import dev.ferry.asl.StateMachine;
import dev.ferry.asl.SucceedState;
import dev.ferry.asl.TaskState;
import dev.ferry.asl.WaitState;
import dev.ferry.dsl.Action;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.ParameterType;
import dev.ferry.dsl.Payload;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.StepKind;
import dev.ferry.dsl.StepOutput;
import dev.ferry.dsl.compile.StateNames.Failure;
import dev.ferry.dsl.graph.Edge;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.graph.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lowers a validated graph to the ASL model, following the machine contract: input
 * normalisation, lock + first step start in one transaction, per step a work state and one record
 * state, failure records, shared compensation chains, typed {@code Ferry.*} errors.
 */
final class Lowering {
  private static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
  private static final String LAMBDA_CALLBACK = "arn:aws:states:::lambda:invoke.waitForTaskToken";
  private static final String TRANSACT = "arn:aws:states:::aws-sdk:dynamodb:transactWriteItems";
  private static final String GET_ITEM = "arn:aws:states:::aws-sdk:dynamodb:getItem";
  private static final String APPROVAL_FUNCTION = "ferry-approval-request";
  private static final String END = "";

  private static final List<String> LAMBDA_SERVICE_ERRORS = List.of(
      "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
      "Lambda.TooManyRequestsException");
  private static final List<String> DYNAMODB_SDK_THROTTLING = List.of(
      "DynamoDb.ProvisionedThroughputExceededException", "DynamoDb.ThrottlingException",
      "DynamoDb.RequestLimitExceededException", "DynamoDb.InternalServerErrorException");
  private static final List<String> DYNAMODB_OPTIMIZED_THROTTLING = List.of(
      "DynamoDB.ProvisionedThroughputExceededException", "DynamoDB.ThrottlingException",
      "DynamoDB.RequestLimitExceeded", "DynamoDB.InternalServerErrorException");

  /** Where a failure is routed; {@code null} when it propagates (inside a parallel branch). */
  private interface Router {
    String route(Failure failure, boolean caught);
  }

  private final MigrationGraph graph;
  private final CompileOptions options;
  private final Map<String, State> states = new LinkedHashMap<>();
  /** Failure records, written after the steps so the definition reads in run order. */
  private final Map<String, State> failureStates = new LinkedHashMap<>();
  /** Whether some compensation can fail, so the machine needs its rollback-failed end. */
  private boolean rollbackCanFail;
  private final List<Step> top;
  private final Map<String, Integer> indexOf = new HashMap<>();
  private final Map<String, String> groupOf = new HashMap<>();
  private final Set<String> pollOnly = new HashSet<>();
  private final List<Step> compensable;
  private final Map<String, String> failureEdge = new HashMap<>();
  /** Compensable steps by the id of their compensation. */
  private final Map<String, Step> undoneBy = new HashMap<>();
  /** How many compensable steps have completed once each top-level step has. */
  private final Map<String, Integer> completedThrough = new HashMap<>();
  /** The result fields each step's readers need, checked right after the call. */
  private final Map<String, ResultChecks> resultChecks;

  Lowering(MigrationGraph graph, CompileOptions options) {
    this.graph = graph;
    this.options = options;
    this.top = graph.steps();
    this.compensable = graph.compensableInOrder();
    this.resultChecks = ResultChecks.all(graph);
    for (int i = 0; i < top.size(); i++) {
      Step step = top.get(i);
      indexOf.put(step.id(), i + 1);
      for (List<Step> branch : step.branches()) {
        for (Step inner : branch) {
          indexOf.put(inner.id(), i + 1);
          groupOf.put(inner.id(), step.id());
        }
      }
    }
    for (Step s : graph.allWorkSteps()) {
      if (s.action().isEmpty()) {
        pollOnly.add(s.id());
      }
    }
    compensable.forEach(s -> {
      if (s.compensation().get().action().isEmpty()) {
        pollOnly.add(s.compensation().get().id());
      }
    });
    compensable.forEach(s -> undoneBy.put(s.compensation().get().id(), s));
    int completed = 0;
    for (Step t : top) {
      for (List<Step> branch : t.branches()) {
        completed += (int) branch.stream().filter(s -> s.compensation().isPresent()).count();
      }
      if (t.compensation().isPresent()) {
        completed++;
      }
      completedThrough.put(t.id(), completed);
    }
    for (Edge e : graph.edges()) {
      if (e instanceof Edge.Failure f) {
        failureEdge.put(f.from(), f.to());
      }
    }
  }

  StateMachine lower() {
    emitInput();
    emitLock();
    for (int i = 0; i < top.size(); i++) {
      emitTopStep(top.get(i), i);
    }
    emitCompensations();
    failureStates.forEach(this::put);
    emitEnds();
    StateMachine.Builder machine = StateMachine.builder(StateNames.DETECT_ENVELOPE)
        .comment("Ferry migration '" + graph.name() + "'"
            + (graph.description().isEmpty() ? "" : ": " + graph.description()));
    states.forEach(machine::state);
    return machine.build();
  }

  // ---------------------------------------------------------------- input

  private void emitInput() {
    put(StateNames.DETECT_ENVELOPE, ChoiceState.builder()
        .comment("input: detect an EventBridge event envelope (detail-type, source)")
        .choice(dev.ferry.asl.Condition.and(present("$.detail-type"), present("$.source")), StateNames.CHECK_DETAIL)
        .defaultState(StateNames.CHECK_INPUT)
        .build());
    ChoiceState.Builder detail = ChoiceState.builder()
        .comment("input: the event's detail must be the Ferry document, an object");
    List<String[]> detailFails = new ArrayList<>();
    addInputRule(detail, detailFails, dev.ferry.asl.Condition.not(present("$.detail")), "detail", "missing",
        "detail: the EventBridge event has no detail; put the Ferry input document in the event's detail");
    addInputRule(detail, detailFails, scalar("$.detail"), "detail", "not an object",
        "detail: must be an object (the Ferry input document)");
    put(StateNames.CHECK_DETAIL, detail.defaultState(StateNames.UNWRAP_ENVELOPE).build());
    putInputFailures(detailFails);
    put(StateNames.UNWRAP_ENVELOPE, PassState.builder()
        .comment("input: take the Ferry document from the event's detail; trigger defaults to event")
        .parameters(obj("defaults", obj("trigger", "event"), "detail.$", "$.detail"))
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
    List<String[]> fails = new ArrayList<>();
    addInputRule(check, fails, dev.ferry.asl.Condition.not(present("$.target")), "target", "missing", "target: required string is missing");
    addInputRule(check, fails, dev.ferry.asl.Condition.not(type("$.target", ComparisonOperator.IS_STRING)), "target", "not a string", "target: must be a string");
    addInputRule(check, fails, dev.ferry.asl.Condition.stringEquals("$.target", ""), "target", "empty", "target: must not be empty");
    addInputRule(check, fails, dev.ferry.asl.Condition.and(present("$.requestedBy"),
        dev.ferry.asl.Condition.not(type("$.requestedBy", ComparisonOperator.IS_STRING))),
        "requestedBy", "not a string", "requestedBy: must be a string");
    addInputRule(check, fails, dev.ferry.asl.Condition.and(present("$.trigger"),
        dev.ferry.asl.Condition.not(dev.ferry.asl.Condition.or(
            dev.ferry.asl.Condition.stringEquals("$.trigger", "api"),
            dev.ferry.asl.Condition.stringEquals("$.trigger", "console"),
            dev.ferry.asl.Condition.stringEquals("$.trigger", "schedule"),
            dev.ferry.asl.Condition.stringEquals("$.trigger", "event")))),
        "trigger", "unknown", "trigger: must be one of api, console, schedule, event");
    for (Parameter<?> p : graph.parameters()) {
      String field = "parameters." + p.name();
      String path = "$." + field;
      if (p.required()) {
        addInputRule(check, fails, dev.ferry.asl.Condition.not(present(path)), field, "missing",
            field + ": required " + p.type().words() + " is missing");
      }
      // JSONPath Choice rules have no array or object test: a list or object parameter is
      // rejected when it is a scalar; the shape of its elements is checked by the handlers.
      dev.ferry.asl.Condition mistyped = switch (p.type()) {
        case STRING -> dev.ferry.asl.Condition.not(type(path, ComparisonOperator.IS_STRING));
        case NUMBER -> dev.ferry.asl.Condition.not(type(path, ComparisonOperator.IS_NUMERIC));
        case BOOLEAN -> dev.ferry.asl.Condition.not(type(path, ComparisonOperator.IS_BOOLEAN));
        case STRING_LIST, OBJECT_LIST, OBJECT -> scalar(path);
      };
      String kind = StateNames.withArticle(p.type());
      addInputRule(check, fails, dev.ferry.asl.Condition.and(present(path), mistyped),
          field, "not " + kind, field + ": must be " + kind);
      if (p.required() && p.type() == ParameterType.STRING) {
        addInputRule(check, fails, dev.ferry.asl.Condition.stringEquals(path, ""), field, "empty",
            field + ": must not be empty");
      }
    }
    put(StateNames.CHECK_INPUT, check.defaultState(StateNames.INPUT_DEFAULTS).build());
    putInputFailures(fails);

    ObjectNode parameterDefaults = obj();
    graph.parameters().forEach(p -> p.defaultValue().ifPresent(v -> parameterDefaults.set(p.name(), Json.node(v))));
    // Defaults are objects in the template, not JSON text inside an intrinsic: engines differ on
    // unescaping braces in intrinsic string literals.
    put(StateNames.INPUT_DEFAULTS, PassState.builder()
        .comment("input: gather the defaults of requestedBy, trigger and the declared parameters")
        .parameters(obj("defaults", obj("requestedBy", "unknown", "trigger", "api", "parameters", obj()),
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
                "trigger.$", "$.input.trigger", "migration", graph.name()),
            "parameters.$", "States.JsonMerge($.parameterDefaults, $.input.parameters, false)",
            "steps", obj()))
        .next(StateNames.ACQUIRE_LOCK)
        .build());
  }

  private void putInputFailures(List<String[]> fails) {
    for (String[] f : fails) {
      put(f[0], FailState.builder()
          .comment("input: reject the execution input (" + f[1] + ")")
          .error("Ferry.InvalidInput")
          .cause(f[1])
          .build());
    }
  }

  /** The value at {@code path} is a string, number, boolean or null: not an object or array. */
  private static dev.ferry.asl.Condition scalar(String path) {
    return dev.ferry.asl.Condition.or(type(path, ComparisonOperator.IS_STRING),
        type(path, ComparisonOperator.IS_NUMERIC), type(path, ComparisonOperator.IS_BOOLEAN),
        type(path, ComparisonOperator.IS_NULL));
  }

  private static void addInputRule(ChoiceState.Builder check, List<String[]> fails,
      dev.ferry.asl.Condition condition, String field, String problem, String cause) {
    String name = StateNames.invalidInput(field, problem);
    check.choice(condition, name);
    fails.add(new String[] {name, cause});
  }

  // ---------------------------------------------------------------- lock

  private void emitLock() {
    Step first = top.getFirst();
    ArrayNode items = Json.F.arrayNode();
    items.add(progressUpdate(
        new String[] {"lockHolder", "status", "migration", "execution", "currentStep", "stepIndex",
            "stepCount", "startedAt", "updatedAt", "requestedBy", "trigger"},
        new JsonNode[] {sPath("$$.Execution.Id"), s("RUNNING"), s(graph.name()), sPath("$$.Execution.Id"),
            s(first.id()), n(1), n(top.size()), sPath("$$.Execution.StartTime"), sPath("$$.State.EnteredTime"),
            sPath("$.ferry.requestedBy"), sPath("$.ferry.trigger")},
        List.of("pendingApproval"),
        "attribute_not_exists(#lockHolder) OR #lockHolder = :self"));
    items.add(auditRun("STARTED", Map.of()));
    items.add(auditStep(first, "STARTED", Map.of()));
    put(StateNames.ACQUIRE_LOCK, TaskState.builder(TRANSACT)
        .comment("lock: take the target's lock, record the run and " + first.id() + " as started, in one transaction")
        .parameters(obj("TransactItems", items))
        .resultSelector(current(first))
        .resultPath("$.current")
        .retry(dynamoRetry())
        .catcher(Catcher.builder(List.of("DynamoDb.TransactionCanceledException"), StateNames.READ_LOCK)
            .resultPath("$.lockFailure").build())
        .catcher(Catcher.builder(List.of("DynamoDb.ValidationException"), StateNames.DESCRIBE_INPUT_REFUSED)
            .resultPath("$.inputRefused").build())
        .next(entry(first))
        .build());
    put(StateNames.READ_LOCK, TaskState.builder(GET_ITEM)
        .comment("lock: read who holds the target's lock")
        .parameters(obj("TableName", options.progressTable(), "Key", obj("target", sPath("$.ferry.target")),
            "ConsistentRead", true))
        .resultPath("$.lock")
        .retry(dynamoRetry())
        .catcher(Catcher.builder(List.of("DynamoDb.ValidationException"), StateNames.DESCRIBE_INPUT_REFUSED)
            .resultPath("$.inputRefused").build())
        .catcher(Catcher.builder(List.of("States.ALL"), StateNames.LOCK_HELD_UNKNOWN).resultPath("$.lockReadFailure").build())
        .next(StateNames.CHECK_LOCK)
        .build());
    put(StateNames.CHECK_LOCK, ChoiceState.builder()
        .comment("lock: is the holder known?")
        .choice(dev.ferry.asl.Condition.and(present("$.lock.Item.lockHolder.S"),
            present("$.lock.Item.migration.S"), present("$.lock.Item.status.S")), StateNames.DESCRIBE_LOCK)
        .defaultState(StateNames.LOCK_HELD_UNKNOWN)
        .build());
    put(StateNames.DESCRIBE_LOCK, PassState.builder()
        .comment("lock: name the run that holds the target")
        .parameters(obj("cause.$", "States.Format('target {} is locked by execution {} (migration {}, status {}); wait for it to end,"
            + " or clear a stale lock with ferry unlock --reason', $.ferry.target, $.lock.Item.lockHolder.S,"
            + " $.lock.Item.migration.S, $.lock.Item.status.S)"))
        .next(StateNames.LOCK_HELD)
        .build());
    put(StateNames.LOCK_HELD, FailState.builder()
        .comment("lock: another run holds the target")
        .error("Ferry.LockHeld")
        .causePath("$.cause")
        .build());
    // A Choice rule cannot measure the target's length; DynamoDB refuses a key over 2,048 bytes.
    put(StateNames.DESCRIBE_INPUT_REFUSED, PassState.builder()
        .comment("input: DynamoDB refused the lock row for this input (nothing was written)")
        .parameters(obj("cause.$", "States.Format('target: DynamoDB refused it as the key of the lock row ({});"
            + " a target is 1-200 characters of letters, digits and . _ : / -', $.inputRefused.Cause)"))
        .next(StateNames.INPUT_REFUSED)
        .build());
    put(StateNames.INPUT_REFUSED, FailState.builder()
        .comment("input: reject the execution input")
        .error("Ferry.InvalidInput")
        .causePath("$.cause")
        .build());
    put(StateNames.LOCK_HELD_UNKNOWN, FailState.builder()
        .comment("lock: the lock transaction was refused and the holder could not be read")
        .error("Ferry.LockHeld")
        .cause("the lock transaction was refused and its holder could not be read: another run holds the target"
            + " or this run already started; see the target's item in the progress table")
        .build());
  }

  // ---------------------------------------------------------------- work steps

  private void emitTopStep(Step step, int i) {
    Router router = (failure, caught) -> failed(step, failure, caught);
    String record = StateNames.record(step);
    emitWork(step, states, Optional.empty(), record, router, "$.failure");
    Step next = i + 1 < top.size() ? top.get(i + 1) : null;
    ArrayNode items = Json.F.arrayNode();
    items.add(auditStep(step, "SUCCEEDED", Map.of()));
    TaskState.Builder recordState = TaskState.builder(TRANSACT).retry(dynamoRetry());
    if (next != null) {
      recordState.resultSelector(current(next)).resultPath("$.current");
      items.add(auditStep(next, "STARTED", Map.of()));
      items.add(progressUpdate(new String[] {"status", "currentStep", "stepIndex", "updatedAt"},
          new JsonNode[] {s("RUNNING"), s(next.id()), n(i + 2), sPath("$$.State.EnteredTime")},
          List.of(), "#lockHolder = :self"));
      recordState.comment("progress: " + step.id() + " (" + kind(step) + ") record it done and " + next.id() + " started")
          .catcher(Catcher.builder(List.of("States.ALL"), failed(step, Failure.RECORD, true)).resultPath("$.failure").build())
          .next(entry(next));
    } else {
      items.add(auditRun("SUCCEEDED", Map.of()));
      items.add(progressUpdate(new String[] {"status", "updatedAt"},
          new JsonNode[] {s("SUCCEEDED"), sPath("$$.State.EnteredTime")}, List.of("lockHolder"), "#lockHolder = :self"));
      recordState.resultPath(DataPath.nullPath())
          .comment("progress: " + step.id() + " (" + kind(step) + ") record it and the run succeeded, release the lock")
          .next(StateNames.SUCCEEDED);
    }
    put(record, recordState.parameters(obj("TransactItems", items)).build());
  }

  /** The first state of a step. */
  private static String entry(Step step) {
    return step.action().isEmpty() ? StateNames.pollStart(step) : StateNames.work(step);
  }

  /**
   * Emits a step's states into {@code into}: the work (or parallel) state, its expectation check
   * and its poll loop; {@code group} is the parallel group whose branch holds it.
   */
  private void emitWork(Step step, Map<String, State> into, Optional<String> group, String onSuccess, Router router, String slot) {
    ResultChecks checks = ResultChecks.of(resultChecks, step);
    boolean checked = step.action().isPresent() && (!step.expectations().isEmpty() || checks.checksCall());
    String afterWork = checked ? StateNames.check(step)
        : step.poll().isPresent() ? StateNames.pollCall(step) : onSuccess;
    if (step.action().isPresent()) {
      Action action = step.action().get();
      if (action instanceof Action.ParallelGroup g) {
        emitParallel(step, g, into, onSuccess, router);
        return;
      }
      ObjectNode selector = resultSelector();
      step.poll().ifPresent(p -> selector.set("loop", obj("attempt", 1, "next", p.every().toSeconds())));
      TaskState.Builder work = task(action, step, group, selector)
          .comment(kind(step) + ": " + step.id() + " (work)")
          .resultPath(stepPath(step, group));
      catchers(work, step, router, slot);
      into.put(StateNames.work(step), link(work, afterWork).build());
    }
    if (checked) {
      String onFailure = step.expectations().isEmpty() ? null
          : step.kind() == StepKind.GUARD
              ? route(router, Failure.PRECONDITION, step, into)
              : route(router, Failure.EXPECTATION, step, into);
      String base = stepPath(step, group);
      String pass = step.poll().isPresent() ? StateNames.pollCall(step) : orDone(onSuccess, into, step);
      List<Condition> plain = step.expectations().stream().filter(c -> !(c instanceof Condition.VersionAtLeast)).toList();
      List<Condition.VersionAtLeast> versions = ResultChecks.versions(step.expectations());
      List<String> words = new ArrayList<>(step.expectations().stream().map(Condition::describe).toList());
      checks.afterCall().stream().filter(c -> step.expectations().stream().noneMatch(e -> e.field().equals(c.field())))
          .forEach(c -> words.add(c.field() + " present"));
      ChoiceState.Builder check = ChoiceState.builder()
          .comment(kind(step) + ": " + step.id() + " (check) " + String.join(" and ", words));
      validate(check, step, checks.afterCall(), base + ".result", false, into, router, slot);
      if (!plain.isEmpty()) {
        check.choice(dev.ferry.asl.Condition.not(all(plain, base + ".result", base + ".versions")), onFailure);
      }
      into.put(StateNames.check(step), check.defaultState(versions.isEmpty() ? pass : StateNames.parseVersions(step)).build());
      if (!versions.isEmpty()) {
        into.put(StateNames.parseVersions(step), parseVersions(step, versions, base + ".result", base + ".versions",
            StateNames.compareVersions(step)));
        into.put(StateNames.compareVersions(step), ChoiceState.builder()
            .comment(kind(step) + ": " + step.id() + " (check) "
                + String.join(" and ", versions.stream().map(Condition::describe).toList()))
            .choice(dev.ferry.asl.Condition.not(all(List.copyOf(versions), base + ".result", base + ".versions")), onFailure)
            .defaultState(pass)
            .build());
      }
    }
    step.poll().ifPresent(p -> emitPoll(step, p, into, group, onSuccess, router, slot));
  }

  private static dev.ferry.asl.Condition all(List<Condition> conditions, String resultBase, String versionsBase) {
    List<dev.ferry.asl.Condition> out = conditions.stream().map(c -> condition(c, resultBase, versionsBase)).toList();
    return out.size() == 1 ? out.getFirst() : new dev.ferry.asl.Condition.And(out);
  }

  /**
   * Adds one rule per missing or mistyped field, ahead of any rule that reads the field: a path
   * to a missing field fails a Choice with {@code States.Runtime}, which no Catch catches.
   */
  private void validate(ChoiceState.Builder check, Step step, List<ResultChecks.FieldCheck> fields, String resultBase,
      boolean poll, Map<String, State> into, Router router, String slot) {
    for (ResultChecks.FieldCheck field : fields) {
      String path = resultBase + "." + field.field();
      check.choice(dev.ferry.asl.Condition.not(present(path)), invalidResult(step, field, "missing", poll, into, router, slot));
      for (ResultChecks.Need need : field.orderedNeeds()) {
        if (need != ResultChecks.Need.PRESENT) {
          check.choice(dev.ferry.asl.Condition.not(hasType(path, need)),
              invalidResult(step, field, "not " + need.words(), poll, into, router, slot));
        }
      }
    }
  }

  private static dev.ferry.asl.Condition hasType(String path, ResultChecks.Need need) {
    return switch (need) {
      case PRESENT -> present(path);
      case SCALAR -> scalar(path);
      case STRING -> type(path, ComparisonOperator.IS_STRING);
      case NUMBER -> type(path, ComparisonOperator.IS_NUMERIC);
      case BOOLEAN -> type(path, ComparisonOperator.IS_BOOLEAN);
    };
  }

  /**
   * The state a missing or mistyped field goes to: a Pass that puts {@code Ferry.ResultInvalid}
   * and a cause naming the step and field where a caught error would be, then the step's failure
   * path (so exactly the completed steps are compensated); inside a parallel branch, a Fail state
   * that the group's catcher routes the same way.
   */
  private String invalidResult(Step step, ResultChecks.FieldCheck field, String problem, boolean poll,
      Map<String, State> into, Router router, String slot) {
    String name = StateNames.invalidResult(step, field.field(), problem, poll);
    String result = poll ? "poll result" : "result";
    String cause = step.id() + ": the " + result + (problem.equals("missing")
        ? " has no field '" + field.field() + "'"
        : "'s field '" + field.field() + "' is " + problem)
        + " (read by " + field.readersInWords() + ")";
    String comment = kind(step) + ": " + step.id() + " (invalid result) " + result + " field " + field.field() + " " + problem;
    String target = router.route(Failure.RESULT_INVALID, true);
    if (target == null) {
      into.put(name, FailState.builder().comment(comment).error(ferryError(Failure.RESULT_INVALID)).cause(cause).build());
    } else {
      into.put(name, PassState.builder().comment(comment)
          .parameters(obj("Error", ferryError(Failure.RESULT_INVALID), "Cause", cause))
          .resultPath(slot)
          .next(target)
          .build());
    }
    return name;
  }

  /** Numbers from version strings the check proved present strings; see {@link Condition.VersionAtLeast}. */
  private PassState parseVersions(Step step, List<Condition.VersionAtLeast> versions, String resultBase,
      String versionsBase, String next) {
    ObjectNode parsed = obj();
    for (Condition.VersionAtLeast v : versions) {
      String split = "States.StringSplit(States.Format('{}.0.0', " + resultBase + "." + v.field() + "), '.')";
      ObjectNode parts = obj();
      String[] names = {"major", "minor", "patch"};
      for (int i = 0; i < v.components().length; i++) {
        parts.put(names[i] + ".$", "States.StringToJson(States.ArrayGetItem(" + split + ", " + i + "))");
      }
      parsed.set(versionKey(v.field()), parts);
    }
    return PassState.builder()
        .comment(kind(step) + ": " + step.id() + " (check) numbers of "
            + String.join(", ", versions.stream().map(Condition.VersionAtLeast::field).toList()))
        .parameters(parsed)
        .resultPath(versionsBase)
        .next(next)
        .build();
  }

  private void emitPoll(Step step, Poll poll, Map<String, State> into, Optional<String> group, String onSuccess, Router router, String slot) {
    String base = stepPath(step, group);
    String loop = base + ".loop";
    ObjectNode selector = resultSelector();
    if (step.action().isEmpty()) {
      TaskState.Builder start = task(poll.action(), step, group,
              obj("poll", selector, "loop", obj("attempt", 1, "next", poll.every().toSeconds())))
          .comment(kind(step) + ": " + step.id() + " (work) first call of the poll")
          .resultPath(base)
          .next(StateNames.pollCheck(step));
      catchers(start, step, router, slot);
      into.put(StateNames.pollStart(step), start.build());
    }
    TaskState.Builder call = task(poll.action(), step, group, selector)
        .comment(kind(step) + ": " + step.id() + " (poll) call again")
        .resultPath(base + ".poll")
        .next(StateNames.pollCheck(step));
    catchers(call, step, router, slot);
    into.put(StateNames.pollCall(step), call.build());
    boolean grows = poll.backoff().isPresent();
    String resultBase = base + ".poll.result";
    String versionsBase = base + ".poll.versions";
    ResultChecks checks = ResultChecks.of(resultChecks, step);
    List<Condition.VersionAtLeast> versions = ResultChecks.versions(List.of(poll.until()));
    String words = kind(step) + ": " + step.id() + " (poll) until " + poll.until().describe()
        + ", at most " + poll.maxAttempts() + " calls";
    // The result's fields are checked first; then "not yet" rules, so that the rules that read
    // fields the condition does not guarantee come last, once the condition holds.
    ChoiceState.Builder check = ChoiceState.builder().comment(words);
    validate(check, step, checks.everyPoll(), resultBase, true, into, router, slot);
    ChoiceState.Builder decide = check;
    if (!versions.isEmpty()) {
      into.put(StateNames.pollParseVersions(step), parseVersions(step, versions, resultBase, versionsBase,
          StateNames.pollCompare(step)));
      into.put(StateNames.pollCheck(step), check.defaultState(StateNames.pollParseVersions(step)).build());
      decide = ChoiceState.builder().comment(words);
    }
    dev.ferry.asl.Condition notYet = dev.ferry.asl.Condition.not(condition(poll.until(), resultBase, versionsBase));
    decide.choice(dev.ferry.asl.Condition.and(notYet,
            dev.ferry.asl.Condition.numericGreaterThanEquals(loop + ".attempt", poll.maxAttempts())),
        route(router, Failure.TIMEOUT, step, into));
    if (grows) {
      decide.choice(dev.ferry.asl.Condition.and(notYet, dev.ferry.asl.Condition.numericGreaterThanEquals(loop + ".next",
          poll.backoff().get().maxInterval().toSeconds())), StateNames.pollHold(step));
    }
    decide.choice(notYet, StateNames.pollNext(step));
    validate(decide, step, checks.whenPollDone(), resultBase, true, into, router, slot);
    into.put(versions.isEmpty() ? StateNames.pollCheck(step) : StateNames.pollCompare(step),
        decide.defaultState(orDone(onSuccess, into, step)).build());
    ObjectNode next = grows
        ? obj("attempt.$", "States.MathAdd(" + loop + ".attempt, 1)", "wait.$", loop + ".next",
            "next.$", "States.MathAdd(" + loop + ".next, " + loop + ".next)")
        : obj("attempt.$", "States.MathAdd(" + loop + ".attempt, 1)", "wait", poll.every().toSeconds(),
            "next", poll.every().toSeconds());
    into.put(StateNames.pollNext(step), PassState.builder()
        .comment(kind(step) + ": " + step.id() + " (poll) count the call" + (grows ? ", double the interval" : ""))
        .parameters(next)
        .resultPath(loop)
        .next(StateNames.pollWait(step))
        .build());
    if (grows) {
      long max = poll.backoff().get().maxInterval().toSeconds();
      into.put(StateNames.pollHold(step), PassState.builder()
          .comment(kind(step) + ": " + step.id() + " (poll) count the call at the longest interval")
          .parameters(obj("attempt.$", "States.MathAdd(" + loop + ".attempt, 1)", "wait", max, "next", max))
          .resultPath(loop)
          .next(StateNames.pollWait(step))
          .build());
    }
    into.put(StateNames.pollWait(step), WaitState.builder()
        .comment(kind(step) + ": " + step.id() + " (poll) wait before calling again")
        .secondsPath(loop + ".wait")
        .next(StateNames.pollCall(step))
        .build());
  }

  private void emitParallel(Step step, Action.ParallelGroup g, Map<String, State> into, String onSuccess, Router router) {
    ParallelState.Builder par = ParallelState.builder()
        .comment(kind(step) + ": " + step.id() + " (work) " + g.branches().size() + " branches at once");
    ObjectNode selector = obj();
    Router inBranch = (failure, caught) -> caught ? null : "";
    for (int b = 0; b < g.branches().size(); b++) {
      List<Step> branch = g.branches().get(b);
      Map<String, State> branchStates = new LinkedHashMap<>();
      if (branch.isEmpty()) {
        String done = "Done: " + step.id() + " branch " + (b + 1);
        branchStates.put(done, PassState.builder().comment(kind(step) + ": " + step.id() + " (work) empty branch").end().build());
        par.branch(Branch.builder(done).build());
        continue;
      }
      for (int k = 0; k < branch.size(); k++) {
        Step inner = branch.get(k);
        String next = k + 1 < branch.size() ? entry(branch.get(k + 1)) : END;
        emitWork(inner, branchStates, Optional.of(step.id()), next, inBranch, "$.failure");
        selector.put(inner.id() + ".$", "$[" + b + "].steps." + inner.id());
      }
      Branch.Builder builder = Branch.builder(entry(branch.getFirst()));
      branchStates.forEach(builder::state);
      par.branch(builder.build());
    }
    par.resultSelector(selector).resultPath("$.steps." + step.id());
    for (Failure f : List.of(Failure.EXPECTATION, Failure.TIMEOUT, Failure.REJECTED, Failure.RESULT_INVALID)) {
      par.catcher(Catcher.builder(List.of(ferryError(f)), router.route(f, true)).resultPath("$.failure").build());
    }
    par.catcher(Catcher.builder(List.of("States.ALL"), router.route(Failure.ERROR, true)).resultPath("$.failure").build());
    into.put(StateNames.work(step), par.next(onSuccess).build());
  }

  /** The failure's target; inside a branch, a Fail state that ends the branch with the Ferry error. */
  private String route(Router router, Failure failure, Step step, Map<String, State> into) {
    String target = router.route(failure, false);
    if (target != null && target.isEmpty()) {
      String name = StateNames.branchFail(step, failure);
      into.put(name, FailState.builder()
          .comment(kind(step) + ": " + step.id() + " (failure) end the branch")
          .error(ferryError(failure))
          .cause(step.id() + ": " + failureWords(step, failure))
          .build());
      return name;
    }
    return target;
  }

  private String orDone(String onSuccess, Map<String, State> into, Step step) {
    if (!onSuccess.equals(END)) {
      return onSuccess;
    }
    String done = StateNames.branchDone(step);
    into.put(done, SucceedState.builder().comment(kind(step) + ": " + step.id() + " (work) branch done").build());
    return done;
  }

  private static TaskState.Builder link(TaskState.Builder b, String next) {
    return next.equals(END) ? b.end() : b.next(next);
  }

  private void catchers(TaskState.Builder task, Step step, Router router, String slot) {
    if (step.kind() == StepKind.APPROVAL) {
      addCatcher(task, "Ferry.Rejected", router.route(Failure.REJECTED, true), slot);
      addCatcher(task, "States.Timeout", router.route(Failure.TIMEOUT, true), slot);
    }
    addCatcher(task, "States.ALL", router.route(Failure.ERROR, true), slot);
  }

  private static void addCatcher(TaskState.Builder task, String error, String target, String slot) {
    if (target != null) {
      task.catcher(Catcher.builder(List.of(error), target).resultPath(slot).build());
    }
  }

  private TaskState.Builder task(Action action, Step step, Optional<String> group, ObjectNode selector) {
    long timeout = step.timeout().orElse(options.taskTimeout()).toSeconds();
    return switch (action) {
      case Action.LambdaInvoke l -> TaskState.builder(LAMBDA_INVOKE)
          .parameters(obj("FunctionName", options.functionPrefix() + l.functionName(),
              "Payload", payload(l.payload(), group)))
          .resultSelector(selectorFrom(selector, "$.Payload"))
          .timeoutSeconds(timeout)
          .retry(lambdaRetry());
      case Action.SdkCall c -> TaskState.builder(c.resource())
          .parameters(payload(c.parameters(), group))
          .resultSelector(selectorFrom(selector, "$"))
          .timeoutSeconds(timeout);
      case Action.DynamoDbCall d -> TaskState.builder(d.resource())
          .parameters(payload(d.parameters(), group))
          .resultSelector(selectorFrom(selector, "$"))
          .timeoutSeconds(timeout)
          .retry(Retrier.builder(DYNAMODB_OPTIMIZED_THROTTLING).intervalSeconds(1).maxAttempts(5)
              .backoffRate(2.0).maxDelaySeconds(20).jitterStrategy(JitterStrategy.FULL).build());
      case Action.ApprovalRequest a -> TaskState.builder(LAMBDA_CALLBACK)
          .parameters(obj("FunctionName", options.functionPrefix() + APPROVAL_FUNCTION,
              "Payload", obj("taskToken.$", "$$.Task.Token", "target.$", "$.ferry.target", "step", step.id(),
                  "executionName.$", "$$.Execution.Name", "message", a.message())))
          .resultSelector(selectorFrom(selector, "$"))
          .timeoutSeconds(timeout)
          .retry(lambdaRetry());
      case Action.ParallelGroup g -> throw new IllegalStateException("parallel groups are lowered by emitParallel");
    };
  }

  /**
   * The ResultSelector template: {@code result} is the call's result, whatever its shape (it is
   * checked by a Choice afterwards, never read by a path that may miss). The {@code root}
   * placeholder is filled per integration by {@link #selectorFrom}.
   */
  private static ObjectNode resultSelector() {
    return obj("result.$", "ROOT");
  }

  private static ObjectNode selectorFrom(ObjectNode template, String root) {
    return (ObjectNode) replaceRoot(template.deepCopy(), root);
  }

  private static JsonNode replaceRoot(JsonNode node, String root) {
    if (node.isTextual()) {
      String text = node.asText();
      return Json.F.textNode(text.equals("ROOT") ? root : text.replace("ROOT.", root + "."));
    }
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      List<String> keys = new ArrayList<>();
      o.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        o.set(k, replaceRoot(o.get(k), root));
      }
    }
    return node;
  }

  private static String versionKey(String field) {
    return field.replaceAll("[^A-Za-z0-9]", "_");
  }

  /**
   * A DSL condition on a result at {@code resultBase} as a Choice condition; the field was proved
   * present and of the compared type by earlier rules.
   */
  private static dev.ferry.asl.Condition condition(Condition c, String resultBase, String versionsBase) {
    String var = resultBase + "." + c.field();
    return switch (c) {
      case Condition.FieldEquals e -> switch (e.value()) {
        case String str -> dev.ferry.asl.Condition.stringEquals(var, str);
        case Boolean b -> dev.ferry.asl.Condition.booleanEquals(var, b);
        case Number num -> dev.ferry.asl.Condition.test(var, ComparisonOperator.NUMERIC_EQUALS, Json.node(num));
        default -> throw new IllegalStateException("unsupported value " + e.value());
      };
      case Condition.IsTrue t -> dev.ferry.asl.Condition.booleanEquals(var, true);
      case Condition.VersionAtLeast v -> versionAtLeast(versionsBase + "." + versionKey(v.field()), v.components(), 0);
    };
  }

  private static dev.ferry.asl.Condition versionAtLeast(String base, int[] floor, int i) {
    String part = base + "." + new String[] {"major", "minor", "patch"}[i];
    if (i == floor.length - 1) {
      return dev.ferry.asl.Condition.numericGreaterThanEquals(part, floor[i]);
    }
    return dev.ferry.asl.Condition.or(
        dev.ferry.asl.Condition.test(part, ComparisonOperator.NUMERIC_GREATER_THAN, LongNode.valueOf(floor[i])),
        dev.ferry.asl.Condition.and(dev.ferry.asl.Condition.numericEquals(part, floor[i]), versionAtLeast(base, floor, i + 1)));
  }

  // ---------------------------------------------------------------- failure and compensation

  /**
   * What the failure records read about the step now running: set by the state before each step
   * (the lock, then each record state), so one failure record serves every step that shares a
   * compensation entry.
   */
  private ObjectNode current(Step step) {
    List<String> expects = new ArrayList<>(step.expectations().stream().map(Condition::describe).toList());
    step.poll().ifPresent(p -> expects.add("poll until " + p.until().describe() + " within " + p.maxAttempts() + " calls"));
    return obj("step", step.id(), "index", String.format("%03d", indexOf.get(step.id())), "kind", step.kind().word(),
        "expects", String.join(" and ", expects));
  }

  /**
   * The failure record for a failure of the step in {@code $.current}, by where compensation
   * starts; created on first use. It audits the failure and starts the compensation, or, when
   * nothing has to be undone, records the run failed and releases the lock.
   */
  private String failed(Step step, Failure failure, boolean caught) {
    int completed = failure == Failure.RECORD ? completedThrough.get(step.id()) : -1;
    String target = failure == Failure.RECORD
        ? (completed == 0 ? new Node.Failed().id() : compensable.get(completed - 1).compensation().get().id())
        : failureEdge.getOrDefault(step.id(), new Node.Failed().id());
    Optional<Step> undone = Optional.ofNullable(undoneBy.get(target));
    Optional<Step> firstUndo = undone.map(s -> s.compensation().get());
    String name = StateNames.recordFailure(firstUndo, failure, caught);
    if (failureStates.containsKey(name)) {
      return name;
    }
    ArrayNode items = Json.F.arrayNode();
    Map<String, JsonNode> errorAttributes = caught
        ? Map.of("error", sPath("$.failure.Error"), "cause", sPath("States.JsonToString($.failure)"))
        : Map.of("error", s(ferryError(failure)), "cause", sPath("States.Format('expected {}', $.current.expects)"));
    items.add(auditPut("States.Format('{}#{}#{}#FAILED', $$.Execution.Name, $.current.index, $.current.step)",
        sPath("$.current.step"), sPath("$.current.kind"), "FAILED", errorAttributes));
    String next;
    if (undone.isPresent()) {
      items.add(auditStep(undone.get(), "COMPENSATING", Map.of("compensation", s(firstUndo.get().id()))));
      items.add(progressUpdate(new String[] {"status", "currentStep", "stepIndex", "updatedAt"},
          new JsonNode[] {s("ROLLING_BACK"), s(undone.get().id()), n(indexOf.get(undone.get().id())), sPath("$$.State.EnteredTime")},
          List.of(), "#lockHolder = :self"));
      next = entry(firstUndo.get());
    } else {
      items.add(auditRun("FAILED", Map.of("error", s(ferryError(failure)))));
      items.add(progressUpdate(new String[] {"status", "updatedAt"},
          new JsonNode[] {s("ROLLED_BACK"), sPath("$$.State.EnteredTime")}, List.of("lockHolder"), "#lockHolder = :self"));
      next = StateNames.DESCRIBE_FAILURE;
    }
    ObjectNode at = obj("ferryError", ferryError(failure));
    TaskState.Builder record = TaskState.builder(TRANSACT)
        .comment(undone.map(u -> "audit: " + u.id() + " (" + kind(u) + ") record the failed step, start compensating " + u.id())
            .orElse("audit: run record the failed step, nothing to compensate, release the lock"))
        .parameters(obj("TransactItems", items));
    putFailureRecord(name, record, caught ? at : obj("Error", ferryError(failure), "Cause", failureWords(failure), "at", at),
        caught ? "$.failure.at" : "$.failure", next);
    return name;
  }

  /**
   * Puts a failure record and the Pass its catcher goes to: the Pass sets what the write's
   * ResultSelector would have, plus why the audit rows are missing, so the failure path reads the
   * same fields (the typed error first of all) whether or not the write succeeded.
   */
  private void putFailureRecord(String name, TaskState.Builder record, ObjectNode written, String resultPath, String next) {
    String unwritten = StateNames.notRecorded(name);
    failureStates.put(name, record
        .resultSelector(written)
        .resultPath(resultPath)
        .retry(dynamoRetry())
        .catcher(Catcher.builder(List.of("States.ALL"), unwritten).resultPath("$.recordFailure").build())
        .next(next)
        .build());
    ObjectNode stand = written.deepCopy();
    ObjectNode at = stand.has("at") ? (ObjectNode) stand.get("at") : stand;
    at.put("auditNotWritten.$", "$.recordFailure");
    failureStates.put(unwritten, PassState.builder()
        .comment("audit: the failure could not be recorded; carry the failure on without its audit rows")
        .parameters(stand)
        .resultPath(resultPath)
        .next(next)
        .build());
  }

  private void emitCompensations() {
    for (int j = compensable.size() - 1; j >= 0; j--) {
      Step undone = compensable.get(j);
      Step undo = undone.compensation().get();
      Router router = (failure, caught) -> rollbackFailed(undo, undone, failure, caught);
      String record = StateNames.record(undo);
      emitWork(undo, states, Optional.empty(), record, router, "$.rollbackFailure");
      ArrayNode items = Json.F.arrayNode();
      items.add(auditStep(undone, "COMPENSATED", Map.of("compensation", s(undo.id()))));
      String next;
      if (j > 0) {
        Step previous = compensable.get(j - 1);
        items.add(auditStep(previous, "COMPENSATING", Map.of("compensation", s(previous.compensation().get().id()))));
        items.add(progressUpdate(new String[] {"currentStep", "stepIndex", "updatedAt"},
            new JsonNode[] {s(previous.id()), n(indexOf.get(previous.id())), sPath("$$.State.EnteredTime")},
            List.of(), "#lockHolder = :self"));
        next = entry(previous.compensation().get());
      } else {
        items.add(auditRun("FAILED", Map.of("error", sPath("$.failure.at.ferryError"))));
        items.add(progressUpdate(new String[] {"status", "updatedAt"},
            new JsonNode[] {s("ROLLED_BACK"), sPath("$$.State.EnteredTime")}, List.of("lockHolder"), "#lockHolder = :self"));
        next = StateNames.DESCRIBE_FAILURE;
      }
      put(record, TaskState.builder(TRANSACT)
          .comment("audit: " + undo.id() + " (" + kind(undo) + ") record " + undone.id() + " compensated"
              + (j > 0 ? "" : ", release the lock"))
          .parameters(obj("TransactItems", items))
          .resultPath(DataPath.nullPath())
          .retry(dynamoRetry())
          .catcher(Catcher.builder(List.of("States.ALL"), next).resultPath("$.failure.compensationAuditNotWritten").build())
          .next(next)
          .build());
    }
  }

  private String rollbackFailed(Step undo, Step undone, Failure failure, boolean caught) {
    String name = StateNames.failed(undo, failure);
    if (failureStates.containsKey(name)) {
      return name;
    }
    rollbackCanFail = true;
    ArrayNode items = Json.F.arrayNode();
    Map<String, JsonNode> errorAttributes = caught
        ? Map.of("error", sPath("$.rollbackFailure.Error"), "cause", sPath("States.JsonToString($.rollbackFailure)"),
            "compensation", s(undo.id()))
        : Map.of("error", s(ferryError(failure)), "cause", s(undo.id() + ": " + failureWords(undo, failure)),
            "compensation", s(undo.id()));
    items.add(auditStep(undone, "COMPENSATION_FAILED", errorAttributes));
    items.add(auditRun("COMPENSATION_FAILED", Map.of("error", s("Ferry.RollbackFailed"))));
    items.add(progressUpdate(new String[] {"status", "currentStep", "stepIndex", "updatedAt"},
        new JsonNode[] {s("ROLLBACK_FAILED"), s(undone.id()), n(indexOf.get(undone.id())), sPath("$$.State.EnteredTime")},
        List.of(), "#lockHolder = :self"));
    ObjectNode at = obj("step", undo.id(), "compensates", undone.id(), "ferryError", "Ferry.RollbackFailed");
    TaskState.Builder record = TaskState.builder(TRANSACT)
        .comment("audit: " + undo.id() + " (" + kind(undo) + ") record the failed compensation, keep the lock")
        .parameters(obj("TransactItems", items));
    putFailureRecord(name, record,
        caught ? at : obj("Error", ferryError(failure), "Cause", undo.id() + ": " + failureWords(undo, failure), "at", at),
        caught ? "$.rollbackFailure.at" : "$.rollbackFailure", StateNames.DESCRIBE_ROLLBACK_FAILURE);
    return name;
  }

  /**
   * The ends. Causes are built by a Pass before each Fail state: intrinsic functions in a Fail
   * state's CausePath are valid on AWS but not run by every engine, so the Fail states use plain
   * paths.
   */
  private void emitEnds() {
    put(StateNames.SUCCEEDED, SucceedState.builder().comment("progress: the migration succeeded and released its lock").build());
    put(StateNames.DESCRIBE_FAILURE, PassState.builder()
        .comment("audit: name the failed step, what it expected, its error and cause")
        .parameters(obj("error.$", "$.failure.at.ferryError", "report", obj("step.$", "$.current.step",
            "kind.$", "$.current.kind", "expects.$", "$.current.expects", "failure.$", "$.failure")))
        .next(StateNames.FORMAT_FAILURE)
        .build());
    put(StateNames.FORMAT_FAILURE, PassState.builder()
        .comment("audit: the failure report as the Fail state's cause")
        .parameters(obj("error.$", "$.error", "cause.$", "States.JsonToString($.report)"))
        .next(StateNames.FAILED)
        .build());
    put(StateNames.FAILED, FailState.builder()
        .comment("audit: the migration failed; completed steps were compensated and the lock released")
        .errorPath("$.error")
        .causePath("$.cause")
        .build());
    // A migration with nothing to compensate has no rollback to fail: AWS refuses unreachable states.
    if (rollbackCanFail) {
      put(StateNames.DESCRIBE_ROLLBACK_FAILURE, PassState.builder()
          .comment("audit: name the failed compensation, its error and cause")
          .parameters(obj("cause.$", "States.JsonToString($.rollbackFailure)"))
          .next(StateNames.ROLLBACK_FAILED)
          .build());
      put(StateNames.ROLLBACK_FAILED, FailState.builder()
          .comment("audit: a compensation failed; the lock is kept (ROLLBACK_FAILED) until ferry unlock --reason")
          .error("Ferry.RollbackFailed")
          .causePath("$.cause")
          .build());
    }
  }

  private static String ferryError(Failure failure) {
    return switch (failure) {
      case ERROR, RECORD -> "Ferry.MigrationFailed";
      case EXPECTATION -> "Ferry.ExpectationFailed";
      case PRECONDITION -> "Ferry.PreconditionFailed";
      case TIMEOUT -> "Ferry.Timeout";
      case REJECTED -> "Ferry.Rejected";
      case RESULT_INVALID -> "Ferry.ResultInvalid";
    };
  }

  private static String failureWords(Failure failure) {
    return switch (failure) {
      case EXPECTATION -> "the step's result did not meet its expectations";
      case PRECONDITION -> "the guard's precondition does not hold";
      case TIMEOUT -> "the poll condition did not hold before the timeout";
      case RESULT_INVALID -> "the step's result lacks a field that is read later, or has it with the wrong type";
      case ERROR, RECORD, REJECTED -> failure.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String failureWords(Step step, Failure failure) {
    return switch (failure) {
      case EXPECTATION, PRECONDITION -> "expected " + String.join(" and ",
          step.expectations().stream().map(Condition::describe).toList());
      case TIMEOUT -> step.poll().map(p -> "still not " + p.until().describe() + " after " + p.maxAttempts() + " calls over "
          + p.timeout().toSeconds() + " s").orElse("timed out");
      case RESULT_INVALID -> failureWords(failure);
      case ERROR, RECORD, REJECTED -> failure.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  // ---------------------------------------------------------------- DynamoDB items

  private ObjectNode auditStep(Step step, String phase, Map<String, JsonNode> extra) {
    int index = indexOf.getOrDefault(step.id(), 0);
    return auditPut(String.format("%03d", index), step.id(), step.kind().word(), phase, extra);
  }

  private ObjectNode auditRun(String phase, Map<String, JsonNode> extra) {
    return auditPut("000", "run", "run", phase, extra);
  }

  private ObjectNode auditPut(String index, String stepId, String kind, String phase, Map<String, JsonNode> extra) {
    return auditPut("States.Format('{}#" + index + "#" + stepId + "#" + phase + "', $$.Execution.Name)",
        s(stepId), s(kind), phase, extra);
  }

  private ObjectNode auditPut(String entry, JsonNode step, JsonNode kind, String phase, Map<String, JsonNode> extra) {
    ObjectNode item = obj(
        "target", sPath("$.ferry.target"),
        "entry", sPath(entry),
        "execution", sPath("$$.Execution.Id"),
        "migration", s(graph.name()),
        "step", step,
        "kind", kind,
        "phase", s(phase),
        "at", sPath("$$.State.EnteredTime"),
        "requestedBy", sPath("$.ferry.requestedBy"),
        "trigger", sPath("$.ferry.trigger"));
    extra.keySet().stream().sorted().forEach(k -> item.set(k, extra.get(k)));
    return obj("Put", obj("TableName", options.auditTable(), "Item", item,
        "ConditionExpression", "attribute_not_exists(#target)",
        "ExpressionAttributeNames", obj("#target", "target")));
  }

  private ObjectNode progressUpdate(String[] set, JsonNode[] values, List<String> remove, String condition) {
    ObjectNode names = obj("#lockHolder", "lockHolder");
    ObjectNode vals = obj(":self", sPath("$$.Execution.Id"));
    StringBuilder expr = new StringBuilder("SET ");
    for (int i = 0; i < set.length; i++) {
      names.put("#" + set[i], set[i]);
      String value = set[i].equals("lockHolder") || set[i].equals("execution") ? ":self" : ":" + set[i];
      if (!value.equals(":self")) {
        vals.set(value, values[i]);
      }
      expr.append(i == 0 ? "" : ", ").append('#').append(set[i]).append(" = ").append(value);
    }
    if (!remove.isEmpty()) {
      expr.append(" REMOVE ");
      for (int i = 0; i < remove.size(); i++) {
        names.put("#" + remove.get(i), remove.get(i));
        expr.append(i == 0 ? "" : ", ").append('#').append(remove.get(i));
      }
    }
    return obj("Update", obj("TableName", options.progressTable(),
        "Key", obj("target", sPath("$.ferry.target")),
        "UpdateExpression", expr.toString(),
        "ConditionExpression", condition,
        "ExpressionAttributeNames", names,
        "ExpressionAttributeValues", vals));
  }

  private static Retrier dynamoRetry() {
    return Retrier.builder(DYNAMODB_SDK_THROTTLING).intervalSeconds(1).maxAttempts(5).backoffRate(2.0)
        .maxDelaySeconds(20).jitterStrategy(JitterStrategy.FULL).build();
  }

  private static Retrier lambdaRetry() {
    return Retrier.builder(LAMBDA_SERVICE_ERRORS).intervalSeconds(2).maxAttempts(6).backoffRate(2.0)
        .maxDelaySeconds(60).jitterStrategy(JitterStrategy.FULL).build();
  }

  // ---------------------------------------------------------------- references and payloads

  /** Where a step's results live, seen from inside {@code group}'s branch (or the top level). */
  private String stepPath(Step step, Optional<String> group) {
    return refBase(step.id(), group);
  }

  private String refBase(String stepId, Optional<String> scope) {
    String owner = groupOf.get(stepId);
    if (owner != null && !scope.map(owner::equals).orElse(false)) {
      return "$.steps." + owner + "." + stepId;
    }
    return "$.steps." + stepId;
  }

  private String path(Ref ref, Optional<String> scope) {
    return switch (ref) {
      case StepOutput o -> new StepOutput(o.stepId(), o.field(),
          pollOnly.contains(o.stepId()) ? StepOutput.Source.POLL : o.source()).basePath(refBase(o.stepId(), scope));
      case Ref.Format f -> {
        StringBuilder b = new StringBuilder("States.Format('")
            .append(f.template().replace("\\", "\\\\").replace("'", "\\'")).append('\'');
        f.args().forEach(a -> b.append(", ").append(path(a, scope)));
        yield b.append(')').toString();
      }
      case Ref.ParameterRef p -> p.path();
      case Ref.Context c -> c.path();
    };
  }

  private ObjectNode payload(Payload payload, Optional<String> scope) {
    ObjectNode out = obj();
    payload.fields().forEach((key, value) -> {
      switch (value) {
        case Ref r -> out.put(key + ".$", path(r, scope));
        case Payload p -> out.set(key, payload(p, scope));
        case List<?> l when l.stream().anyMatch(Ref.class::isInstance) -> out.put(key + ".$",
            "States.Array(" + String.join(", ", l.stream().map(v -> intrinsicArg(v, scope)).toList()) + ")");
        case List<?> l -> out.set(key, Json.node(l.stream().map(v -> v instanceof Payload p ? payload(p, scope) : v).toList()));
        default -> out.set(key, Json.node(value));
      }
    });
    return out;
  }

  private String intrinsicArg(Object value, Optional<String> scope) {
    return switch (value) {
      case Ref r -> path(r, scope);
      case String str -> Json.intrinsicString(str);
      case Number num -> num.toString();
      case Boolean b -> b.toString();
      default -> throw new IllegalArgumentException("a list that mixes refs can hold only strings, numbers and booleans");
    };
  }

  // ---------------------------------------------------------------- small helpers

  private void put(String name, State state) {
    if (states.putIfAbsent(name, state) != null) {
      throw new IllegalStateException("state '" + name + "' generated twice");
    }
  }

  private static String kind(Step step) {
    return step.kind().word();
  }

  private static dev.ferry.asl.Condition present(String path) {
    return dev.ferry.asl.Condition.isPresent(path, true);
  }

  private static dev.ferry.asl.Condition type(String path, ComparisonOperator op) {
    return dev.ferry.asl.Condition.test(path, op, Json.F.booleanNode(true));
  }
}
