package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-db-snapshot-restore}: puts the snapshot's data back under the database's own
 * identifier, so its endpoint is unchanged. One phase per call: poll it until done. Raises {@code
 * Ferry.SnapshotNotFound}, {@code Ferry.RestoreFailed}.
 */
public final class SnapshotRestore extends TaskCall<SnapshotRestore> {
  /** True once the database serves the snapshot's data. */
  public static final ResultField<Boolean> DONE = ResultField.bool("done")
      .describedAs("true once the database serves the snapshot's data");

  /** The phase the restore is in. */
  public static final ResultField<String> PHASE = ResultField.string("phase")
      .describedAs("the phase the restore is in");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-db-snapshot-restore",
      "Puts the snapshot's data back under the database's own identifier, so its endpoint is unchanged. One phase per call: poll it until done.",
      List.of(
          TaskInput.required("snapshotId", JsonType.STRING, "the snapshot to restore"),
          TaskInput.oneOf("database", "dbInstanceIdentifier", JsonType.STRING, "the RDS instance to restore"),
          TaskInput.oneOf("database", "dbClusterIdentifier", JsonType.STRING, "the Aurora cluster to restore"),
          TaskInput.executionName()),
      List.of(DONE, PHASE),
      List.of("Ferry.SnapshotNotFound", "Ferry.RestoreFailed"),
      true);

  SnapshotRestore(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  SnapshotRestore with(Map<String, Object> values) {
    return new SnapshotRestore(values);
  }

  /** The snapshot to restore (required). */
  public SnapshotRestore snapshotId(String value) {
    return set("snapshotId", value);
  }

  /** {@link #snapshotId(String)}, read at run time. */
  public SnapshotRestore snapshotId(Ref value) {
    return set("snapshotId", value);
  }

  /** The RDS instance to restore (exactly one of the database inputs). */
  public SnapshotRestore dbInstanceIdentifier(String value) {
    return set("dbInstanceIdentifier", value);
  }

  /** {@link #dbInstanceIdentifier(String)}, read at run time. */
  public SnapshotRestore dbInstanceIdentifier(Ref value) {
    return set("dbInstanceIdentifier", value);
  }

  /** The Aurora cluster to restore (exactly one of the database inputs). */
  public SnapshotRestore dbClusterIdentifier(String value) {
    return set("dbClusterIdentifier", value);
  }

  /** {@link #dbClusterIdentifier(String)}, read at run time. */
  public SnapshotRestore dbClusterIdentifier(Ref value) {
    return set("dbClusterIdentifier", value);
  }
}
