package dev.ferry.dsl;

/** When a step's compensation runs, given with {@code compensatedBy(undo, when)}. */
public enum UndoWhen {
  /** When a later step fails: this step completed. The default. */
  COMPLETED,
  /**
   * Also when this step itself fails: it may have begun changing things (restore the snapshot if
   * the schema change began).
   */
  STARTED
}
