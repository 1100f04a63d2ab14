package dev.ferry.dsl;

/** A compensation: what undoes a step, given to that step's {@code compensatedBy}. */
public final class RollbackStep extends WorkStep<RollbackStep> {

  RollbackStep(Spec spec) {
    super(spec);
  }

  @Override
  RollbackStep with(Spec next) {
    return new RollbackStep(next);
  }
}
