package dev.ferry.tasks.backup;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ferry.tasks.FerryHandler;
import dev.ferry.tasks.aws.AwsAdapters;
import dev.ferry.tasks.Fields;

/** {@code ferry-dynamodb-backup-status}: a backup's status ({@code CREATING}, {@code AVAILABLE}). */
public final class BackupStatusHandler extends FerryHandler<BackupStatusHandler.Input, BackupStatusHandler.Output> {

  public record Input(String backupArn) {}

  public record Output(String backupArn, String status) {}

  private final TableBackups backups;

  /** On AWS: the adapters over the SDK clients (the Lambda runtime calls this). */
  public BackupStatusHandler() {
    this(AwsAdapters.tableBackups());
  }

  public BackupStatusHandler(TableBackups backups) {
    this.backups = backups;
  }

  @Override
  public Output handleRequest(Input input, Context context) {
    var backup = backups.describe(Fields.text(input.backupArn(), "backupArn"));
    return new Output(backup.backupArn(), backup.status());
  }
}
