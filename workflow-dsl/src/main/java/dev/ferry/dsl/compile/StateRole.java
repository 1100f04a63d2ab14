package dev.ferry.dsl.compile;

/** What a generated state does for its step (or for the run, when it belongs to none). */
public enum StateRole {
  /** Normalises and checks the execution input; rejects it with {@code Ferry.InvalidInput}. */
  INPUT,
  /** Takes the target's lock or reports who holds it. */
  LOCK,
  /** A step's work: its call (or Parallel state), or the first call of a step that only polls. */
  WORK,
  /** Checks a step's result: the fields later states read, its expectations, version numbers. */
  CHECK,
  /** Where a missing or mistyped result field goes ({@code Ferry.ResultInvalid}). */
  INVALID_RESULT,
  /** A step's poll loop: call again, check, count, wait. */
  POLL,
  /** Ends a parallel branch successfully. */
  BRANCH_DONE,
  /** Ends a parallel branch with a step's typed error, for the group's catchers. */
  BRANCH_FAIL,
  /** Records a step done (progress and audit) or, for a compensation, the step it undid compensated. */
  RECORD,
  /** Records a failure and starts compensating, or records a failed compensation and keeps the lock. */
  FAILURE_RECORD,
  /** The run's ends: succeeded, failed (rolled back), rollback failed, and the Passes that describe them. */
  END
}
