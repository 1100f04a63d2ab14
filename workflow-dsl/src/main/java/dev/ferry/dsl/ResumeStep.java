package dev.ferry.dsl;

/** A step that ends a pause: on the success path ({@link #resumes}) or as a pause's compensation. */
public final class ResumeStep extends WorkStep<ResumeStep> {

  ResumeStep(Spec spec) {
    super(spec);
  }

  @Override
  ResumeStep with(Spec next) {
    return new ResumeStep(next);
  }

  /** The pause this resume ends. */
  public ResumeStep resumes(PauseStep pause) {
    return with(spec.resumes(pause.id()));
  }
}
