package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-db-snapshot-status}: a snapshot's status, for a poll that waits until it is
 * available. Raises {@code Ferry.SnapshotNotFound}.
 */
public final class SnapshotStatus extends TaskCall<SnapshotStatus> {
  /** The snapshot's identifier. */
  public static final ResultField<String> SNAPSHOT_ID = ResultField.string("snapshotId")
      .describedAs("the snapshot's identifier");

  /** The snapshot's status as RDS reports it. */
  public static final ResultField<SnapshotState> STATUS = ResultField.oneOf("status", SnapshotState.class)
      .describedAs("the snapshot's status as RDS reports it");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-db-snapshot-status",
      "A snapshot's status, for a poll that waits until it is available.",
      List.of(
          TaskInput.required("snapshotId", JsonType.STRING, "the snapshot to describe"),
          TaskInput.optional("cluster", JsonType.BOOLEAN, "true for an Aurora cluster snapshot (default false)")),
      List.of(SNAPSHOT_ID, STATUS),
      List.of("Ferry.SnapshotNotFound"),
      true);

  SnapshotStatus(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  SnapshotStatus with(Map<String, Object> values) {
    return new SnapshotStatus(values);
  }

  /** The snapshot to describe (required). */
  public SnapshotStatus snapshotId(String value) {
    return set("snapshotId", value);
  }

  /** {@link #snapshotId(String)}, read at run time. */
  public SnapshotStatus snapshotId(Ref value) {
    return set("snapshotId", value);
  }

  /** True for an Aurora cluster snapshot (default false) (optional). */
  public SnapshotStatus cluster(boolean value) {
    return set("cluster", value);
  }

  /** {@link #cluster(boolean)}, read at run time. */
  public SnapshotStatus cluster(Ref value) {
    return set("cluster", value);
  }
}
