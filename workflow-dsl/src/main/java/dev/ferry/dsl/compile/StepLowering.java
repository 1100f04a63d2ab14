package dev.ferry.dsl.compile;

import static dev.ferry.dsl.compile.Conditions.all;
import static dev.ferry.dsl.compile.Conditions.condition;
import static dev.ferry.dsl.compile.Conditions.hasType;
import static dev.ferry.dsl.compile.Conditions.present;
import static dev.ferry.dsl.compile.Json.obj;
import static dev.ferry.dsl.compile.Lowering.END;
import static dev.ferry.dsl.compile.Lowering.entry;
import static dev.ferry.dsl.compile.Lowering.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.asl.Branch;
import dev.ferry.asl.Catcher;
import dev.ferry.asl.ChoiceState;
import dev.ferry.asl.DataPath;
import dev.ferry.asl.FailState;
import dev.ferry.asl.ParallelState;
import dev.ferry.asl.PassState;
import dev.ferry.asl.State;
import dev.ferry.asl.SucceedState;
import dev.ferry.asl.TaskState;
import dev.ferry.asl.WaitState;
import dev.ferry.contract.AuditItem;
import dev.ferry.contract.ApprovalHeartbeat;
import dev.ferry.contract.ErrorName;
import dev.ferry.contract.Phase;
import dev.ferry.contract.Status;
import dev.ferry.dsl.Action;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.StepKind;
import dev.ferry.dsl.compile.Lowering.Router;
import dev.ferry.dsl.compile.StateNames.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A step's states: its work (a task, or a Parallel state of branches), the check of its result
 * and expectations, its poll loop, and for a top-level step the record state that writes it done
 * and the next one started. Compensations are lowered the same way, without a progress record.
 */
final class StepLowering {
  private final Lowering lowering;

  StepLowering(Lowering lowering) {
    this.lowering = lowering;
  }

  void emitTopStep(Step step, int i) {
    FailureLowering failures = lowering.failures;
    Router router = (failure, caught) -> failures.failed(step, failure, caught);
    String record = StateNames.record(step);
    Optional<MigrationGraph.AlreadyDone> alreadyDone = lowering.graph.alreadyDone().filter(a -> a.checkStep().equals(step.id()));
    emitWork(step, lowering.states, Optional.empty(), alreadyDone.isPresent() ? StateNames.alreadyDone(step) : record, router,
        "$.failure");
    alreadyDone.ifPresent(a -> emitAlreadyDone(step, a.done(), record, router));
    Step next = i + 1 < lowering.top.size() ? lowering.top.get(i + 1) : null;
    RecordItems records = lowering.items;
    ArrayNode items = Json.F.arrayNode();
    items.add(records.auditStep(step, Phase.SUCCEEDED, Map.of()));
    TaskState.Builder recordState = TaskState.builder(Integrations.TRANSACT).retry(Integrations.dynamoRetry());
    if (next != null) {
      recordState.resultSelector(failures.current(next)).resultPath("$.current");
      items.add(records.auditStep(next, Phase.STARTED, Map.of()));
      items.add(records.progressAt(Status.RUNNING, next));
      recordState.comment("progress: " + step.id() + " (" + kind(step) + ") record it done and " + next.id() + " started")
          .catcher(Catcher.builder(List.of("States.ALL"), failures.failed(step, Failure.RECORD, true)).resultPath("$.failure").build())
          .next(entry(next));
    } else {
      items.add(records.auditRun(Phase.SUCCEEDED, Map.of()));
      items.add(records.progressEnd(Status.SUCCEEDED));
      recordState.resultPath(DataPath.nullPath())
          .comment("progress: " + step.id() + " (" + kind(step) + ") record it and the run succeeded, release the lock")
          .next(StateNames.SUCCEEDED);
    }
    lowering.put(record, recordState.parameters(obj("TransactItems", items)).build(), StateRole.RECORD, Optional.of(step));
  }

  /**
   * After the already-done check: when its result meets {@code done}, record the check and the run
   * succeeded with nothing to do and release the lock, before any other step has run; otherwise
   * (or when the field is missing) go on to the check's own record.
   */
  private void emitAlreadyDone(Step step, Condition done, String record, Router router) {
    String base = lowering.payloads.stepPath(step, Optional.empty());
    String nothing = StateNames.recordNothingToDo(step);
    lowering.put(StateNames.alreadyDone(step), ChoiceState.builder()
        .comment(kind(step) + ": " + step.id() + " (check) already done when " + done.describe())
        .choice(dev.ferry.asl.Condition.and(present(base + ".result." + done.field()), all(List.of(done), base + ".result",
            base + ".versions")), nothing)
        .defaultState(record)
        .build(), StateRole.CHECK, Optional.of(step));
    RecordItems records = lowering.items;
    ArrayNode items = Json.F.arrayNode();
    items.add(records.auditStep(step, Phase.SUCCEEDED, Map.of()));
    items.add(records.auditRun(Phase.SUCCEEDED, Map.of(AuditItem.CAUSE,
        Json.s("nothing to do: " + step.id() + " found " + done.describe() + "; nothing was paused, backed up or changed"))));
    items.add(records.progressEnd(Status.SUCCEEDED));
    lowering.put(nothing, TaskState.builder(Integrations.TRANSACT)
        .comment("progress: " + step.id() + " (" + kind(step) + ") already done: record the run succeeded with nothing to do,"
            + " release the lock")
        .parameters(obj("TransactItems", items))
        .resultPath(DataPath.nullPath())
        .retry(Integrations.dynamoRetry())
        .catcher(Catcher.builder(List.of("States.ALL"), lowering.failures.failed(step, Failure.RECORD, true))
            .resultPath("$.failure").build())
        .next(StateNames.SUCCEEDED)
        .build(), StateRole.RECORD, Optional.of(step));
  }

  /**
   * Emits a step's states into {@code into}: the work (or parallel) state, its expectation check
   * and its poll loop; {@code group} is the parallel group whose branch holds it.
   */
  void emitWork(Step step, Map<String, State> into, Optional<String> group, String onSuccess, Router router, String slot) {
    ResultChecks checks = ResultChecks.of(lowering.resultChecks, step);
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
          .resultPath(lowering.payloads.stepPath(step, group));
      catchers(work, step, router, slot, into);
      lowering.place(into, StateNames.work(step), link(work, afterWork).build(), StateRole.WORK, step);
    }
    if (checked) {
      String onFailure = step.expectations().isEmpty() ? null
          : step.kind() == StepKind.GUARD
              ? route(router, Failure.PRECONDITION, step, into)
              : route(router, Failure.EXPECTATION, step, into);
      String base = lowering.payloads.stepPath(step, group);
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
      lowering.place(into, StateNames.check(step),
          check.defaultState(versions.isEmpty() ? pass : StateNames.parseVersions(step)).build(), StateRole.CHECK, step);
      if (!versions.isEmpty()) {
        lowering.place(into, StateNames.parseVersions(step), parseVersions(step, versions, base + ".result",
            base + ".versions", StateNames.compareVersions(step)), StateRole.CHECK, step);
        lowering.place(into, StateNames.compareVersions(step), ChoiceState.builder()
            .comment(kind(step) + ": " + step.id() + " (check) "
                + String.join(" and ", versions.stream().map(Condition::describe).toList()))
            .choice(dev.ferry.asl.Condition.not(all(List.copyOf(versions), base + ".result", base + ".versions")), onFailure)
            .defaultState(pass)
            .build(), StateRole.CHECK, step);
      }
    }
    step.poll().ifPresent(p -> emitPoll(step, p, into, group, onSuccess, router, slot));
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
    String error = ErrorName.RESULT_INVALID.errorName();
    if (target == null) {
      lowering.place(into, name, FailState.builder().comment(comment).error(error).cause(cause).build(),
          StateRole.INVALID_RESULT, step);
    } else {
      lowering.place(into, name, PassState.builder().comment(comment)
          .parameters(obj("Error", error, "Cause", cause))
          .resultPath(slot)
          .next(target)
          .build(), StateRole.INVALID_RESULT, step);
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
      parsed.set(Conditions.versionKey(v.field()), parts);
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
    String base = lowering.payloads.stepPath(step, group);
    String loop = base + ".loop";
    ObjectNode selector = resultSelector();
    if (step.action().isEmpty()) {
      TaskState.Builder start = task(poll.action(), step, group,
              obj("poll", selector, "loop", obj("attempt", 1, "next", poll.every().toSeconds())))
          .comment(kind(step) + ": " + step.id() + " (work) first call of the poll")
          .resultPath(base)
          .next(StateNames.pollCheck(step));
      catchers(start, step, router, slot, into);
      lowering.place(into, StateNames.pollStart(step), start.build(), StateRole.WORK, step);
    }
    TaskState.Builder call = task(poll.action(), step, group, selector)
        .comment(kind(step) + ": " + step.id() + " (poll) call again")
        .resultPath(base + ".poll")
        .next(StateNames.pollCheck(step));
    catchers(call, step, router, slot, into);
    lowering.place(into, StateNames.pollCall(step), call.build(), StateRole.POLL, step);
    boolean grows = poll.backoff().isPresent();
    String resultBase = base + ".poll.result";
    String versionsBase = base + ".poll.versions";
    ResultChecks checks = ResultChecks.of(lowering.resultChecks, step);
    List<Condition.VersionAtLeast> versions = ResultChecks.versions(List.of(poll.until()));
    String words = kind(step) + ": " + step.id() + " (poll) until " + poll.until().describe()
        + ", at most " + poll.maxAttempts() + " calls";
    // The result's fields are checked first; then "not yet" rules, so that the rules that read
    // fields the condition does not guarantee come last, once the condition holds.
    ChoiceState.Builder check = ChoiceState.builder().comment(words);
    validate(check, step, checks.everyPoll(), resultBase, true, into, router, slot);
    ChoiceState.Builder decide = check;
    if (!versions.isEmpty()) {
      lowering.place(into, StateNames.pollParseVersions(step), parseVersions(step, versions, resultBase, versionsBase,
          StateNames.pollCompare(step)), StateRole.POLL, step);
      lowering.place(into, StateNames.pollCheck(step), check.defaultState(StateNames.pollParseVersions(step)).build(),
          StateRole.POLL, step);
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
    lowering.place(into, versions.isEmpty() ? StateNames.pollCheck(step) : StateNames.pollCompare(step),
        decide.defaultState(orDone(onSuccess, into, step)).build(), StateRole.POLL, step);
    ObjectNode next = grows
        ? obj("attempt.$", "States.MathAdd(" + loop + ".attempt, 1)", "wait.$", loop + ".next",
            "next.$", "States.MathAdd(" + loop + ".next, " + loop + ".next)")
        : obj("attempt.$", "States.MathAdd(" + loop + ".attempt, 1)", "wait", poll.every().toSeconds(),
            "next", poll.every().toSeconds());
    lowering.place(into, StateNames.pollNext(step), PassState.builder()
        .comment(kind(step) + ": " + step.id() + " (poll) count the call" + (grows ? ", double the interval" : ""))
        .parameters(next)
        .resultPath(loop)
        .next(StateNames.pollWait(step))
        .build(), StateRole.POLL, step);
    if (grows) {
      long max = poll.backoff().get().maxInterval().toSeconds();
      lowering.place(into, StateNames.pollHold(step), PassState.builder()
          .comment(kind(step) + ": " + step.id() + " (poll) count the call at the longest interval")
          .parameters(obj("attempt.$", "States.MathAdd(" + loop + ".attempt, 1)", "wait", max, "next", max))
          .resultPath(loop)
          .next(StateNames.pollWait(step))
          .build(), StateRole.POLL, step);
    }
    lowering.place(into, StateNames.pollWait(step), WaitState.builder()
        .comment(kind(step) + ": " + step.id() + " (poll) wait before calling again")
        .secondsPath(loop + ".wait")
        .next(StateNames.pollCall(step))
        .build(), StateRole.POLL, step);
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
        lowering.place(branchStates, done,
            PassState.builder().comment(kind(step) + ": " + step.id() + " (work) empty branch").end().build(),
            StateRole.BRANCH_DONE, step);
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
    List<Failure> typed = new ArrayList<>(List.of(Failure.EXPECTATION, Failure.TIMEOUT, Failure.REJECTED, Failure.RESULT_INVALID));
    if (g.branches().stream().flatMap(List::stream).anyMatch(inner -> inner.kind() == StepKind.APPROVAL)) {
      typed.add(Failure.APPROVAL_TIMEOUT);
    }
    for (Failure f : typed) {
      par.catcher(Catcher.builder(List.of(FailureLowering.ferryError(f)), router.route(f, true)).resultPath("$.failure").build());
    }
    par.catcher(Catcher.builder(List.of("States.ALL"), router.route(Failure.ERROR, true)).resultPath("$.failure").build());
    lowering.place(into, StateNames.work(step), par.next(onSuccess).build(), StateRole.WORK, step);
  }

  /** The failure's target; inside a branch, a Fail state that ends the branch with the Ferry error. */
  private String route(Router router, Failure failure, Step step, Map<String, State> into) {
    String target = router.route(failure, false);
    if (target != null && target.isEmpty()) {
      String name = StateNames.branchFail(step, failure);
      lowering.place(into, name, FailState.builder()
          .comment(kind(step) + ": " + step.id() + " (failure) end the branch")
          .error(FailureLowering.ferryError(failure))
          .cause(step.id() + ": " + FailureLowering.failureWords(step, failure))
          .build(), StateRole.BRANCH_FAIL, step);
      return name;
    }
    return target;
  }

  private String orDone(String onSuccess, Map<String, State> into, Step step) {
    if (!onSuccess.equals(END)) {
      return onSuccess;
    }
    String done = StateNames.branchDone(step);
    lowering.place(into, done, SucceedState.builder().comment(kind(step) + ": " + step.id() + " (work) branch done").build(),
        StateRole.BRANCH_DONE, step);
    return done;
  }

  private static TaskState.Builder link(TaskState.Builder b, String next) {
    return next.equals(END) ? b.end() : b.next(next);
  }

  private void catchers(TaskState.Builder task, Step step, Router router, String slot, Map<String, State> into) {
    if (step.kind() == StepKind.APPROVAL) {
      addCatcher(task, List.of(ErrorName.REJECTED.errorName()), router.route(Failure.REJECTED, true), slot);
      // Unanswered: the task timed out, or (with a heartbeat) its callback was lost. Inside a
      // parallel branch the branch ends with Ferry.ApprovalTimedOut for the group's catcher.
      String unanswered = Optional.ofNullable(router.route(Failure.APPROVAL_TIMEOUT, true))
          .orElseGet(() -> route(router, Failure.APPROVAL_TIMEOUT, step, into));
      addCatcher(task, UNANSWERED, unanswered, slot);
    }
    addCatcher(task, List.of("States.ALL"), router.route(Failure.ERROR, true), slot);
  }

  /** The errors of an approval nobody answered: its TimeoutSeconds, or its HeartbeatSeconds, ran out. */
  static final List<String> UNANSWERED = List.of("States.Timeout", "States.HeartbeatTimeout");

  private static void addCatcher(TaskState.Builder task, List<String> errors, String target, String slot) {
    if (target != null) {
      task.catcher(Catcher.builder(errors, target).resultPath(slot).build());
    }
  }

  private TaskState.Builder task(Action action, Step step, Optional<String> group, ObjectNode selector) {
    TaskState.Builder task = call(action, step, group, selector);
    return lowering.afterNoReturn.contains(step.id()) ? task.retry(Integrations.forwardRetry()) : task;
  }

  private TaskState.Builder call(Action action, Step step, Optional<String> group, ObjectNode selector) {
    long timeout = step.timeout().orElse(lowering.options.taskTimeout()).toSeconds();
    Payloads payloads = lowering.payloads;
    return switch (action) {
      case Action.LambdaInvoke l -> TaskState.builder(Integrations.LAMBDA_INVOKE)
          .parameters(obj("FunctionName", lowering.options.functionPrefix() + l.functionName(),
              "Payload", payloads.payload(l.payload(), group)))
          .resultSelector(selectorFrom(selector, "$.Payload"))
          .timeoutSeconds(timeout)
          .retry(Integrations.lambdaRetry());
      case Action.SdkCall c -> TaskState.builder(c.resource())
          .parameters(payloads.payload(c.parameters(), group))
          .resultSelector(selectorFrom(selector, "$"))
          .timeoutSeconds(timeout);
      case Action.DynamoDbCall d -> TaskState.builder(d.resource())
          .parameters(payloads.payload(d.parameters(), group))
          .resultSelector(selectorFrom(selector, "$"))
          .timeoutSeconds(timeout)
          .retry(Integrations.optimizedDynamoRetry());
      case Action.ApprovalRequest a -> heartbeat(TaskState.builder(Integrations.LAMBDA_CALLBACK)
          .parameters(obj("FunctionName", lowering.options.functionPrefix() + Integrations.APPROVAL_FUNCTION,
              "Payload", obj("taskToken.$", "$$.Task.Token", "target.$", "$.ferry.target", "step", step.id(),
                  "executionName.$", "$$.Execution.Name", "message", a.message())))
          .resultSelector(selectorFrom(selector, "$"))
          .timeoutSeconds(timeout)
          .retry(Integrations.lambdaRetry()), step, a, timeout);
      case Action.ParallelGroup g -> throw new IllegalStateException("parallel groups are lowered by emitParallel");
    };
  }

  /**
   * An approval's HeartbeatSeconds (contract: {@link ApprovalHeartbeat}); none when the default
   * would not come before the timeout anyway. A heartbeat the step sets must be shorter than its timeout.
   */
  private static TaskState.Builder heartbeat(TaskState.Builder task, Step step, Action.ApprovalRequest request, long timeout) {
    long heartbeat = request.heartbeat().orElse(ApprovalHeartbeat.DEFAULT).toSeconds();
    if (request.heartbeat().isPresent() && heartbeat >= timeout) {
      throw new IllegalArgumentException("approval '" + step.id() + "': heartbeat " + heartbeat + " s is not shorter than"
          + " its timeout " + timeout + " s; shorten .heartbeat(...) or lengthen .timeout(...)");
    }
    return heartbeat < timeout ? task.heartbeatSeconds(heartbeat) : task;
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
}
