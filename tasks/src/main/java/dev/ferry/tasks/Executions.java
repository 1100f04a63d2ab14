package dev.ferry.tasks;

import java.time.Instant;
import java.util.Optional;

/**
 * The engine that runs Ferry's machines, as the tasks see it: describing an execution (who holds a
 * lock, how it stands) and heartbeating a task token (a pending approval). On AWS Step Functions
 * ({@code dev.ferry.tasks.aws.StepFunctionsExecutions}); locally the local target's engine and its
 * execution records.
 */
public interface Executions {

  /**
   * An execution as its engine reports it.
   *
   * @param status {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT}, {@code
   *     ABORTED} or {@code PENDING_REDRIVE}
   * @param redrivable what the engine says about redriving it, when it says (Step Functions'
   *     {@code redriveStatus}); empty to apply the contract's rule to {@code status} and {@code stoppedAt}
   */
  record Described(String status, Optional<Instant> stoppedAt, Optional<Boolean> redrivable) {}

  /** The execution {@code executionArn}, or empty when the engine knows no such execution. */
  Optional<Described> describe(String executionArn);

  /**
   * Restarts the heartbeat countdown of the task waiting on {@code taskToken}.
   *
   * @return false when no task waits on it any more (answered, timed out, or its execution ended)
   */
  boolean heartbeat(String taskToken);
}
