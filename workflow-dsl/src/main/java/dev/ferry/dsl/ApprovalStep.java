package dev.ferry.dsl;

import dev.ferry.contract.ApprovalHeartbeat;
import java.time.Duration;

/**
 * A human decision: {@code ferry-approval-request} with a task token; the run waits until {@code
 * ferry approve}/{@code ferry reject} or the timeout. It calls nothing else.
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
