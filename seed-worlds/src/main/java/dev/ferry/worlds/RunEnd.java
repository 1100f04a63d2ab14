package dev.ferry.worlds;

import dev.ferry.contract.Status;
import java.util.Optional;

/**
 * How a run ended, as a seed world's checks judge it: from the target's progress status after the
 * run (and a redrive, when it stopped mid-step).
 */
public enum RunEnd {
  /** The migration is applied. */
  SUCCEEDED,
  /** Every completed step was compensated. */
  ROLLED_BACK,
  /** A compensation failed; what was paused stays paused for an operator. */
  ROLLBACK_FAILED,
  /**
   * A step past the point of no return failed after its retries: nothing was undone, the lock is
   * kept and what is left undone (a paused service, say) waits for an operator.
   */
  INCOMPLETE,
  /** Anything else: the run stopped before it could claim either. */
  OTHER;

  public static RunEnd of(Optional<Status> progress) {
    return switch (progress.orElse(Status.RUNNING)) {
      case SUCCEEDED -> SUCCEEDED;
      case ROLLED_BACK -> ROLLED_BACK;
      case ROLLBACK_FAILED -> ROLLBACK_FAILED;
      case INCOMPLETE -> INCOMPLETE;
      case RUNNING, ROLLING_BACK, ABANDONED -> OTHER;
    };
  }

  public static RunEnd ofProgressStatus(String status) {
    return of(Status.parse(status));
  }
}
