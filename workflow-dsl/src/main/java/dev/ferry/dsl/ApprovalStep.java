package dev.ferry.dsl;

import dev.ferry.contract.ApprovalHeartbeat;
import java.time.Duration;
import java.util.Objects;

/**
 * A human decision: {@code ferry-approval-request} with a task token; the run waits until {@code
 * ferry approve}/{@code ferry reject} or the timeout. It calls nothing else. What the timeout
 * means is declared with {@link #onTimeout} ({@link ApprovalTimeout#ROLL_BACK} unless said).
 */
public final class ApprovalStep extends Step {
  /** Who approved, from {@code ferry approve --by}. */
  public static final ResultField<String> APPROVED_BY = ResultField.string("approvedBy")
      .describedAs("who approved (ferry approve --by)");

  /** The approver's comment. */
  public static final ResultField<String> COMMENT = ResultField.string("comment")
      .describedAs("the approver's comment");

  ApprovalStep(Spec spec) {
    super(spec);
  }

  /** Sets the state name shown in the console (default: the id as words). */
  public ApprovalStep title(String newTitle) {
    return new ApprovalStep(spec.title(newTitle));
  }

  /** How long to wait for a decision. */
  public ApprovalStep timeout(Duration limit) {
    return new ApprovalStep(spec.timeout(limit));
  }

  /**
   * What it means when nobody decides within the {@link #timeout}: roll back what ran before it
   * (the default), or, for an approval that comes before any change, end the run changing nothing.
   */
  public ApprovalStep onTimeout(ApprovalTimeout meaning) {
    return new ApprovalStep(spec.onTimeout(Objects.requireNonNull(meaning, "meaning")));
  }

  /** The declared meaning of a timeout; {@link ApprovalTimeout#ROLL_BACK} unless declared. */
  public ApprovalTimeout onTimeout() {
    return spec.onTimeout().orElse(ApprovalTimeout.ROLL_BACK);
  }

  /**
   * How often the waiting task must hear a heartbeat (default {@link ApprovalHeartbeat#DEFAULT}):
   * Ferry heartbeats every pending approval it has on record, so a lost callback fails within this
   * instead of waiting out the whole timeout. At least {@link ApprovalHeartbeat#MINIMUM}, and
   * shorter than the step's timeout.
   */
  public ApprovalStep heartbeat(Duration every) {
    if (every.compareTo(ApprovalHeartbeat.MINIMUM) < 0) {
      throw new IllegalArgumentException("approval '" + id() + "': heartbeat " + every.toSeconds() + " s is shorter than "
          + ApprovalHeartbeat.MINIMUM.toMinutes() + " min; Ferry heartbeats pending approvals every "
          + ApprovalHeartbeat.SWEEP_INTERVAL.toMinutes() + " min, so set at least " + ApprovalHeartbeat.MINIMUM.toMinutes() + " min");
    }
    Action.ApprovalRequest request = (Action.ApprovalRequest) spec.action().orElseThrow();
    return new ApprovalStep(spec.action(request.withHeartbeat(every)));
  }
}
