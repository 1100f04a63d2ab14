package dev.ferry.tasks.backup;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.Fields;

/**
 * {@code ferry-dynamodb-backup-restore}: makes the backup's items the table's contents again. One
 * phase per call; the machine calls again until {@code done}.
 */
public final class BackupRestoreHandler extends FerryHandler<BackupRestoreHandler.Input, BackupRestoreHandler.Output> {

  public record Input(String backupArn, String tableName, String executionName) {}

  public record Output(boolean done, String phase) {}

  private final TableBackups backups;

  /** On AWS: the adapters over the SDK clients (the Lambda runtime calls this). */
  public BackupRestoreHandler() {
    this(AwsAdapters.tableBackups());
  }

  public BackupRestoreHandler(TableBackups backups) {
    this.backups = backups;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    String backupArn = Fields.text(input.backupArn(), "backupArn");
    String table = Fields.text(input.tableName(), "tableName");
    Fields.text(input.executionName(), "executionName");
    var progress = backups.restore(backupArn, table);
    return new Output(progress.done(), progress.phase());
  }
}
