package dev.ferry.machines;

import static dev.ferry.dsl.Ref.param;

import dev.ferry.dsl.Backoff;
import dev.ferry.dsl.BackupStep;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.Expect;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.MigrationDefinition;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.PauseStep;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.ResumeStep;
import dev.ferry.dsl.RollbackStep;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.UndoWhen;
import dev.ferry.dsl.UpgradeStep;
import dev.ferry.dsl.VerifyStep;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.tasks.BaselineCapture;
import dev.ferry.dsl.tasks.FerryTasks;
import dev.ferry.dsl.tasks.SchemaVerify;
import dev.ferry.dsl.tasks.SnapshotCreate;
import dev.ferry.dsl.tasks.SnapshotRestore;
import dev.ferry.dsl.tasks.SnapshotState;
import dev.ferry.dsl.tasks.SnapshotStatus;
import dev.ferry.dsl.tasks.WritersPause;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The local demo's runbook: apply versioned SQL migrations to a PostgreSQL database with a
 * snapshot to fall back on.
 *
 * <ol>
 *   <li>Pause the writers, so nothing they write is lost when the snapshot is restored.
 *   <li>Snapshot the database and wait until the snapshot is available.
 *   <li>Capture a baseline (row counts and checksums of the tables that must survive).
 *   <li>Apply the SQL migrations up to the target version (restore the snapshot if this began).
 *   <li>Verify the schema version, the expected columns and the baseline row counts.
 *   <li>Resume the writers.
 * </ol>
 *
 * On failure: restore the snapshot if the schema change began, then resume what was paused.
 */
public final class PostgresSchemaUpgrade implements MigrationDefinition {

  @Override
  public MigrationGraph graph() {
    BackupStep snapshot = Step.backup("snapshot-database")
        .invoke(FerryTasks.snapshotCreate().dbInstanceIdentifier(param("dbInstanceIdentifier")))
        .pollUntil(self -> Poll.with(FerryTasks.snapshotStatus()
                .snapshotId(self.output(SnapshotCreate.SNAPSHOT_ID))
                .cluster(false))
            .until(Condition.equals(SnapshotStatus.STATUS, SnapshotState.AVAILABLE))
            .every(Duration.ofSeconds(30))
            .timeout(Duration.ofHours(12))
            .backoff(Backoff.doublingUpTo(Duration.ofMinutes(10))));

    PauseStep pauseWriters = Step.pause("pause-writers")
        .invoke(FerryTasks.writersPause().writers(param("writers")))
        .compensatedBy(self -> Step.resume("resume-paused-writers")
            .invoke(FerryTasks.writersResume().paused(self.output(WritersPause.PAUSED))));

    BackupStep baseline = Step.backup("capture-baseline")
        .invoke(FerryTasks.baselineCapture().secretArn(param("secretArn")).tables(param("tables")));

    RollbackStep restore = Step.rollback("restore-snapshot")
        .pollUntil(Poll.with(FerryTasks.snapshotRestore()
                .snapshotId(snapshot.output(SnapshotCreate.SNAPSHOT_ID))
                .dbInstanceIdentifier(param("dbInstanceIdentifier")))
            .until(Condition.isTrue(SnapshotRestore.DONE))
            .every(Duration.ofSeconds(30))
            .timeout(Duration.ofHours(6))
            .backoff(Backoff.doublingUpTo(Duration.ofMinutes(5))));

    UpgradeStep applySchema = Step.upgrade("apply-schema-migrations")
        .invoke(FerryTasks.schemaMigrate()
            .secretArn(param("secretArn"))
            .location(param("location"))
            .targetVersion(param("targetVersion")))
        .timeout(Duration.ofMinutes(30))
        .compensatedBy(restore, UndoWhen.STARTED);

    VerifyStep verify = Step.verify("verify-schema")
        .invoke(FerryTasks.schemaVerify()
            .secretArn(param("secretArn"))
            .expectedVersion(param("targetVersion"))
            .tables(param("expectedColumns"))
            .baseline(baseline.output(BaselineCapture.BASELINE)))
        .expect(Expect.isTrue(SchemaVerify.OK));

    ResumeStep resumeWriters = Step.resume("resume-writers")
        .invoke(FerryTasks.writersResume().paused(pauseWriters.output(WritersPause.PAUSED)))
        .resumes(pauseWriters);

    return Migration.named("postgres-schema-upgrade")
        .description("Pause writers, snapshot the database, apply versioned SQL migrations, verify"
            + " the schema version and row counts, resume writers; restore the snapshot on failure")
        .parameter(Parameter.string("dbInstanceIdentifier").describedAs("the RDS instance (locally: the embedded PostgreSQL)"))
        .parameter(Parameter.string("secretArn").describedAs("Secrets Manager ARN of the database credentials"))
        .parameter(Parameter.string("location").describedAs("where the versioned SQL migrations are").defaultValue("classpath:db/demo"))
        .parameter(Parameter.string("targetVersion").describedAs("the schema version to reach").defaultValue("3"))
        .parameter(Parameter.objectList("writers").describedAs("the writers to pause: [{type, name, cluster}]"))
        .parameter(Parameter.stringList("tables").describedAs("tables whose rows must survive the upgrade")
            .defaultValue(List.of("customers", "orders")))
        .parameter(Parameter.object("expectedColumns").describedAs("columns each table must have afterwards")
            .defaultValue(new TreeMap<>(Map.of("customers", List.of("email"), "orders", List.of("status")))))
        .step(pauseWriters)
        .step(snapshot)
        .step(baseline)
        .step(applySchema)
        .step(verify)
        .step(resumeWriters)
        .build();
  }

}
