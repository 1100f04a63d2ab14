package dev.ferry.deploy;

import dev.ferry.contract.ProgressItem;
import dev.ferry.contract.Status;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A target's {@code FerryProgress} item (contract: "Tables"). */
public record Progress(
    String target,
    Optional<String> lockHolder,
    String status,
    String migration,
    String execution,
    String currentStep,
    int stepIndex,
    int stepCount,
    String startedAt,
    String updatedAt,
    String requestedBy,
    String trigger,
    Optional<PendingApproval> pendingApproval) {

  /** An approval step waiting for {@code ferry approve} or {@code ferry reject}. */
  public record PendingApproval(String token, String step, String requestedAt, String message) {}

  static Progress fromItem(Map<String, AttributeValue> item) {
    Optional<PendingApproval> approval = Optional.ofNullable(item.get(ProgressItem.PENDING_APPROVAL))
        .map(AttributeValue::m)
        .filter(m -> m.containsKey(ProgressItem.PendingApproval.TOKEN))
        .map(m -> new PendingApproval(s(m, ProgressItem.PendingApproval.TOKEN), s(m, ProgressItem.PendingApproval.STEP),
            s(m, ProgressItem.PendingApproval.REQUESTED_AT), s(m, ProgressItem.PendingApproval.MESSAGE)));
    return new Progress(
        s(item, ProgressItem.TARGET),
        Optional.ofNullable(item.get(ProgressItem.LOCK_HOLDER)).map(AttributeValue::s),
        s(item, ProgressItem.STATUS),
        s(item, ProgressItem.MIGRATION),
        s(item, ProgressItem.EXECUTION),
        s(item, ProgressItem.CURRENT_STEP),
        n(item, ProgressItem.STEP_INDEX),
        n(item, ProgressItem.STEP_COUNT),
        s(item, ProgressItem.STARTED_AT),
        s(item, ProgressItem.UPDATED_AT),
        s(item, ProgressItem.REQUESTED_BY),
        s(item, ProgressItem.TRIGGER),
        approval);
  }

  /** Steps finished: the current one counts once the run has ended successfully. */
  public int stepsDone() {
    return Status.SUCCEEDED.name().equals(status) ? stepCount : Math.max(0, stepIndex - 1);
  }

  private static String s(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.s() == null ? "" : v.s();
  }

  private static int n(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
  }
}
