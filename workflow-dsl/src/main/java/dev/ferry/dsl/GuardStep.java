package dev.ferry.dsl;

/** A precondition, before any side effect; when its expectations fail the run ends with {@code Ferry.PreconditionFailed}. */
public final class GuardStep extends WorkStep<GuardStep> {

  GuardStep(Spec spec) {
    super(spec);
  }

  @Override
  GuardStep with(Spec next) {
    return new GuardStep(next);
  }
}
