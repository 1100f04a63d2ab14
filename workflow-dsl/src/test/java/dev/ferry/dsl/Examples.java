package dev.ferry.dsl;

import static dev.ferry.dsl.Ref.param;

import dev.ferry.dsl.tasks.BaselineCapture;
import dev.ferry.dsl.tasks.FerryTasks;
import dev.ferry.dsl.tasks.HttpCheck;
import dev.ferry.dsl.tasks.LambdaVersionPublish;
import dev.ferry.dsl.tasks.SchemaUpgradeNeeded;
import dev.ferry.dsl.tasks.SchemaVerify;
import dev.ferry.dsl.tasks.SnapshotCreate;
import dev.ferry.dsl.tasks.SnapshotRestore;
import dev.ferry.dsl.tasks.SnapshotState;
import dev.ferry.dsl.tasks.SnapshotStatus;
import dev.ferry.dsl.tasks.WritersPause;
import java.time.Duration;

/** Migrations the tests build on: a realistic one, and pieces to break it with. */
public final class Examples {
  private Examples() {}

  public static final ResultField<String> BACKUP_ID = ResultField.string("backupId");
  public static final ResultField<String> BACKUP_STATUS = ResultField.string("status");
  public static final ResultField<String> BACKUP_LOCATION = ResultField.string("location");
  public static final LambdaFunction PACHYDERM_BACKUP = LambdaFunction.named("pachyderm-backup").returns(BACKUP_ID);
  public static final LambdaFunction PACHYDERM_BACKUP_STATUS =
      LambdaFunction.named("pachyderm-backup-status").returns(BACKUP_STATUS, BACKUP_LOCATION);

  public static BackupStep snapshot() {
    return Step.backup("snapshot-database")
        .invoke(FerryTasks.snapshotCreate().dbInstanceIdentifier(param("dbInstanceIdentifier")))
        .pollUntil(self -> Poll.with(FerryTasks.snapshotStatus()
                .snapshotId(self.output(SnapshotCreate.SNAPSHOT_ID)).cluster(false))
            .until(Condition.equals(SnapshotStatus.STATUS, SnapshotState.AVAILABLE))
            .every(Duration.ofMinutes(1))
            .timeout(Duration.ofHours(48))
            .backoff(Backoff.doublingUpTo(Duration.ofMinutes(30))));
  }

  public static PauseStep pause() {
    return Step.pause("pause-writers")
        .invoke(FerryTasks.writersPause().writers(param("writers")))
        .compensatedBy(self -> Step.resume("resume-paused-writers")
            .invoke(FerryTasks.writersResume().paused(self.output(WritersPause.PAUSED))));
  }

  public static RollbackStep restore(Step snapshot) {
    return Step.rollback("restore-database")
        .pollUntil(Poll.with(FerryTasks.snapshotRestore()
                .snapshotId(snapshot.output(SnapshotCreate.SNAPSHOT_ID))
                .dbInstanceIdentifier(param("dbInstanceIdentifier")))
            .until(Condition.isTrue(SnapshotRestore.DONE))
            .every(Duration.ofMinutes(2))
            .timeout(Duration.ofHours(6)));
  }

  public static UpgradeStep upgrade(Step snapshot) {
    return Step.upgrade("apply-schema")
        .invoke(FerryTasks.schemaMigrate()
            .secretArn(param("secretArn"))
            .location("classpath:db/migration")
            .targetVersion(param("targetVersion")))
        .timeout(Duration.ofMinutes(30))
        .compensatedBy(restore(snapshot), UndoWhen.STARTED);
  }

  public static VerifyStep verify(Step baseline) {
    return Step.verify("verify-schema")
        .invoke(FerryTasks.schemaVerify()
            .secretArn(param("secretArn"))
            .expectedVersion(param("targetVersion"))
            .baseline(baseline.output(BaselineCapture.BASELINE)))
        .expect(Expect.isTrue(SchemaVerify.OK));
  }

  public static ResumeStep resume(PauseStep pause) {
    return Step.resume("resume-writers")
        .invoke(FerryTasks.writersResume().paused(pause.output(WritersPause.PAUSED)))
        .resumes(pause);
  }

  public static GuardStep guard() {
    return Step.guard("schema-upgrade-needed")
        .invoke(FerryTasks.schemaUpgradeNeeded().baseUrl(param("baseUrl")))
        .expect(Expect.isTrue(SchemaUpgradeNeeded.NEEDED));
  }

  public static BackupStep baseline() {
    return Step.backup("capture-baseline")
        .invoke(FerryTasks.baselineCapture().secretArn(param("secretArn")).tables(java.util.List.of("orders", "customers")));
  }

  /** The local demo's migration, with every kind of step. */
  public static Migration postgresSchemaUpgrade() {
    PauseStep pause = pause();
    BackupStep snapshot = snapshot();
    BackupStep baseline = baseline();
    return Migration.named("postgres-schema-upgrade")
        .description("Snapshot, pause writers, apply versioned SQL migrations, verify, resume; restore on failure")
        .parameter(Parameter.string("dbInstanceIdentifier").describedAs("the RDS instance"))
        .parameter(Parameter.string("secretArn").describedAs("Secrets Manager ARN of the database credentials"))
        .parameter(Parameter.string("baseUrl").defaultValue("http://localhost:8082"))
        .parameter(Parameter.string("targetVersion").defaultValue("3"))
        .parameter(Parameter.objectList("writers").describedAs("writers to pause"))
        .parameter(Parameter.number("pollIntervalSeconds").defaultValue(60))
        .step(guard())
        .step(snapshot)
        .step(baseline)
        .step(pause)
        .step(upgrade(snapshot))
        .step(verify(baseline))
        .step(resume(pause));
  }

  /** Every action and step kind: parallel branches, approval, SDK and DynamoDB calls, version hops. */
  public static Migration everyFeature() {
    VersionMatrix matrix = VersionMatrix.of(
        VersionMatrix.edge("1.0", "2.0"),
        VersionMatrix.edge("2.0", "3.0").requires("update-iam-role"));
    BackupStep extract = Step.backup("extract-backup")
        .invoke(PACHYDERM_BACKUP.call(Payload.of("cluster", param("cluster"))))
        .pollUntil(self -> Poll.with(PACHYDERM_BACKUP_STATUS.call(Payload.of("backupId", self.output(BACKUP_ID))))
            .until(Condition.equals(BACKUP_STATUS, "DONE")).every(Duration.ofSeconds(30)).timeout(Duration.ofHours(2)));
    BackupStep clone = Step.backup("clone-bucket")
        .invoke(AwsSdk.call("s3", "copyObject").parameters(Payload.of("Bucket", "new-bucket")
            .and("CopySource", Ref.format("{}/data", param("bucket"))).and("Key", "data")));
    BackupStep table = Step.backup("backup-state-table")
        .invoke(DynamoDb.putItem(Payload.of("TableName", "AuroraRestoreState")
            .and("Item", Payload.of("target", Payload.of("S", Ref.target())))));
    return Migration.named("every-feature")
        .parameter(Parameter.string("cluster"))
        .parameter(Parameter.string("bucket"))
        .parameter(Parameter.bool("dryRun").defaultValue(false))
        .parameter(Parameter.stringList("tables").defaultValue(java.util.List.of("a", "b")))
        .step(Step.backup("backup-all").inParallel(java.util.List.of(extract), java.util.List.of(clone, table)))
        .step(Step.upgrade("update-iam-role").invoke(LambdaFunction.named("iam-update").returnsNothing()
                .call(Payload.of("backup", extract.polled(BACKUP_LOCATION)).and("tables", java.util.List.of(param("cluster"), "x")))))
        .forEachHop(matrix, "1.0", "3.0", hop -> java.util.List.of(
            Step.upgrade(hop.stepId("update-code")).invoke(FerryTasks.lambdaVersionPublish()
                    .functionName("restore").alias(hop.to()).codeS3Bucket("code").codeS3Key(hop.to() + "/function.zip"))
                .compensatedBy(self -> Step.rollback(hop.stepId("rollback-code")).invoke(FerryTasks.lambdaAliasRollback()
                    .functionName("restore").alias(hop.to())
                    .previousVersion(self.output(LambdaVersionPublish.PREVIOUS_VERSION))))))
        .step(Step.verify("check-version").invoke(FerryTasks.httpCheck()
                .url("http://svc/version").field("version").versionAtLeast("2.0.2"))
            .expect(Expect.versionAtLeast(HttpCheck.ACTUAL, "2.0.2")).expect(Expect.isTrue(HttpCheck.OK)))
        .step(Step.approval("approve-disable", "Disable the old cluster?").timeout(Duration.ofHours(12)))
        .step(Step.upgrade("disable-old-cluster").invoke(LambdaFunction.named("disable").returnsNothing().call()).irreversible()
            .withoutBackup("the old cluster's data is in backup-all"))
        .step(Step.verify("verify-disabled").invoke(TestFunctions.fn("check").call()).expect(Expect.isTrue(TestFunctions.OK)));
  }
}
