package dev.ferry.dsl.plan;

import dev.ferry.contract.ErrorName;
import dev.ferry.dsl.ApprovalTimeout;
import dev.ferry.dsl.StepKind;
import dev.ferry.dsl.validate.Warning;
import dev.ferry.dsl.validate.Warnings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a migration will do, for {@code ferry plan}: its steps in order, which run while the
 * service is paused, the compensation of each failure point, and the state transitions (Standard
 * workflows bill per transition) of the happy path and of the worst failure path, counted on the
 * compiled machine, and the point of no return: the step after which failures are retried and
 * end {@code Ferry.Incomplete} with the lock kept, never compensated (declared, or by the default
 * rule), what each approval's timeout does, and the compiler's warnings.
 */
public record MigrationPlan(
    String migration,
    List<PlannedStep> steps,
    List<FailurePoint> failurePoints,
    int happyPathTransitions,
    int worstFailurePathTransitions,
    String worstFailurePoint,
    Optional<String> pointOfNoReturn,
    boolean pointOfNoReturnDeclared,
    Optional<String> alreadyDone,
    List<ApprovalTimeoutPlan> approvals,
    List<Warning> warnings) {

  /**
   * What the compiled machine does when nobody answers an approval.
   *
   * @param stepId the approval step
   * @param timeout how long it waits
   * @param meaning what its declaration says the timeout means
   * @param compensations the compensation steps the timed-out run calls, in order
   */
  public record ApprovalTimeoutPlan(String stepId, Duration timeout, ApprovalTimeout meaning, List<String> compensations) {
    public ApprovalTimeoutPlan {
      compensations = List.copyOf(compensations);
    }

    /** {@code approval 'x' times out after 2h: rolls back (restore-database, resume-writers)}. */
    public String describe() {
      String what = switch (meaning) {
        case FAIL_BEFORE_CHANGE -> meaning.words();
        case ROLL_BACK -> meaning.words() + (compensations.isEmpty() ? " (nothing has run that needs undoing)"
            : " (" + String.join(", ", compensations) + ")");
      };
      return "approval '" + stepId + "' times out after " + Warnings.words(timeout) + ": " + what
          + "; the run ends " + ErrorName.APPROVAL_TIMED_OUT.errorName() + ", lock released";
    }
  }

  /**
   * @param index 1-based position among the top-level steps
   * @param whilePaused runs after a pause and before the resume that ends it
   * @param inner the steps of a parallel group, one list per branch
   */
  public record PlannedStep(int index, String id, StepKind kind, boolean whilePaused, List<List<String>> inner) {
    public PlannedStep {
      inner = inner.stream().map(List::copyOf).toList();
    }
  }

  /**
   * A state where the run can fail, and what follows.
   *
   * @param state the failing state's name
   * @param stepId the step it belongs to
   * @param error the {@code Ferry.*} error the run ends with
   * @param compensations the compensation steps run, in order
   * @param transitions state transitions from the start to the end of that failed run
   */
  public record FailurePoint(String state, String stepId, String error, List<String> compensations, int transitions) {
    public FailurePoint {
      compensations = List.copyOf(compensations);
    }
  }

  public MigrationPlan {
    steps = List.copyOf(steps);
    failurePoints = List.copyOf(failurePoints);
    approvals = List.copyOf(approvals);
    warnings = List.copyOf(warnings);
  }

  /** The plan as the lines {@code ferry plan} prints. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add("Migration " + migration + ": " + steps.size() + " steps");
    for (PlannedStep s : steps) {
      lines.add(String.format("  %3d. %-8s %s%s", s.index(), s.kind().word(), s.id(), s.whilePaused() ? "   [service paused]" : ""));
      for (int b = 0; b < s.inner().size(); b++) {
        lines.add("         branch " + (b + 1) + ": " + String.join(" -> ", s.inner().get(b)));
      }
      if (pointOfNoReturn.filter(s.id()::equals).isPresent() && s.index() < steps.size()) {
        lines.add("       ---- point of no return: later failures are retried, then end Ferry.Incomplete, lock kept,"
            + " nothing compensated ----");
      }
    }
    lines.add("Already done: " + alreadyDone.map(a -> "when " + a + ", the run succeeds right after the lock, changing nothing")
        .orElse("not declared (Migration.alreadyDoneWhen): a repeated or scheduled run migrates again"));
    lines.add("Point of no return: " + pointOfNoReturn.map(p -> "after " + p + (pointOfNoReturnDeclared
        ? " (declared with pointOfNoReturnAfter)" : " (default: the last verify, or the first irreversible step)"))
        .orElse("none (no verify and no irreversible step): every failure is compensated"));
    approvals.forEach(a -> lines.add("Unanswered: " + a.describe()));
    lines.add("On failure:");
    String previous = "";
    for (FailurePoint f : failurePoints) {
      String line = "  " + f.state() + " fails (" + f.error() + "): "
          + (f.compensations().isEmpty() ? "nothing to compensate" : "compensate " + String.join(" -> ", f.compensations()));
      if (!line.equals(previous)) {
        lines.add(line);
      }
      previous = line;
    }
    lines.add("State transitions: happy path " + happyPathTransitions + ", worst failure path "
        + worstFailurePathTransitions + " (" + worstFailurePoint + ")");
    warnings.forEach(w -> lines.add(w.toString()));
    return lines;
  }
}
