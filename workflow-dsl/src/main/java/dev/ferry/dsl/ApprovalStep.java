package dev.ferry.dsl;

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
}
