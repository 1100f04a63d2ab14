package dev.ferry.tasks;

import Ferry.BackupNotFound;
import Ferry.DatabaseNotFound;
import Ferry.DatabaseUnavailable;
import Ferry.FunctionNotFound;
import Ferry.OperationInProgress;
import Ferry.RestoreFailed;
import Ferry.ServiceUnavailable;
import Ferry.SnapshotNotFound;
import Ferry.TableNotFound;
import Ferry.TaskFailure;
import Ferry.UpgradeFailed;
import Ferry.VerificationFailed;
import Ferry.WriterNotFound;
import dev.ferry.tasks.approval.ApprovalHeartbeatHandler;
import dev.ferry.tasks.approval.ApprovalRequestHandler;
import dev.ferry.tasks.backfill.BackfillBatchHandler;
import dev.ferry.tasks.backup.BackupCreateHandler;
import dev.ferry.tasks.ended.ExecutionEndedHandler;
import dev.ferry.tasks.backup.BackupRestoreHandler;
import dev.ferry.tasks.backup.BackupStatusHandler;
import dev.ferry.tasks.guard.NoOperationInProgressHandler;
import dev.ferry.tasks.lambdaversion.AliasRollbackHandler;
import dev.ferry.tasks.lock.LockHolderHandler;
import dev.ferry.tasks.lambdaversion.PublishVersionHandler;
import dev.ferry.tasks.local.LocalDatabaseSnapshots;
import dev.ferry.tasks.local.LocalSecrets;
import dev.ferry.tasks.local.LocalTableBackups;
import dev.ferry.tasks.migrationservice.MigrationServiceUpgradeHandler;
import dev.ferry.tasks.migrationservice.SchemaUpgradeNeededHandler;
import dev.ferry.tasks.schema.BaselineCaptureHandler;
import dev.ferry.tasks.schema.SchemaMigrateHandler;
import dev.ferry.tasks.schema.SchemaVersionHandler;
import dev.ferry.tasks.snapshot.CreateSnapshotHandler;
import dev.ferry.tasks.snapshot.RestoreSnapshotHandler;
import dev.ferry.tasks.snapshot.SnapshotStatusHandler;
import dev.ferry.tasks.verify.HttpCheckHandler;
import dev.ferry.tasks.verify.SchemaVerifyHandler;
import dev.ferry.tasks.writers.PauseWritersHandler;
import dev.ferry.tasks.writers.ResumeWritersHandler;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every Lambda function in the tasks jar, by the name the compiled machines call it (the runtime
 * contract's "Lambda tasks" table): the deploy module creates the AWS functions and registers the
 * local handlers from this one list.
 */
public final class TaskCatalog {

  private TaskCatalog() {}

  private static final List<TaskFunction<?, ?>> FUNCTIONS = List.of(
      new TaskFunction<>("ferry-db-snapshot-create", CreateSnapshotHandler.class,
          512, 60, env -> new CreateSnapshotHandler(new LocalDatabaseSnapshots(env.postgres()))),
      new TaskFunction<>("ferry-db-snapshot-status", SnapshotStatusHandler.class,
          512, 30, env -> new SnapshotStatusHandler(new LocalDatabaseSnapshots(env.postgres()))),
      new TaskFunction<>("ferry-db-snapshot-restore", RestoreSnapshotHandler.class,
          512, 120, env -> new RestoreSnapshotHandler(new LocalDatabaseSnapshots(env.postgres()))),
      new TaskFunction<>("ferry-dynamodb-backup-create", BackupCreateHandler.class,
          512, 60, env -> new BackupCreateHandler(new LocalTableBackups(env.dynamoDb()))),
      new TaskFunction<>("ferry-dynamodb-backup-status", BackupStatusHandler.class,
          512, 30, env -> new BackupStatusHandler(new LocalTableBackups(env.dynamoDb()))),
      new TaskFunction<>("ferry-dynamodb-backup-restore", BackupRestoreHandler.class,
          512, 300, env -> new BackupRestoreHandler(new LocalTableBackups(env.dynamoDb()))),
      new TaskFunction<>("ferry-writers-pause", PauseWritersHandler.class,
          512, 120, env -> new PauseWritersHandler(env.writers())),
      new TaskFunction<>("ferry-writers-resume", ResumeWritersHandler.class,
          512, 120, env -> new ResumeWritersHandler(env.writers())),
      new TaskFunction<>("ferry-baseline-capture", BaselineCaptureHandler.class,
          1024, 300, env -> new BaselineCaptureHandler(new LocalSecrets(env.postgres()))),
      new TaskFunction<>("ferry-schema-migrate", SchemaMigrateHandler.class,
          1024, 900, env -> new SchemaMigrateHandler(new LocalSecrets(env.postgres()))),
      new TaskFunction<>("ferry-schema-version", SchemaVersionHandler.class,
          512, 60, env -> new SchemaVersionHandler(new LocalSecrets(env.postgres()))),
      new TaskFunction<>("ferry-schema-verify", SchemaVerifyHandler.class,
          1024, 300, env -> new SchemaVerifyHandler(new LocalSecrets(env.postgres()))),
      new TaskFunction<>("ferry-backfill-batch", BackfillBatchHandler.class, 1024, 900,
          env -> new BackfillBatchHandler(new LocalSecrets(env.postgres()), env.dynamoDb(), env.progressTable(), Clock.systemUTC())),
      new TaskFunction<>("ferry-migration-service-upgrade", MigrationServiceUpgradeHandler.class, 512, 900, env -> new MigrationServiceUpgradeHandler()),
      new TaskFunction<>("ferry-http-check", HttpCheckHandler.class,
          512, 60, env -> new HttpCheckHandler()),
      new TaskFunction<>("ferry-guard-no-operation-in-progress", NoOperationInProgressHandler.class, 512, 60, env -> new NoOperationInProgressHandler(env.dynamoDb())),
      new TaskFunction<>("ferry-guard-schema-upgrade-needed", SchemaUpgradeNeededHandler.class, 512, 60, env -> new SchemaUpgradeNeededHandler()),
      new TaskFunction<>("ferry-lambda-version-publish", PublishVersionHandler.class,
          512, 300, env -> new PublishVersionHandler(env.functionVersions())),
      new TaskFunction<>("ferry-lambda-alias-rollback", AliasRollbackHandler.class,
          512, 60, env -> new AliasRollbackHandler(env.functionVersions())),
      new TaskFunction<>("ferry-approval-request", ApprovalRequestHandler.class,
          256, 30, env -> new ApprovalRequestHandler(env.dynamoDb(), env.progressTable(), Clock.systemUTC())),
      new TaskFunction<>("ferry-approval-heartbeat", ApprovalHeartbeatHandler.class,
          256, 60, env -> new ApprovalHeartbeatHandler(env.dynamoDb(), env.progressTable(), env.executions())),
      new TaskFunction<>("ferry-execution-ended", ExecutionEndedHandler.class,
          256, 30, env -> new ExecutionEndedHandler(env.dynamoDb(), env.progressTable(), "FerryAudit", Clock.systemUTC())),
      new TaskFunction<>("ferry-lock-holder", LockHolderHandler.class,
          256, 30, env -> new LockHolderHandler(env.dynamoDb(), env.progressTable(), env.executions(), Clock.systemUTC())));

  /**
   * The errors each function's handler raises besides {@code Ferry.InvalidInput}, which any of them
   * raises for a bad payload: the "errors" column of the contract's table.
   */
  private static final Map<String, List<Class<? extends TaskFailure>>> ERRORS = Map.ofEntries(
      Map.entry("ferry-db-snapshot-create", List.of(DatabaseNotFound.class, DatabaseUnavailable.class)),
      Map.entry("ferry-db-snapshot-status", List.of(SnapshotNotFound.class, DatabaseUnavailable.class)),
      Map.entry("ferry-db-snapshot-restore", List.of(SnapshotNotFound.class, RestoreFailed.class)),
      Map.entry("ferry-dynamodb-backup-create", List.of(TableNotFound.class)),
      Map.entry("ferry-dynamodb-backup-status", List.of(BackupNotFound.class)),
      Map.entry("ferry-dynamodb-backup-restore", List.of(BackupNotFound.class, RestoreFailed.class)),
      Map.entry("ferry-writers-pause", List.of(WriterNotFound.class)),
      Map.entry("ferry-writers-resume", List.of(WriterNotFound.class)),
      Map.entry("ferry-baseline-capture", List.of(DatabaseUnavailable.class)),
      Map.entry("ferry-schema-migrate", List.of(UpgradeFailed.class, DatabaseUnavailable.class)),
      Map.entry("ferry-schema-version", List.of(DatabaseUnavailable.class)),
      Map.entry("ferry-schema-verify", List.of(VerificationFailed.class, DatabaseUnavailable.class)),
      Map.entry("ferry-backfill-batch", List.of(DatabaseUnavailable.class)),
      Map.entry("ferry-migration-service-upgrade", List.of(UpgradeFailed.class, ServiceUnavailable.class)),
      Map.entry("ferry-http-check", List.of(VerificationFailed.class)),
      Map.entry("ferry-guard-no-operation-in-progress", List.of(OperationInProgress.class, TableNotFound.class)),
      Map.entry("ferry-guard-schema-upgrade-needed", List.of(ServiceUnavailable.class)),
      Map.entry("ferry-lambda-version-publish", List.of(FunctionNotFound.class)),
      Map.entry("ferry-lambda-alias-rollback", List.of(FunctionNotFound.class)),
      Map.entry("ferry-approval-request", List.of()),
      Map.entry("ferry-approval-heartbeat", List.of()),
      Map.entry("ferry-execution-ended", List.of()),
      Map.entry("ferry-lock-holder", List.of(ServiceUnavailable.class)));

  public static List<TaskFunction<?, ?>> functions() {
    return FUNCTIONS;
  }

  public static Optional<TaskFunction<?, ?>> function(String name) {
    return FUNCTIONS.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The errors {@code function}'s handler raises besides {@code Ferry.InvalidInput}. */
  public static List<Class<? extends TaskFailure>> errors(String function) {
    List<Class<? extends TaskFailure>> errors = ERRORS.get(function);
    if (errors == null) {
      throw new IllegalArgumentException("no task function named " + function + " in the catalogue");
    }
    return errors;
  }
}
