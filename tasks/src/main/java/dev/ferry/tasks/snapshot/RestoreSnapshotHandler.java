package dev.ferry.tasks.snapshot;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.Fields;

/**
 * {@code ferry-db-snapshot-restore}: puts the snapshot's data back under the database's own
 * identifier (so its endpoint is unchanged). One phase per call; the machine calls again until
 * {@code done}.
 */
public final class RestoreSnapshotHandler
    extends FerryHandler<RestoreSnapshotHandler.Input, RestoreSnapshotHandler.Output> {

  public record Input(String snapshotId, String dbInstanceIdentifier, String dbClusterIdentifier,
      String executionName) {}

  public record Output(boolean done, String phase) {}

  private final DatabaseSnapshots snapshots;

  /** On AWS: the adapters over the SDK clients (the Lambda runtime calls this). */
  public RestoreSnapshotHandler() {
    this(AwsAdapters.databaseSnapshots());
  }

  public RestoreSnapshotHandler(DatabaseSnapshots snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    String snapshotId = Fields.text(input.snapshotId(), "snapshotId");
    DatabaseRef database = DatabaseRef.of(input.dbInstanceIdentifier(), input.dbClusterIdentifier());
    String executionName = Fields.text(input.executionName(), "executionName");
    var progress = snapshots.restore(snapshotId, database, executionName);
    return new Output(progress.done(), progress.phase());
  }
}
