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

  private final ApprovalTimeout onTimeout;

  ApprovalStep(Spec spec) {
    this(spec, ApprovalTimeout.ROLL_BACK);
  }

  private ApprovalStep(Spec spec, ApprovalTimeout onTimeout) {
    super(spec);
    this.onTimeout = Objects.requireNonNull(onTimeout, "onTimeout");
  }

  /** Sets the state name shown in the console (default: the id as words). */
  public ApprovalStep title(String newTitle) {
    return new ApprovalStep(spec.title(newTitle), onTimeout);
  }

  /** How long to wait for a decision. */
  public ApprovalStep timeout(Duration limit) {
    return new ApprovalStep(spec.timeout(limit), onTimeout);
  }

  /**
   * What it means when nobody decides within the {@link #timeout}: roll back what ran before it
   * (the default), or, for an approval that comes before any change, end the run changing nothing.
   */
  public ApprovalStep onTimeout(ApprovalTimeout meaning) {
    return new ApprovalStep(spec, meaning);
  }

  public ApprovalTimeout onTimeout() {
    return onTimeout;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApprovalStep other && other.spec.equals(spec) && other.onTimeout == onTimeout;
  }

  @Override
  public int hashCode() {
    return 31 * spec.hashCode() + onTimeout.hashCode();
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
    return new ApprovalStep(spec.action(request.withHeartbeat(every)), onTimeout);
  }
}
