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

  /** The lower-case word used in comments, messages and diagrams. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
