package dev.ferry.worlds;

/**
 * How a run ended, as a world's checks judge it: from the target's progress status after the run
 * (and a redrive, when it stopped mid-step).
 */
public enum RunEnd {
  /** Progress {@code SUCCEEDED}: the migration is applied. */
  SUCCEEDED,
  /** Progress {@code ROLLED_BACK}: every completed step was compensated. */
  ROLLED_BACK,
  /** Progress {@code ROLLBACK_FAILED}: a compensation failed; what was paused stays paused for an operator. */
  ROLLBACK_FAILED,
  /** Anything else: the run stopped before it could claim either. */
  OTHER;

  public static RunEnd ofProgressStatus(String status) {
    return switch (status) {
      case "SUCCEEDED" -> SUCCEEDED;
      case "ROLLED_BACK" -> ROLLED_BACK;
      case "ROLLBACK_FAILED" -> ROLLBACK_FAILED;
      default -> OTHER;
    };
  }
}
