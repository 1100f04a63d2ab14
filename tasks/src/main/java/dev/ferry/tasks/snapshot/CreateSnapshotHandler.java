package dev.ferry.tasks.snapshot;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.Fields;

/**
 * {@code ferry-db-snapshot-create}: snapshots the database under an id derived from the execution;
 * calling it again for the same execution returns the same snapshot.
 */
public final class CreateSnapshotHandler
    extends FerryHandler<CreateSnapshotHandler.Input, CreateSnapshotHandler.Output> {

  public record Input(String dbInstanceIdentifier, String dbClusterIdentifier, String executionName) {}

  public record Output(String snapshotId, String status) {}

  private final DatabaseSnapshots snapshots;

  /** On AWS: the adapters over the SDK clients (the Lambda runtime calls this). */
  public CreateSnapshotHandler() {
    this(AwsAdapters.databaseSnapshots());
  }

  public CreateSnapshotHandler(DatabaseSnapshots snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    DatabaseRef database = DatabaseRef.of(input.dbInstanceIdentifier(), input.dbClusterIdentifier());
    String executionName = Fields.text(input.executionName(), "executionName");
    var snapshot = snapshots.create(database, Identifiers.snapshotId(database.id(), executionName));
    return new Output(snapshot.snapshotId(), snapshot.status());
  }
}
