package dev.ferry.dsl;

import java.util.function.Function;

/** A step that saves what a later failure restores: a snapshot, a table backup, a template copy. */
public final class BackupStep extends WorkStep<BackupStep> {

  BackupStep(Spec spec) {
    super(spec);
  }

  @Override
  BackupStep with(Spec next) {
    return new BackupStep(next);
  }

  /** What undoes this backup when a later step fails (deleting what it made, say). */
  public BackupStep compensatedBy(RollbackStep undo) {
    return with(spec.compensation(undo, false));
  }

  /** A compensation that reads this step's own result. */
  public BackupStep compensatedBy(Function<? super Step, RollbackStep> undoOfSelf) {
    return compensatedBy(undoOfSelf.apply(this));
  }
}
