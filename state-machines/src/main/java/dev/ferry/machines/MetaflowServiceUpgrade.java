package dev.ferry.machines;

import static dev.ferry.dsl.Ref.param;

import dev.ferry.dsl.Backoff;
import dev.ferry.dsl.BackupStep;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.Expect;
import dev.ferry.dsl.GuardStep;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.MigrationDefinition;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.PauseStep;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.ResumeStep;
import dev.ferry.dsl.RollbackStep;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.UndoWhen;
import dev.ferry.dsl.UpgradeStep;
import dev.ferry.dsl.VerifyStep;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.tasks.FerryTasks;
import dev.ferry.dsl.tasks.HttpCheck;
import dev.ferry.dsl.tasks.SchemaUpgradeNeeded;
import dev.ferry.dsl.tasks.SnapshotCreate;
import dev.ferry.dsl.tasks.SnapshotRestore;
import dev.ferry.dsl.tasks.SnapshotState;
import dev.ferry.dsl.tasks.SnapshotStatus;
import dev.ferry.dsl.tasks.WritersPause;
import java.time.Duration;
import java.util.List;

/**
 * Upgrades the Metaflow metadata service's database schema.
 *
 * <ol>
 *   <li>Guard: the migration service says an upgrade is needed (else stop before changing anything).
 *   <li>Pause the metadata service (its ECS service is scaled to zero, its prior count recorded).
 *   <li>Snapshot the RDS database and wait until the snapshot is available.
 *   <li>Upgrade: invoke the {@code ExecuteDBMigration} Lambda; the final status must be up to date.
 *   <li>Verify: the migration service's {@code GET /version} (the version the schema allows) is at
 *       least 2.0.2.
 *   <li>Resume: restart the metadata service.
 * </ol>
 *
 * On failure: restore the snapshot if the upgrade began, then resume what was paused.
 *
 * <p>The service is paused before the snapshot and restarted after the verify, unlike the order
 * operators often write (snapshot, pause, ..., restart, verify): a restore after the service ran
 * would drop every run it recorded since the snapshot. A rehearsal's acknowledged-runs check fails
 * on that order.
 */
public final class MetaflowServiceUpgrade implements MigrationDefinition {
  /** Whether the schema is up to date after the upgrade, in {@code ExecuteDBMigration}'s result. */
  static final ResultField<Boolean> IS_UP_TO_DATE = ResultField.bool("final-status.is_up_to_date");

  /** What the migration service said of the upgrade. */
  static final ResultField<String> UPGRADE_RESULT = ResultField.string("upgrade-result");

  /** The Lambda Metaflow's CloudFormation stack installs to run the migration service's upgrade. */
  static final LambdaFunction EXECUTE_DB_MIGRATION = LambdaFunction.named("ExecuteDBMigration")
      .describedAs("Metaflow's migration Lambda: PATCH /upgrade on the migration service, then its status")
      .returns(UPGRADE_RESULT, IS_UP_TO_DATE);

  @Override
  public MigrationGraph graph() {
    GuardStep upgradeNeeded = Step.guard("check-upgrade-needed")
        .invoke(FerryTasks.schemaUpgradeNeeded().baseUrl(param("migrationServiceUrl")))
        .expect(Expect.isTrue(SchemaUpgradeNeeded.NEEDED));

    BackupStep snapshot = Step.backup("snapshot-database")
        .invoke(FerryTasks.snapshotCreate().dbInstanceIdentifier(param("dbInstanceIdentifier")))
        .pollUntil(self -> Poll.with(FerryTasks.snapshotStatus()
                .snapshotId(self.output(SnapshotCreate.SNAPSHOT_ID))
                .cluster(false))
            .until(Condition.equals(SnapshotStatus.STATUS, SnapshotState.AVAILABLE))
            .every(Duration.ofMinutes(1))
            .timeout(Duration.ofHours(24))
            .backoff(Backoff.doublingUpTo(Duration.ofMinutes(15))));

    PauseStep pauseService = Step.pause("pause-service")
        .invoke(FerryTasks.writersPause().writers(List.of(param("service"))))
        .compensatedBy(self -> Step.resume("resume-paused-service")
            .invoke(FerryTasks.writersResume().paused(self.output(WritersPause.PAUSED))));

    RollbackStep restoreSnapshot = Step.rollback("restore-snapshot")
        .pollUntil(Poll.with(FerryTasks.snapshotRestore()
                .snapshotId(snapshot.output(SnapshotCreate.SNAPSHOT_ID))
                .dbInstanceIdentifier(param("dbInstanceIdentifier")))
            .until(Condition.isTrue(SnapshotRestore.DONE))
            .every(Duration.ofMinutes(1))
            .timeout(Duration.ofHours(6))
            .backoff(Backoff.doublingUpTo(Duration.ofMinutes(10))));

    UpgradeStep upgradeSchema = Step.upgrade("upgrade-database-schema")
        .invoke(EXECUTE_DB_MIGRATION.call())
        .expect(Expect.isTrue(IS_UP_TO_DATE))
        .timeout(Duration.ofMinutes(15))
        .compensatedBy(restoreSnapshot, UndoWhen.STARTED);

    ResumeStep restartService = Step.resume("restart-service")
        .invoke(FerryTasks.writersResume().paused(pauseService.output(WritersPause.PAUSED)))
        .resumes(pauseService);

    VerifyStep verifyVersion = Step.verify("verify-service-version")
        .invoke(FerryTasks.httpCheck()
            .url(Ref.format("{}/version", param("migrationServiceUrl")))
            .field("version")
            .versionAtLeast(param("minimumVersion")))
        .expect(Expect.isTrue(HttpCheck.OK));

    return Migration.named("metaflow-service-upgrade")
        .description("Upgrade the Metaflow metadata database: pause the service, snapshot, run"
            + " ExecuteDBMigration, check GET /version, restart; restore the snapshot on failure")
        .parameter(Parameter.string("dbInstanceIdentifier").describedAs("the metadata service's RDS instance"))
        .parameter(Parameter.string("migrationServiceUrl").describedAs("the migration service, e.g. http://metadata:8082"))
        .parameter(Parameter.object("service").describedAs("the metadata service's ECS service: {type: ecs, name, cluster}"))
        .parameter(Parameter.string("minimumVersion").describedAs("the lowest acceptable GET /version").defaultValue("2.0.2"))
        .step(upgradeNeeded)
        .step(pauseService)
        .step(snapshot)
        .step(upgradeSchema)
        .step(verifyVersion)
        .step(restartService)
        .build();
  }
}
