package dev.ferry.tasks.snapshot;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.Fields;

/** {@code ferry-db-snapshot-status}: a snapshot's status, read by the machine's polling loop. */
public final class SnapshotStatusHandler
    extends FerryHandler<SnapshotStatusHandler.Input, SnapshotStatusHandler.Output> {

  public record Input(String snapshotId, boolean cluster) {}

  public record Output(String snapshotId, String status) {}

  private final DatabaseSnapshots snapshots;

  /** On AWS: the adapters over the SDK clients (the Lambda runtime calls this). */
  public SnapshotStatusHandler() {
    this(AwsAdapters.databaseSnapshots());
  }

  public SnapshotStatusHandler(DatabaseSnapshots snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    var snapshot = snapshots.describe(Fields.text(input.snapshotId(), "snapshotId"), input.cluster());
    return new Output(snapshot.snapshotId(), snapshot.status());
  }
}
