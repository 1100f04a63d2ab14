package dev.ferry.dsl.compile;

import static dev.ferry.dsl.compile.Json.n;
import static dev.ferry.dsl.compile.Json.obj;
import static dev.ferry.dsl.compile.Json.s;
import static dev.ferry.dsl.compile.Json.sPath;
import static dev.ferry.dsl.compile.Lowering.entry;
import static dev.ferry.dsl.compile.Lowering.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.asl.Catcher;
import dev.ferry.asl.DataPath;
import dev.ferry.asl.FailState;
import dev.ferry.asl.PassState;
import dev.ferry.asl.State;
import dev.ferry.asl.SucceedState;
import dev.ferry.asl.TaskState;
import dev.ferry.contract.AuditItem;
import dev.ferry.contract.ErrorName;
import dev.ferry.contract.Phase;
import dev.ferry.contract.ProgressItem;
import dev.ferry.contract.Status;
import dev.ferry.dsl.ApprovalStep;
import dev.ferry.dsl.ApprovalTimeout;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.compile.Lowering.Router;
import dev.ferry.dsl.compile.StateNames.Failure;
import dev.ferry.dsl.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What happens when a step fails: the failure records (shared by every step that starts
 * compensation at the same place), the compensation chain (one work and one record state per
 * compensable step, in reverse), a failed compensation that keeps the lock, and the typed ends.
 */
final class FailureLowering {
  private final Lowering lowering;
  /** Whether some compensation can fail, so the machine needs its rollback-failed end. */
  private boolean rollbackCanFail;

  FailureLowering(Lowering lowering) {
    this.lowering = lowering;
  }

  /**
   * What the failure records read about the step now running: set by the state before each step
   * (the lock, then each record state), so one failure record serves every step that shares a
   * compensation entry.
   */
  ObjectNode current(Step step) {
    List<String> expects = new ArrayList<>(step.expectations().stream().map(Condition::describe).toList());
    step.poll().ifPresent(p -> expects.add("poll until " + p.until().describe() + " within " + p.maxAttempts() + " calls"));
    return obj("step", step.id(), "index", AuditItem.index(lowering.indexOf.get(step.id())), "kind", step.kind().word(),
        "expects", String.join(" and ", expects));
  }

  /**
   * The failure record for a failure of the step in {@code $.current}, by where compensation
   * starts; created on first use. It audits the failure and starts the compensation, or, when
   * nothing has to be undone, records the run failed and releases the lock.
   */
  String failed(Step step, Failure failure, boolean caught) {
    String name = failureRecord(step, failure, caught);
    lowering.structure.failureRecordOf(step, name);
    lowering.structure.failureRecordOf(step, StateNames.notRecorded(name));
    return name;
  }

  private String failureRecord(Step step, Failure failure, boolean caught) {
    boolean beforeChange = failure == Failure.APPROVAL_TIMEOUT && step instanceof ApprovalStep a
        && a.onTimeout() == ApprovalTimeout.FAIL_BEFORE_CHANGE;
    if (lowering.afterNoReturn.contains(step.id()) && !beforeChange) {
      return incompleteRecord(step, failure, caught);
    }
    int completed = failure == Failure.RECORD ? lowering.completedThrough.get(step.id()) : -1;
    // An approval declared to fail before any change ends the run with nothing to undo: the
    // validator proved nothing before it changed the target.
    String target = beforeChange ? new Node.Failed().id()
        : failure == Failure.RECORD
        ? (completed == 0 ? new Node.Failed().id() : lowering.compensable.get(completed - 1).compensation().get().id())
        : lowering.failureEdge.getOrDefault(step.id(), new Node.Failed().id());
    Optional<Step> undone = Optional.ofNullable(lowering.undoneBy.get(target));
    Optional<Step> firstUndo = undone.map(s -> s.compensation().get());
    String name = StateNames.recordFailure(firstUndo, failure, caught);
    if (lowering.failureStates.containsKey(name)) {
      return name;
    }
    RecordItems records = lowering.items;
    ArrayNode items = Json.F.arrayNode();
    Map<String, JsonNode> errorAttributes = caught
        ? Map.of(AuditItem.ERROR, sPath("$.failure.Error"), AuditItem.CAUSE, sPath("States.JsonToString($.failure)"))
        : Map.of(AuditItem.ERROR, s(ferryError(failure)), AuditItem.CAUSE, sPath("States.Format('expected {}', $.current.expects)"));
    items.add(records.auditPut("States.Format('{}#{}#{}#" + Phase.FAILED + "', $$.Execution.Name, $.current.index, $.current.step)",
        sPath("$.current.step"), sPath("$.current.kind"), Phase.FAILED, errorAttributes));
    String next;
    if (undone.isPresent()) {
      items.add(records.auditStep(undone.get(), Phase.COMPENSATING, Map.of(AuditItem.COMPENSATION, s(firstUndo.get().id()))));
      items.add(records.progressAt(Status.ROLLING_BACK, undone.get()));
      next = entry(firstUndo.get());
    } else {
      items.add(records.auditRun(Phase.FAILED, Map.of(AuditItem.ERROR, s(ferryError(failure)))));
      items.add(records.progressEnd(Status.ROLLED_BACK));
      next = StateNames.DESCRIBE_FAILURE;
    }
    ObjectNode at = obj("ferryError", ferryError(failure));
    TaskState.Builder record = TaskState.builder(Integrations.TRANSACT)
        .comment(undone.map(u -> "audit: " + u.id() + " (" + kind(u) + ") record the failed step, start compensating " + u.id())
            .orElse("audit: run record the failed step, nothing to compensate, release the lock"))
        .parameters(obj("TransactItems", items));
    putFailureRecord(name, record, caught ? at : obj("Error", ferryError(failure), "Cause", failureWords(failure), "at", at),
        caught ? "$.failure.at" : "$.failure", next, Optional.empty());
    return name;
  }

  /**
   * The failure record of a step after the point of no return, once its retries are spent: the
   * step's failure and the run's end with {@code Ferry.Incomplete}, progress {@code INCOMPLETE}
   * naming the steps left undone, and the lock kept. Nothing is compensated: the change before it
   * was verified (or cannot be undone), so restoring it would undo a finished migration.
   */
  private String incompleteRecord(Step step, Failure failure, boolean caught) {
    Step top = lowering.top.stream().filter(t -> t.id().equals(lowering.groupOf.getOrDefault(step.id(), step.id())))
        .findFirst().orElseThrow();
    String name = StateNames.recordIncomplete(top, failure, caught);
    if (lowering.failureStates.containsKey(name)) {
      return name;
    }
    List<String> left = lowering.top.subList(lowering.top.indexOf(top), lowering.top.size()).stream().map(Step::id).toList();
    String incomplete = ErrorName.INCOMPLETE.errorName();
    RecordItems records = lowering.items;
    ArrayNode items = Json.F.arrayNode();
    Map<String, JsonNode> errorAttributes = caught
        ? Map.of(AuditItem.ERROR, sPath("$.failure.Error"), AuditItem.CAUSE, sPath("States.JsonToString($.failure)"))
        : Map.of(AuditItem.ERROR, s(ferryError(failure)), AuditItem.CAUSE, sPath("States.Format('expected {}', $.current.expects)"));
    items.add(records.auditPut("States.Format('{}#{}#{}#" + Phase.FAILED + "', $$.Execution.Name, $.current.index, $.current.step)",
        sPath("$.current.step"), sPath("$.current.kind"), Phase.FAILED, errorAttributes));
    items.add(records.auditRun(Phase.FAILED, Map.of(AuditItem.ERROR, s(incomplete),
        AuditItem.CAUSE, s("after the point of no return; nothing compensated, lock kept; left undone: " + String.join(", ", left)))));
    ArrayNode undone = Json.F.arrayNode();
    left.forEach(undone::add);
    ArrayNode undoneItem = Json.F.arrayNode();
    left.forEach(id -> undoneItem.add(s(id)));
    items.add(records.progressUpdate(new String[] {ProgressItem.STATUS, ProgressItem.CURRENT_STEP, ProgressItem.STEP_INDEX,
            ProgressItem.UPDATED_AT, ProgressItem.LEFT_UNDONE},
        new JsonNode[] {s(Status.INCOMPLETE.name()), s(top.id()), n(lowering.indexOf.get(top.id())), sPath("$$.State.EnteredTime"),
            obj("L", undoneItem)},
        List.of(), ProgressItem.LOCK_MINE));
    ObjectNode at = obj("ferryError", incomplete);
    at.set("leftUndone", undone.deepCopy());
    TaskState.Builder record = TaskState.builder(Integrations.TRANSACT)
        .comment("audit: " + top.id() + " (" + kind(top) + ") record the failure after the point of no return, keep the lock")
        .parameters(obj("TransactItems", items));
    putFailureRecord(name, record, caught ? at : obj("Error", ferryError(failure), "Cause", failureWords(failure), "at", at),
        caught ? "$.failure.at" : "$.failure", StateNames.DESCRIBE_INCOMPLETE, Optional.empty());
    return name;
  }

  /**
   * Puts a failure record and the Pass its catcher goes to: the Pass sets what the write's
   * ResultSelector would have, plus why the audit rows are missing, so the failure path reads the
   * same fields (the typed error first of all) whether or not the write succeeded.
   */
  private void putFailureRecord(String name, TaskState.Builder record, ObjectNode written, String resultPath, String next,
      Optional<Step> of) {
    String unwritten = StateNames.notRecorded(name);
    lowering.placeFailure(name, record
        .resultSelector(written)
        .resultPath(resultPath)
        .retry(Integrations.dynamoRetry())
        .catcher(Catcher.builder(List.of("States.ALL"), unwritten).resultPath("$.recordFailure").build())
        .next(next)
        .build(), of);
    ObjectNode stand = written.deepCopy();
    ObjectNode at = stand.has("at") ? (ObjectNode) stand.get("at") : stand;
    at.put("auditNotWritten.$", "$.recordFailure");
    lowering.placeFailure(unwritten, PassState.builder()
        .comment("audit: the failure could not be recorded; carry the failure on without its audit rows")
        .parameters(stand)
        .resultPath(resultPath)
        .next(next)
        .build(), of);
  }

  void emitCompensations() {
    List<Step> compensable = lowering.compensable;
    RecordItems records = lowering.items;
    for (int j = compensable.size() - 1; j >= 0; j--) {
      Step undone = compensable.get(j);
      Step undo = undone.compensation().get();
      Router router = (failure, caught) -> rollbackFailed(undo, undone, failure, caught);
      String record = StateNames.record(undo);
      lowering.steps.emitWork(undo, lowering.states, Optional.empty(), record, router, "$.rollbackFailure");
      ArrayNode items = Json.F.arrayNode();
      items.add(records.auditStep(undone, Phase.COMPENSATED, Map.of(AuditItem.COMPENSATION, s(undo.id()))));
      String next;
      if (j > 0) {
        Step previous = compensable.get(j - 1);
        items.add(records.auditStep(previous, Phase.COMPENSATING,
            Map.of(AuditItem.COMPENSATION, s(previous.compensation().get().id()))));
        items.add(records.progressUpdate(new String[] {ProgressItem.CURRENT_STEP, ProgressItem.STEP_INDEX, ProgressItem.UPDATED_AT},
            new JsonNode[] {s(previous.id()), n(lowering.indexOf.get(previous.id())), sPath("$$.State.EnteredTime")},
            List.of(), ProgressItem.LOCK_MINE));
        next = entry(previous.compensation().get());
      } else {
        items.add(records.auditRun(Phase.FAILED, Map.of(AuditItem.ERROR, sPath("$.failure.at.ferryError"))));
        items.add(records.progressEnd(Status.ROLLED_BACK));
        next = StateNames.DESCRIBE_FAILURE;
      }
      lowering.put(record, TaskState.builder(Integrations.TRANSACT)
          .comment("audit: " + undo.id() + " (" + kind(undo) + ") record " + undone.id() + " compensated"
              + (j > 0 ? "" : ", release the lock"))
          .parameters(obj("TransactItems", items))
          .resultPath(DataPath.nullPath())
          .retry(Integrations.dynamoRetry())
          .catcher(Catcher.builder(List.of("States.ALL"), next).resultPath("$.failure.compensationAuditNotWritten").build())
          .next(next)
          .build(), StateRole.RECORD, Optional.of(undo));
    }
  }

  private String rollbackFailed(Step undo, Step undone, Failure failure, boolean caught) {
    String name = StateNames.failed(undo, failure);
    lowering.structure.failureRecordOf(undo, name);
    lowering.structure.failureRecordOf(undo, StateNames.notRecorded(name));
    if (lowering.failureStates.containsKey(name)) {
      return name;
    }
    rollbackCanFail = true;
    RecordItems records = lowering.items;
    ArrayNode items = Json.F.arrayNode();
    Map<String, JsonNode> errorAttributes = caught
        ? Map.of(AuditItem.ERROR, sPath("$.rollbackFailure.Error"), AuditItem.CAUSE, sPath("States.JsonToString($.rollbackFailure)"),
            AuditItem.COMPENSATION, s(undo.id()))
        : Map.of(AuditItem.ERROR, s(ferryError(failure)), AuditItem.CAUSE, s(undo.id() + ": " + failureWords(undo, failure)),
            AuditItem.COMPENSATION, s(undo.id()));
    items.add(records.auditStep(undone, Phase.COMPENSATION_FAILED, errorAttributes));
    items.add(records.auditRun(Phase.COMPENSATION_FAILED, Map.of(AuditItem.ERROR, s(ErrorName.ROLLBACK_FAILED.errorName()))));
    items.add(records.progressAt(Status.ROLLBACK_FAILED, undone));
    ObjectNode at = obj("step", undo.id(), "compensates", undone.id(), "ferryError", ErrorName.ROLLBACK_FAILED.errorName());
    TaskState.Builder record = TaskState.builder(Integrations.TRANSACT)
        .comment("audit: " + undo.id() + " (" + kind(undo) + ") record the failed compensation, keep the lock")
        .parameters(obj("TransactItems", items));
    putFailureRecord(name, record,
        caught ? at : obj("Error", ferryError(failure), "Cause", undo.id() + ": " + failureWords(undo, failure), "at", at),
        caught ? "$.rollbackFailure.at" : "$.rollbackFailure", StateNames.DESCRIBE_ROLLBACK_FAILURE, Optional.of(undo));
    return name;
  }

  /**
   * The ends. Causes are built by a Pass before each Fail state: intrinsic functions in a Fail
   * state's CausePath are valid on AWS but not run by every engine, so the Fail states use plain
   * paths.
   */
  void emitEnds() {
    end(StateNames.SUCCEEDED, SucceedState.builder().comment("progress: the migration succeeded and released its lock").build());
    end(StateNames.DESCRIBE_FAILURE, PassState.builder()
        .comment("audit: name the failed step, what it expected, its error and cause")
        .parameters(obj("error.$", "$.failure.at.ferryError", "report", obj("step.$", "$.current.step",
            "kind.$", "$.current.kind", "expects.$", "$.current.expects", "failure.$", "$.failure")))
        .next(StateNames.FORMAT_FAILURE)
        .build());
    end(StateNames.FORMAT_FAILURE, PassState.builder()
        .comment("audit: the failure report as the Fail state's cause")
        .parameters(obj("error.$", "$.error", "cause.$", "States.JsonToString($.report)"))
        .next(StateNames.FAILED)
        .build());
    end(StateNames.FAILED, FailState.builder()
        .comment("audit: the migration failed; completed steps were compensated and the lock released")
        .errorPath("$.error")
        .causePath("$.cause")
        .build());
    if (!lowering.afterNoReturn.isEmpty()) {
      endKeepingLock(StateNames.DESCRIBE_INCOMPLETE, "audit: name the failed step after the point of no return and what is left undone",
          "$.failure", StateNames.INCOMPLETE,
          "audit: a step after the point of no return failed; nothing compensated, the lock is kept (INCOMPLETE)",
          ErrorName.INCOMPLETE);
    }
    // A migration with nothing to compensate has no rollback to fail: AWS refuses unreachable states.
    if (rollbackCanFail) {
      endKeepingLock(StateNames.DESCRIBE_ROLLBACK_FAILURE, "audit: name the failed compensation, its error and cause",
          "$.rollbackFailure", StateNames.ROLLBACK_FAILED,
          "audit: a compensation failed; the lock is kept (ROLLBACK_FAILED) until ferry unlock --reason",
          ErrorName.ROLLBACK_FAILED);
    }
  }

  /** A Pass that renders {@code report} as the cause, then a Fail with {@code error}: the ends that keep the lock. */
  private void endKeepingLock(String describe, String describeComment, String report, String fail, String failComment,
      ErrorName error) {
    end(describe, PassState.builder()
        .comment(describeComment)
        .parameters(obj("cause.$", "States.JsonToString(" + report + ")"))
        .next(fail)
        .build());
    end(fail, FailState.builder()
        .comment(failComment)
        .error(error.errorName())
        .causePath("$.cause")
        .build());
  }

  private void end(String name, State state) {
    lowering.put(name, state, StateRole.END, Optional.empty());
  }

  /** The typed error a run ends with after a failure of this kind. */
  static String ferryError(Failure failure) {
    ErrorName error = switch (failure) {
      case ERROR, RECORD -> ErrorName.MIGRATION_FAILED;
      case EXPECTATION -> ErrorName.EXPECTATION_FAILED;
      case PRECONDITION -> ErrorName.PRECONDITION_FAILED;
      case TIMEOUT -> ErrorName.TIMEOUT;
      case REJECTED -> ErrorName.REJECTED;
      case APPROVAL_TIMEOUT -> ErrorName.APPROVAL_TIMED_OUT;
      case RESULT_INVALID -> ErrorName.RESULT_INVALID;
    };
    return error.errorName();
  }

  private static String failureWords(Failure failure) {
    return switch (failure) {
      case EXPECTATION -> "the step's result did not meet its expectations";
      case PRECONDITION -> "the guard's precondition does not hold";
      case TIMEOUT -> "the poll condition did not hold before the timeout";
      case APPROVAL_TIMEOUT -> "nobody answered the approval before its timeout";
      case RESULT_INVALID -> "the step's result lacks a field that is read later, or has it with the wrong type";
      case ERROR, RECORD, REJECTED -> failure.name().toLowerCase(Locale.ROOT);
    };
  }

  static String failureWords(Step step, Failure failure) {
    return switch (failure) {
      case EXPECTATION, PRECONDITION -> "expected " + String.join(" and ",
          step.expectations().stream().map(Condition::describe).toList());
      case TIMEOUT -> step.poll().map(p -> "still not " + p.until().describe() + " after " + p.maxAttempts() + " calls over "
          + p.timeout().toSeconds() + " s").orElse("timed out");
      case RESULT_INVALID, APPROVAL_TIMEOUT -> failureWords(failure);
      case ERROR, RECORD, REJECTED -> failure.name().toLowerCase(Locale.ROOT);
    };
  }
}
