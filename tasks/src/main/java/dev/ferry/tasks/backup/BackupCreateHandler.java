package dev.ferry.tasks.backup;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.Fields;
import dev.ferry.tasks.snapshot.Identifiers;

/**
 * {@code ferry-dynamodb-backup-create}: backs the table up under a name derived from the execution;
 * calling it again for the same execution returns the same backup.
 */
public final class BackupCreateHandler extends FerryHandler<BackupCreateHandler.Input, BackupCreateHandler.Output> {

  public record Input(String tableName, String executionName) {}

  public record Output(String backupArn, String status) {}

  private final TableBackups backups;

  /** On AWS: the adapters over the SDK clients (the Lambda runtime calls this). */
  public BackupCreateHandler() {
    this(AwsAdapters.tableBackups());
  }

  public BackupCreateHandler(TableBackups backups) {
    this.backups = backups;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    String table = Fields.text(input.tableName(), "tableName");
    String executionName = Fields.text(input.executionName(), "executionName");
    var backup = backups.create(table, Identifiers.snapshotId(table, executionName));
    return new Output(backup.backupArn(), backup.status());
  }
}
