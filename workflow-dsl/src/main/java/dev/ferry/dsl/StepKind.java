package dev.ferry.dsl;

/** What a step does for the migration; the safety rules and the generated {@code Comment}s use it. */
public enum StepKind {
  BACKUP,
  PAUSE,
  UPGRADE,
  VERIFY,
  RESUME,
  ROLLBACK,
  APPROVAL,
  GUARD;

  /**
   * Whether a step of this kind changes the target (a backup writes a snapshot, a pause stops
   * writers); a verify, guard or approval only reads or asks.
   */
  public boolean changesTarget() {
    return switch (this) {
      case BACKUP, PAUSE, UPGRADE, RESUME, ROLLBACK -> true;
      case VERIFY, APPROVAL, GUARD -> false;
    };
  }

  /** The lower-case word used in comments, messages and diagrams. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
