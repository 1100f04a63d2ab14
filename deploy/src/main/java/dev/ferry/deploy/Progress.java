package dev.ferry.deploy;

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
    Optional<PendingApproval> pendingApproval,
    Optional<Backfill> backfill) {

  /** An approval step waiting for {@code ferry approve} or {@code ferry reject}. */
  public record PendingApproval(String token, String step, String requestedAt, String message) {}

  /** What the latest {@code ferry-backfill-batch} call reported: rows updated of the estimate. */
  public record Backfill(String table, long rowsDone, long estimatedTotal, boolean done, String updatedAt) {}

  static Progress fromItem(Map<String, AttributeValue> item) {
    Optional<PendingApproval> approval = Optional.ofNullable(item.get("pendingApproval"))
        .map(AttributeValue::m)
        .filter(m -> m.containsKey("token"))
        .map(m -> new PendingApproval(s(m, "token"), s(m, "step"), s(m, "requestedAt"), s(m, "message")));
    return new Progress(
        s(item, "target"),
        Optional.ofNullable(item.get("lockHolder")).map(AttributeValue::s),
        s(item, "status"),
        s(item, "migration"),
        s(item, "execution"),
        s(item, "currentStep"),
        n(item, "stepIndex"),
        n(item, "stepCount"),
        s(item, "startedAt"),
        s(item, "updatedAt"),
        s(item, "requestedBy"),
        s(item, "trigger"),
        approval,
        Optional.ofNullable(item.get("backfill")).map(AttributeValue::m).filter(m -> m.containsKey("rowsDone"))
            .map(m -> new Backfill(s(m, "table"), Long.parseLong(m.get("rowsDone").n()),
                m.containsKey("estimatedTotal") ? Long.parseLong(m.get("estimatedTotal").n()) : 0,
                m.containsKey("done") && Boolean.TRUE.equals(m.get("done").bool()), s(m, "updatedAt"))));
  }

  /** Steps finished: the current one counts once the run has ended successfully. */
  public int stepsDone() {
    return "SUCCEEDED".equals(status) ? stepCount : Math.max(0, stepIndex - 1);
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
