package dev.ferry.tasks.aws;

import Ferry.BackupNotFound;
import Ferry.RestoreFailed;
import Ferry.TableNotFound;
import dev.ferry.tasks.backup.TableBackups;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BackupDescription;
import software.amazon.awssdk.services.dynamodb.model.BackupNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;

/**
 * DynamoDB on-demand backups. A restore can only create a table, so restoring onto a table deletes the
 * current one and restores the backup under its name; the restored table's {@code RestoreSummary}
 * names the backup, which is how a repeated call knows the table is already the restored one. A
 * restored table does not get back its TTL, stream, auto scaling or tag settings (a DynamoDB rule).
 */
public final class DynamoDbTableBackups implements TableBackups {

  private final DynamoDbClient dynamoDb;

  public DynamoDbTableBackups(DynamoDbClient dynamoDb) {
    this.dynamoDb = dynamoDb;
  }

  @Override
  public Backup create(String tableName, String backupName) {
    Optional<BackupSummary> existing = existing(tableName, backupName);
    if (existing.isPresent()) {
      return new Backup(existing.get().backupArn(), existing.get().backupStatusAsString());
    }
    try {
      var details = dynamoDb.createBackup(r -> r.tableName(tableName).backupName(backupName)).backupDetails();
      return new Backup(details.backupArn(), details.backupStatusAsString());
    } catch (TableNotFoundException | ResourceNotFoundException e) {
      throw new TableNotFound("DynamoDB table " + tableName + " does not exist: " + e.awsErrorDetails().errorMessage(), e);
    }
  }

  private Optional<BackupSummary> existing(String tableName, String backupName) {
    String start = null;
    do {
      String from = start;
      var page = dynamoDb.listBackups(r -> r.tableName(tableName).exclusiveStartBackupArn(from));
      Optional<BackupSummary> found = page.backupSummaries().stream()
          .filter(b -> b.backupName().equals(backupName) && !"DELETED".equals(b.backupStatusAsString()))
          .findFirst();
      if (found.isPresent()) {
        return found;
      }
      start = page.lastEvaluatedBackupArn();
    } while (start != null);
    return Optional.empty();
  }

  @Override
  public Backup describe(String backupArn) {
    var details = description(backupArn).backupDetails();
    return new Backup(details.backupArn(), details.backupStatusAsString());
  }

  private BackupDescription description(String backupArn) {
    try {
      return dynamoDb.describeBackup(r -> r.backupArn(backupArn)).backupDescription();
    } catch (BackupNotFoundException e) {
      throw new BackupNotFound("DynamoDB backup " + backupArn + " does not exist", e);
    }
  }

  @Override
  public RestoreProgress restore(String backupArn, String tableName) {
    String status = description(backupArn).backupDetails().backupStatusAsString();
    if (!status.equals("AVAILABLE")) {
      throw new RestoreFailed("DynamoDB backup " + backupArn + " is " + status + ", not AVAILABLE; wait for it first");
    }
    Optional<TableDescription> table = table(tableName);
    if (table.isEmpty()) {
      try {
        dynamoDb.restoreTableFromBackup(r -> r.backupArn(backupArn).targetTableName(tableName));
      } catch (TableAlreadyExistsException e) {
        // An earlier call's restore request went through.
      }
      return new RestoreProgress(false, "restoring");
    }
    TableDescription current = table.get();
    boolean restoredFromThis = current.restoreSummary() != null && backupArn.equals(current.restoreSummary().sourceBackupArn());
    if (restoredFromThis) {
      boolean finished = !Boolean.TRUE.equals(current.restoreSummary().restoreInProgress())
          && "ACTIVE".equals(current.tableStatusAsString());
      return new RestoreProgress(finished, finished ? "restored" : "restoring");
    }
    if ("DELETING".equals(current.tableStatusAsString())) {
      return new RestoreProgress(false, "deleting-current");
    }
    if (!"ACTIVE".equals(current.tableStatusAsString())) {
      return new RestoreProgress(false, "waiting-for-current");
    }
    dynamoDb.deleteTable(r -> r.tableName(tableName));
    return new RestoreProgress(false, "deleting-current");
  }

  private Optional<TableDescription> table(String name) {
    try {
      return Optional.of(dynamoDb.describeTable(r -> r.tableName(name)).table());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }
}
