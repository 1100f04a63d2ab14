package dev.ferry.tasks.backup;

/** Port: backups of a DynamoDB table. Every call is safe to repeat. */
public interface TableBackups {

  /**
   * Starts a backup named {@code backupName} of the table, or returns the existing one of that name.
   *
   * @throws Ferry.TableNotFound if the table does not exist
   */
  Backup create(String tableName, String backupName);

  /** @throws Ferry.BackupNotFound if there is no such backup */
  Backup describe(String backupArn);

  /**
   * Advances putting the backup's items back as the table's contents by one phase.
   *
   * @throws Ferry.BackupNotFound if there is no such backup
   * @throws Ferry.RestoreFailed if the restore cannot finish
   */
  RestoreProgress restore(String backupArn, String tableName);

  record Backup(String backupArn, String status) {}

  record RestoreProgress(boolean done, String phase) {}
}
