package dev.ferry.dsl.compile;

import static dev.ferry.dsl.compile.Conditions.present;
import static dev.ferry.dsl.compile.Json.n;
import static dev.ferry.dsl.compile.Json.obj;
import static dev.ferry.dsl.compile.Json.s;
import static dev.ferry.dsl.compile.Json.sPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ferry.asl.Catcher;
import dev.ferry.asl.ComparisonOperator;
import dev.ferry.asl.ChoiceState;
import dev.ferry.asl.Condition;
import dev.ferry.asl.FailState;
import dev.ferry.asl.PassState;
import dev.ferry.asl.State;
import dev.ferry.asl.TaskState;
import dev.ferry.contract.ErrorName;
import dev.ferry.contract.Phase;
import dev.ferry.contract.ProgressItem;
import dev.ferry.contract.Status;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.tasks.FerryTasks;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lock: one transaction takes the target's lock and records the run and the first step as
 * started. When it is refused, the holder is read; then {@code ferry-lock-holder} says whether it
 * still runs and, when it ended, the one command that recovers, and the run fails with {@code
 * Ferry.LockHeld} and that cause. Should the check itself fail, the run names the holder as read.
 * Nothing here releases the lock. A target DynamoDB refuses as a key fails with {@code
 * Ferry.InvalidInput} before anything is called.
 */
final class LockLowering {
  /** The holder check reads one item and describes one execution; its Lambda's own timeout is 30 s. */
  private static final int HOLDER_CHECK_TIMEOUT_SECONDS = 60;
  private static final String HOLDER_CAUSE = "$.lockHolder.answer." + FerryTasks.LOCK_HOLDER_CAUSE.path();

  private final Lowering lowering;

  LockLowering(Lowering lowering) {
    this.lowering = lowering;
  }

  void emit() {
    Step first = lowering.top.getFirst();
    RecordItems records = lowering.items;
    ArrayNode items = Json.F.arrayNode();
    items.add(records.progressUpdate(
        new String[] {ProgressItem.LOCK_HOLDER, ProgressItem.STATUS, ProgressItem.MIGRATION, ProgressItem.EXECUTION,
            ProgressItem.CURRENT_STEP, ProgressItem.STEP_INDEX, ProgressItem.STEP_COUNT, ProgressItem.STARTED_AT,
            ProgressItem.UPDATED_AT, ProgressItem.REQUESTED_BY, ProgressItem.TRIGGER},
        new JsonNode[] {sPath("$$.Execution.Id"), s(Status.RUNNING.name()), s(lowering.graph.name()), sPath("$$.Execution.Id"),
            s(first.id()), n(1), n(lowering.top.size()), sPath("$$.Execution.StartTime"), sPath("$$.State.EnteredTime"),
            sPath("$.ferry.requestedBy"), sPath("$.ferry.trigger")},
        List.of(ProgressItem.PENDING_APPROVAL),
        ProgressItem.LOCK_FREE_OR_MINE));
    items.add(records.auditRun(Phase.STARTED, Map.of()));
    items.add(records.auditStep(first, Phase.STARTED, Map.of()));
    lock(StateNames.ACQUIRE_LOCK, TaskState.builder(Integrations.TRANSACT)
        .comment("lock: take the target's lock, record the run and " + first.id() + " as started, in one transaction")
        .parameters(obj("TransactItems", items))
        .resultSelector(lowering.failures.current(first))
        .resultPath("$.current")
        .retry(Integrations.dynamoRetry())
        .catcher(Catcher.builder(List.of("DynamoDb.TransactionCanceledException"), StateNames.READ_LOCK)
            .resultPath("$.lockFailure").build())
        .catcher(Catcher.builder(List.of(Integrations.DYNAMODB_REQUEST_REFUSED), StateNames.DESCRIBE_INPUT_REFUSED)
            .resultPath("$.inputRefused").build())
        .next(Lowering.entry(first))
        .build());
    lock(StateNames.ASK_LOCK_HOLDER, TaskState.builder(Integrations.LAMBDA_INVOKE)
        .comment("lock: ask whether the run holding the target still runs, and what recovers it if it ended")
        .parameters(obj("FunctionName", lowering.options.functionPrefix() + FerryTasks.LOCK_HOLDER.name(),
            "Payload", obj("target.$", "$.ferry.target", "executionId.$", "$$.Execution.Id")))
        .resultSelector(obj("answer.$", "$.Payload"))
        .resultPath("$.lockHolder")
        .timeoutSeconds(HOLDER_CHECK_TIMEOUT_SECONDS)
        .retry(Integrations.lambdaRetry())
        // Whatever stops the check, the run still fails Ferry.LockHeld, naming the holder as read.
        .catcher(Catcher.builder(List.of("States.ALL"), StateNames.DESCRIBE_LOCK).resultPath("$.lockHolderFailure").build())
        .next(StateNames.CHECK_HOLDER_ANSWER)
        .build());
    lock(StateNames.CHECK_HOLDER_ANSWER, ChoiceState.builder()
        .comment("lock: did the check describe the holder?")
        // A rule reading a missing field fails the Choice with States.Runtime, so presence comes first.
        .choice(Condition.not(present(HOLDER_CAUSE)), StateNames.DESCRIBE_LOCK)
        .choice(Conditions.type(HOLDER_CAUSE, ComparisonOperator.IS_STRING), StateNames.LOCK_HELD_BY)
        .defaultState(StateNames.DESCRIBE_LOCK)
        .build());
    lock(StateNames.LOCK_HELD_BY, FailState.builder()
        .comment("lock: another run holds the target; the cause says whether it runs and what recovers it")
        .error(ErrorName.LOCK_HELD.errorName())
        .causePath(HOLDER_CAUSE)
        .build());
    lock(StateNames.READ_LOCK, TaskState.builder(Integrations.GET_ITEM)
        .comment("lock: read who holds the target's lock")
        .parameters(obj("TableName", lowering.options.progressTable(),
            "Key", obj(ProgressItem.TARGET, sPath("$.ferry.target")), "ConsistentRead", true))
        .resultPath("$.lock")
        .retry(Integrations.dynamoRetry())
        .catcher(Catcher.builder(List.of(Integrations.DYNAMODB_REQUEST_REFUSED), StateNames.DESCRIBE_INPUT_REFUSED)
            .resultPath("$.inputRefused").build())
        .catcher(Catcher.builder(List.of("States.ALL"), StateNames.LOCK_HELD_UNKNOWN).resultPath("$.lockReadFailure").build())
        .next(StateNames.CHECK_LOCK)
        .build());
    lock(StateNames.CHECK_LOCK, ChoiceState.builder()
        .comment("lock: is the holder known?")
        .choice(Condition.and(present("$.lock.Item.lockHolder.S"),
            present("$.lock.Item.migration.S"), present("$.lock.Item.status.S")), StateNames.ASK_LOCK_HOLDER)
        .defaultState(StateNames.LOCK_HELD_UNKNOWN)
        .build());
    lock(StateNames.DESCRIBE_LOCK, PassState.builder()
        .comment("lock: name the run that holds the target")
        .parameters(obj("cause.$", "States.Format('target {} is locked by execution {} (migration {}, status {}); wait for it to end,"
            + " or clear a stale lock with ferry unlock --reason', $.ferry.target, $.lock.Item.lockHolder.S,"
            + " $.lock.Item.migration.S, $.lock.Item.status.S)"))
        .next(StateNames.LOCK_HELD)
        .build());
    lock(StateNames.LOCK_HELD, FailState.builder()
        .comment("lock: another run holds the target")
        .error(ErrorName.LOCK_HELD.errorName())
        .causePath("$.cause")
        .build());
    // A Choice rule cannot measure the target's length; DynamoDB refuses a key over 2,048 bytes.
    input(StateNames.DESCRIBE_INPUT_REFUSED, PassState.builder()
        .comment("input: DynamoDB refused the lock row for this input (nothing was written)")
        .parameters(obj("cause.$", "States.Format('target: DynamoDB refused it as the key of the lock row ({});"
            + " a target is 1-200 characters of letters, digits and . _ : / -', $.inputRefused.Cause)"))
        .next(StateNames.INPUT_REFUSED)
        .build());
    input(StateNames.INPUT_REFUSED, FailState.builder()
        .comment("input: reject the execution input")
        .error(ErrorName.INVALID_INPUT.errorName())
        .causePath("$.cause")
        .build());
    lock(StateNames.LOCK_HELD_UNKNOWN, FailState.builder()
        .comment("lock: the lock transaction was refused and the holder could not be read")
        .error(ErrorName.LOCK_HELD.errorName())
        .cause("the lock transaction was refused and its holder could not be read: another run holds the target"
            + " or this run already started; see the target's item in the progress table")
        .build());
  }

  private void lock(String name, State state) {
    lowering.put(name, state, StateRole.LOCK, Optional.empty());
  }

  private void input(String name, State state) {
    lowering.put(name, state, StateRole.INPUT, Optional.empty());
  }
}
