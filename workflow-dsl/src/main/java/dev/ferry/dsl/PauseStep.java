package dev.ferry.dsl;

import java.util.function.Function;

/**
 * A step that stops something (writers, a service, pipelines); a resume must end it on every path,
 * so it is compensated by a {@link ResumeStep} that resumes only what it paused.
 */
public final class PauseStep extends WorkStep<PauseStep> {

  PauseStep(Spec spec) {
    super(spec);
  }

  @Override
  PauseStep with(Spec next) {
    return new PauseStep(next);
  }

  /** What resumes the paused things when a later step fails. */
  public PauseStep compensatedBy(ResumeStep undo) {
    return with(spec.compensation(undo, false));
  }

  /** A resume that reads this step's own result: {@code compensatedBy(self -> Step.resume(...)...self.output(...))}. */
  public PauseStep compensatedBy(Function<? super Step, ResumeStep> undoOfSelf) {
    return compensatedBy(undoOfSelf.apply(this));
  }
}
