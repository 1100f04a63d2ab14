package dev.ferry.contract;

import java.util.Arrays;
import java.util.Optional;

/**
 * The typed errors a Ferry run ends with (contract: "Errors a machine ends with"), and the two a
 * local target stops a run with. Task handlers' own errors ({@code Ferry.UpgradeFailed}, ...) are
 * the class names of their exceptions, in the tasks module.
 */
public enum ErrorName {
  /** The input lacks a field, or has one of the wrong type; nothing was written. */
  INVALID_INPUT("InvalidInput"),
  /** Another run holds the target's lock. */
  LOCK_HELD("LockHeld"),
  /** A guard said no. */
  PRECONDITION_FAILED("PreconditionFailed"),
  /** A work step failed and compensation succeeded. */
  MIGRATION_FAILED("MigrationFailed"),
  /** A step's result did not meet its expectation; compensation succeeded. */
  EXPECTATION_FAILED("ExpectationFailed"),
  /** Compensation itself failed; the lock is kept with {@link Status#ROLLBACK_FAILED}. */
  ROLLBACK_FAILED("RollbackFailed"),
  /** An approval was refused (or answered with this error by {@code ferry reject}). */
  REJECTED("Rejected"),
  /**
   * Nobody answered an approval within its timeout (or its heartbeat); by the approval's declared
   * meaning the completed steps were compensated, or the run ended before any change.
   */
  APPROVAL_TIMED_OUT("ApprovalTimedOut"),
  /**
   * A step after the point of no return failed after its retries; nothing was compensated, the lock
   * is kept with {@link Status#INCOMPLETE} and the steps left undone are named.
   */
  INCOMPLETE("Incomplete"),
  /** A polling loop ran out of time. */
  TIMEOUT("Timeout"),
  /** A step's result lacks a field a later state reads, or has it with the wrong type. */
  RESULT_INVALID("ResultInvalid"),
  /**
   * An operator stopped the run ({@code ferry stop --reason}); it is recorded as {@link
   * Status#ABANDONED} at the step it was on, lock kept.
   */
  STOPPED("Stopped"),
  /** Local target: the process running the run died; redrive continues it. */
  PROCESS_DIED("ProcessDied"),
  /** Local target: the process that ran the run ended before it did. */
  LOCAL_PROCESS_ENDED("LocalProcessEnded");

  /** The prefix of every Ferry error name. */
  public static final String PREFIX = "Ferry.";

  private final String errorName;

  ErrorName(String simpleName) {
    this.errorName = PREFIX + simpleName;
  }

  /** The name a Catch matches and a failed execution reports: {@code Ferry.MigrationFailed}. */
  public String errorName() {
    return errorName;
  }

  @Override
  public String toString() {
    return errorName;
  }

  public static Optional<ErrorName> parse(String errorName) {
    return Arrays.stream(values()).filter(e -> e.errorName.equals(errorName)).findFirst();
  }

  /** Whether {@code errorName} is a Ferry error (one of these or a task handler's). */
  public static boolean isFerryError(String errorName) {
    return errorName != null && errorName.startsWith(PREFIX);
  }
}
