package dev.ferry.dsl.tasks;

import dev.ferry.contract.ApprovalHeartbeat;
import dev.ferry.dsl.ApprovalStep;
import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ferry's shipped task functions (the {@code tasks} jar), typed: each factory starts a call whose
 * input methods javac checks, and each task's class holds the result fields it returns ({@code
 * SnapshotStatus.STATUS}) for expectations, poll conditions and later steps to read.
 *
 * <pre>{@code
 * Step.backup("snapshot-database")
 *     .invoke(FerryTasks.snapshotCreate().dbInstanceIdentifier(param("dbInstanceIdentifier")))
 *     .pollUntil(self -> Poll.with(FerryTasks.snapshotStatus().snapshotId(self.output(SnapshotCreate.SNAPSHOT_ID)))
 *         .until(Condition.equals(SnapshotStatus.STATUS, SnapshotState.AVAILABLE)));
 * }</pre>
 *
 * The reference of every function (inputs, results, errors) is generated from these into {@code
 * src/docs/tasks.md}.
 */
public final class FerryTasks {
  private FerryTasks() {}

  /**
   * {@code ferry-approval-request}: what an approval step calls with a task token ({@link
   * dev.ferry.dsl.Step#approval}); its result is the decision's callback output.
   */
  public static final LambdaFunction APPROVAL_REQUEST = new LambdaFunction("ferry-approval-request",
      "Stores a pending approval on the target's progress item, where ferry approve and ferry reject find it; the"
          + " run waits for their callback. Called by approval steps, not directly.",
      List.of(
          TaskInput.required("taskToken", JsonType.STRING, "the task token the decision answers"),
          TaskInput.required("target", JsonType.STRING, "the migration target"),
          TaskInput.required("step", JsonType.STRING, "the approval step's id"),
          TaskInput.executionName(),
          TaskInput.optional("message", JsonType.STRING, "what the approver decides")),
      List.of(ApprovalStep.APPROVED_BY, ApprovalStep.COMMENT),
      List.of("Ferry.Rejected"),
      true);

  /** {@link #APPROVAL_HEARTBEAT}: how many approvals are pending on the progress table. */
  public static final ResultField<Number> APPROVAL_HEARTBEAT_PENDING = ResultField.number("pending")
      .describedAs("how many approvals are pending on the progress table");

  /** {@link #APPROVAL_HEARTBEAT}: the pending approvals whose task heard a heartbeat. */
  public static final ResultField<List<String>> APPROVAL_HEARTBEAT_HEARTBEATEN = ResultField.stringList("heartbeaten")
      .describedAs("the pending approvals (<target>/<step>) whose task heard a heartbeat");

  /** {@link #APPROVAL_HEARTBEAT}: the pending approvals no task waits on any more. */
  public static final ResultField<List<String>> APPROVAL_HEARTBEAT_GONE = ResultField.stringList("gone")
      .describedAs("the pending approvals (<target>/<step>) no task waits on any more");

  /**
   * {@code ferry-approval-heartbeat}: keeps the approvals Ferry has on record alive. Run on a
   * schedule, not by machines.
   */
  public static final LambdaFunction APPROVAL_HEARTBEAT = new LambdaFunction(ApprovalHeartbeat.FUNCTION,
      "Sends SendTaskHeartbeat for every approval pending on the progress table, so an approval's wait lives as long as"
          + " its record; a callback whose record was lost fails within its heartbeat. Run every "
          + ApprovalHeartbeat.SWEEP_INTERVAL.toMinutes() + " minutes by a schedule the deploy creates (locally by the local"
          + " target while a run waits), not called by machines.",
      List.of(),
      List.of(APPROVAL_HEARTBEAT_PENDING, APPROVAL_HEARTBEAT_HEARTBEATEN, APPROVAL_HEARTBEAT_GONE),
      List.of(),
      true);

  /**
   * The target of the EventBridge rule on Ferry's machines' executions that ended ABORTED,
   * TIMED_OUT or FAILED: records the abandoned step and the progress item's end state when the
   * machine could not. Called by EventBridge, not by machines.
   */
  /** {@link #EXECUTION_ENDED}: whether anything was recorded. */
  public static final ResultField<Boolean> EXECUTION_ENDED_RECORDED = ResultField.bool("recorded")
      .describedAs("whether anything was recorded");

  /** {@link #EXECUTION_ENDED}: the audit row written, or why nothing was. */
  public static final ResultField<String> EXECUTION_ENDED_DETAIL = ResultField.string("detail")
      .describedAs("the audit row written, or why nothing was");

  public static final LambdaFunction EXECUTION_ENDED = new LambdaFunction("ferry-execution-ended",
      "Records a run that ended stopped, timed out or failed where its machine could not record it: an audit row for"
          + " the step it abandoned and progress status ABANDONED, lock kept. The target of an EventBridge rule, not"
          + " called by machines.",
      List.of(TaskInput.required("detail", JsonType.OBJECT,
          "the Step Functions Execution Status Change event's detail: executionArn, status, input, error, cause"),
          TaskInput.optional("progressTable", JsonType.STRING,
              "the progress table the machine was compiled with (the rule's target adds it; default from the environment)"),
          TaskInput.optional("auditTable", JsonType.STRING,
              "the audit table the machine was compiled with (the rule's target adds it; default from the environment)")),
      List.of(EXECUTION_ENDED_RECORDED, EXECUTION_ENDED_DETAIL),
      List.of(),
      true);

  /** {@link #LOCK_HOLDER}: the cause the refused run fails {@code Ferry.LockHeld} with. */
  public static final ResultField<String> LOCK_HOLDER_CAUSE = ResultField.string("cause")
      .describedAs("the cause the refused run fails Ferry.LockHeld with: the holder, its status, its last step and what to do");

  /** {@link #LOCK_HOLDER}: the execution holding the lock (empty when it is free by now). */
  public static final ResultField<String> LOCK_HOLDER_HOLDER = ResultField.string("holder")
      .describedAs("the execution holding the lock (empty when it is free by now)");

  /** {@link #LOCK_HOLDER}: the holder's engine status. */
  public static final ResultField<String> LOCK_HOLDER_STATUS = ResultField.string("holderStatus")
      .describedAs("the holder's engine status (RUNNING, FAILED, TIMED_OUT, ABORTED, ...; NOT_FOUND when the engine does not know it)");

  /** {@link #LOCK_HOLDER}: the step the holder was on. */
  public static final ResultField<String> LOCK_HOLDER_LAST_STEP = ResultField.string("lastStep")
      .describedAs("the step the holder was on, from the progress item");

  /** {@link #LOCK_HOLDER}: whether the holder can be redriven. */
  public static final ResultField<Boolean> LOCK_HOLDER_REDRIVABLE = ResultField.bool("redrivable")
      .describedAs("whether the holder ended and can still be redriven");

  /** {@link #LOCK_HOLDER}: the one command that recovers. */
  public static final ResultField<String> LOCK_HOLDER_COMMAND = ResultField.string("command")
      .describedAs("the one command that recovers a lock whose holder ended (empty while it runs)");

  /**
   * {@code ferry-lock-holder}: what a run whose lock was refused calls to say who holds the target,
   * whether that run still runs, and the command that recovers. Called by the lock states, not by steps.
   */
  public static final LambdaFunction LOCK_HOLDER = new LambdaFunction("ferry-lock-holder",
      "Reads the target's lock and describes the execution holding it (Step Functions DescribeExecution), for a run"
          + " whose lock was refused: the holder, its status, its last step, and wait for it or stop it while it runs,"
          + " else the one command that recovers (ferry redrive while it can be redriven, else ferry unlock). Never"
          + " releases the lock. Called by the lock states, not by steps.",
      List.of(
          TaskInput.required("target", JsonType.STRING, "the migration target"),
          TaskInput.required("executionId", JsonType.STRING, "the refused run itself ($$.Execution.Id)")),
      List.of(LOCK_HOLDER_CAUSE, LOCK_HOLDER_HOLDER, LOCK_HOLDER_STATUS, LOCK_HOLDER_LAST_STEP, LOCK_HOLDER_REDRIVABLE,
          LOCK_HOLDER_COMMAND),
      List.of("Ferry.ServiceUnavailable"),
      true);

  public static SnapshotCreate snapshotCreate() {
    return new SnapshotCreate(Map.of());
  }

  public static SnapshotStatus snapshotStatus() {
    return new SnapshotStatus(Map.of());
  }

  public static SnapshotRestore snapshotRestore() {
    return new SnapshotRestore(Map.of());
  }

  public static BackupCreate backupCreate() {
    return new BackupCreate(Map.of());
  }

  public static BackupStatus backupStatus() {
    return new BackupStatus(Map.of());
  }

  public static BackupRestore backupRestore() {
    return new BackupRestore(Map.of());
  }

  public static WritersPause writersPause() {
    return new WritersPause(Map.of());
  }

  public static WritersResume writersResume() {
    return new WritersResume(Map.of());
  }

  public static BaselineCapture baselineCapture() {
    return new BaselineCapture(Map.of());
  }

  public static SchemaMigrate schemaMigrate() {
    return new SchemaMigrate(Map.of());
  }

  public static SchemaVersion schemaVersion() {
    return new SchemaVersion(Map.of());
  }

  public static BackfillBatch backfillBatch() {
    return new BackfillBatch(Map.of());
  }

  public static SchemaVerify schemaVerify() {
    return new SchemaVerify(Map.of());
  }

  public static MigrationServiceUpgrade migrationServiceUpgrade() {
    return new MigrationServiceUpgrade(Map.of());
  }

  public static HttpCheck httpCheck() {
    return new HttpCheck(Map.of());
  }

  public static NoOperationInProgress noOperationInProgress() {
    return new NoOperationInProgress(Map.of());
  }

  public static SchemaUpgradeNeeded schemaUpgradeNeeded() {
    return new SchemaUpgradeNeeded(Map.of());
  }

  public static LambdaVersionPublish lambdaVersionPublish() {
    return new LambdaVersionPublish(Map.of());
  }

  public static LambdaAliasRollback lambdaAliasRollback() {
    return new LambdaAliasRollback(Map.of());
  }

  /** Every shipped function, in the order of the reference. */
  public static List<LambdaFunction> all() {
    return List.of(
        SnapshotCreate.FUNCTION,
        SnapshotStatus.FUNCTION,
        SnapshotRestore.FUNCTION,
        BackupCreate.FUNCTION,
        BackupStatus.FUNCTION,
        BackupRestore.FUNCTION,
        WritersPause.FUNCTION,
        WritersResume.FUNCTION,
        BaselineCapture.FUNCTION,
        SchemaMigrate.FUNCTION,
        SchemaVersion.FUNCTION,
        SchemaVerify.FUNCTION,
        BackfillBatch.FUNCTION,
        MigrationServiceUpgrade.FUNCTION,
        HttpCheck.FUNCTION,
        NoOperationInProgress.FUNCTION,
        SchemaUpgradeNeeded.FUNCTION,
        LambdaVersionPublish.FUNCTION,
        LambdaAliasRollback.FUNCTION,
        APPROVAL_REQUEST,
        APPROVAL_HEARTBEAT,
        EXECUTION_ENDED,
        LOCK_HOLDER);
  }

  /** The shipped function of this name. */
  public static Optional<LambdaFunction> named(String name) {
    return all().stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
