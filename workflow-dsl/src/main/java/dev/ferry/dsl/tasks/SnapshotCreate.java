package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-db-snapshot-create}: snapshots an RDS instance or Aurora cluster under an id
 * derived from the execution; calling it again for the same execution returns the same snapshot.
 * Raises {@code Ferry.DatabaseNotFound}.
 */
public final class SnapshotCreate extends TaskCall<SnapshotCreate> {
  /** The snapshot's identifier, for the status poll and the restore. */
  public static final ResultField<String> SNAPSHOT_ID = ResultField.string("snapshotId")
      .describedAs("the snapshot's identifier, for the status poll and the restore");

  /** The snapshot's status as RDS reports it. */
  public static final ResultField<SnapshotState> STATUS = ResultField.oneOf("status", SnapshotState.class)
      .describedAs("the snapshot's status as RDS reports it");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-db-snapshot-create",
      "Snapshots an RDS instance or Aurora cluster under an id derived from the execution; calling it again for the same execution returns the same snapshot.",
      List.of(
          TaskInput.oneOf("database", "dbInstanceIdentifier", JsonType.STRING, "the RDS instance to snapshot"),
          TaskInput.oneOf("database", "dbClusterIdentifier", JsonType.STRING, "the Aurora cluster to snapshot"),
          TaskInput.executionName()),
      List.of(SNAPSHOT_ID, STATUS),
      List.of("Ferry.DatabaseNotFound"),
      true);

  SnapshotCreate(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  SnapshotCreate with(Map<String, Object> values) {
    return new SnapshotCreate(values);
  }

  /** The RDS instance to snapshot (exactly one of the database inputs). */
  public SnapshotCreate dbInstanceIdentifier(String value) {
    return set("dbInstanceIdentifier", value);
  }

  /** {@link #dbInstanceIdentifier(String)}, read at run time. */
  public SnapshotCreate dbInstanceIdentifier(Ref value) {
    return set("dbInstanceIdentifier", value);
  }

  /** The Aurora cluster to snapshot (exactly one of the database inputs). */
  public SnapshotCreate dbClusterIdentifier(String value) {
    return set("dbClusterIdentifier", value);
  }

  /** {@link #dbClusterIdentifier(String)}, read at run time. */
  public SnapshotCreate dbClusterIdentifier(Ref value) {
    return set("dbClusterIdentifier", value);
  }
}
