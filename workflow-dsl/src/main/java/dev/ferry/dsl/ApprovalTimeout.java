package dev.ferry.dsl;

/**
 * What an approval that nobody answers in time means, declared with {@link
 * ApprovalStep#onTimeout}. Either way the run ends with {@code Ferry.ApprovalTimedOut}, so an
 * operator tells an unanswered approval from a rejection ({@code Ferry.Rejected}).
 */
public enum ApprovalTimeout {
  /**
   * Undo what the run did before the approval, as any failure there would: the compensations of
   * the completed steps run in reverse, then the lock is released. The default.
   */
  ROLL_BACK("rolls back"),
  /**
   * End the run at once, lock released, nothing to undo: only valid when the approval comes before
   * any change (no backup, pause, upgrade or resume, nothing compensable, ahead of it), which the
   * validator checks. The choice for a run that asks first and changes after.
   */
  FAIL_BEFORE_CHANGE("fails the run before any change");

  private final String words;

  ApprovalTimeout(String words) {
    this.words = words;
  }

  /** How {@code ferry plan} says it: {@code rolls back}, {@code fails the run before any change}. */
  public String words() {
    return words;
  }
}
