package dev.ferry.deploy;

import java.util.List;
import java.util.Optional;

/**
 * Where migrations run and are operated: AWS Step Functions, or the local engine. Progress,
 * audit, approval and unlock bookkeeping is shared through {@link ProgressStore}; each target
 * supplies the engine-specific calls.
 */
public interface MigrationTarget extends AutoCloseable {

  /** Who is operating, for audit rows and approvals when the operator gives no name. */
  String caller();

  /** Creates or updates everything the machine needs; changes nothing that already matches. */
  DeployReport ensureInfrastructure(DeployRequest request);

  /** Starts the run, or returns the run this same request already started. */
  StartedExecution start(StartRequest request);

  RunStatus status(String target);

  List<AuditRow> audit(String target, Optional<String> executionName);

  /** History of an execution given by id, or of the target's latest execution. */
  List<HistoryEvent> history(String executionOrTarget);

  /** Restarts a failed execution from the state that failed. */
  ExecutionInfo redrive(String executionOrTarget);

  /**
   * Stops a running execution (given by id, or the target's latest) as an operator does, with
   * {@code Ferry.Stopped} and a cause naming {@code by} and {@code reason}. The run is recorded as
   * abandoned at the step it was on and keeps its lock.
   */
  ExecutionInfo stop(String executionOrTarget, String by, String reason);

  /** The cause a stopped execution ends with. */
  static String stopCause(String by, String reason) {
    return "stopped by " + by + ": " + reason;
  }

  /** Whether {@code execution}, which has ended, can be redriven here (see {@link StuckLock}). */
  default boolean canRedrive(ExecutionInfo execution) {
    return StuckLock.redrivableOnAws(execution, java.time.Instant.now());
  }

  /** Answers the target's pending approval; returns the step that was approved. */
  String approve(String target, String by, String comment);

  /** Refuses the target's pending approval with {@code Ferry.Rejected}; returns the step. */
  String reject(String target, String by, String reason);

  ProgressStore.Unlocked unlock(String target, String by, String reason);

  /** Releases the target's clients and connections. */
  @Override
  void close();
}
