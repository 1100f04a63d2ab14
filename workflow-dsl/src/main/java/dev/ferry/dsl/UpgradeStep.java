package dev.ferry.dsl;

import java.util.function.Function;

/** A step that changes what is migrated; it needs a backup before it and a verify after it. */
public final class UpgradeStep extends WorkStep<UpgradeStep> {

  UpgradeStep(Spec spec) {
    super(spec);
  }

  @Override
  UpgradeStep with(Spec next) {
    return new UpgradeStep(next);
  }

  /** What undoes this upgrade when a later step fails. */
  public UpgradeStep compensatedBy(RollbackStep undo) {
    return compensatedBy(undo, UndoWhen.COMPLETED);
  }

  /** What undoes this upgrade, and whether also when it fails itself ({@link UndoWhen#STARTED}). */
  public UpgradeStep compensatedBy(RollbackStep undo, UndoWhen when) {
    return with(spec.compensation(undo, when == UndoWhen.STARTED));
  }

  /** A compensation that reads this step's own result. */
  public UpgradeStep compensatedBy(Function<? super Step, RollbackStep> undoOfSelf) {
    return compensatedBy(undoOfSelf.apply(this), UndoWhen.COMPLETED);
  }

  /** A compensation that reads this step's own result, and when it runs. */
  public UpgradeStep compensatedBy(Function<? super Step, RollbackStep> undoOfSelf, UndoWhen when) {
    return compensatedBy(undoOfSelf.apply(this), when);
  }

  /** This upgrade cannot be undone; an approval must come before it. */
  public UpgradeStep irreversible() {
    return with(spec.irreversible());
  }

  /** This upgrade deliberately has no backup before it, and why. */
  public UpgradeStep withoutBackup(String reason) {
    return with(spec.withoutBackup(reason));
  }
}
