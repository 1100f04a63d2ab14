package dev.ferry.dsl;

/** A step that checks the migration worked; its expectations decide. */
public final class VerifyStep extends WorkStep<VerifyStep> {

  VerifyStep(Spec spec) {
    super(spec);
  }

  @Override
  VerifyStep with(Spec next) {
    return new VerifyStep(next);
  }
}
