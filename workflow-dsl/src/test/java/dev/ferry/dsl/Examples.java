package dev.ferry.dsl;

import static dev.ferry.dsl.Ref.param;

import java.time.Duration;

/** Migrations the tests build on: a realistic one, and pieces to break it with. */
public final class Examples {
  private Examples() {}

  public static Step snapshot() {
    return Step.backup("snapshot-database")
        .invoke(Lambda.function("ferry-db-snapshot-create")
            .payload(Payload.of("dbInstanceIdentifier", param("dbInstanceIdentifier")).withExecutionName()))
        .pollUntil(Poll.with(Lambda.function("ferry-db-snapshot-status")
                .payload(Payload.of("snapshotId", Ref.output("snapshot-database", "snapshotId")).and("cluster", false)))
            .until(Condition.equals("status", "available"))
            .every(Duration.ofMinutes(1))
            .timeout(Duration.ofHours(48))
            .backoff(Backoff.doublingUpTo(Duration.ofMinutes(30))));
  }

  public static Step pause() {
    return Step.pause("pause-writers")
        .invoke(Lambda.function("ferry-writers-pause").payload(Payload.of("writers", param("writers"))))
        .compensatedBy(resumePaused());
  }

  public static Step resumePaused() {
    return Step.resume("resume-paused-writers")
        .invoke(Lambda.function("ferry-writers-resume")
            .payload(Payload.of("paused", Ref.output("pause-writers", "paused"))));
  }

  public static Step restore() {
    return Step.rollback("restore-database")
        .pollUntil(Poll.with(Lambda.function("ferry-db-snapshot-restore")
                .payload(Payload.of("snapshotId", Ref.output("snapshot-database", "snapshotId"))
                    .and("dbInstanceIdentifier", param("dbInstanceIdentifier"))
                    .withExecutionName()))
            .until(Condition.isTrue("done"))
            .every(Duration.ofMinutes(2))
            .timeout(Duration.ofHours(6)));
  }

  public static Step upgrade() {
    return Step.upgrade("apply-schema")
        .invoke(Lambda.function("ferry-schema-migrate")
            .payload(Payload.of("secretArn", param("secretArn"))
                .and("location", "classpath:db/migration")
                .and("targetVersion", param("targetVersion"))))
        .timeout(Duration.ofMinutes(30))
        .compensatedBy(restore())
        .compensateOwnFailure();
  }

  public static Step verify() {
    return Step.verify("verify-schema")
        .invoke(Lambda.function("ferry-schema-verify")
            .payload(Payload.of("secretArn", param("secretArn"))
                .and("expectedVersion", param("targetVersion"))
                .and("baseline", Ref.output("capture-baseline", "baseline"))))
        .expect(Expect.isTrue("ok"));
  }

  public static Step resume(Step pause) {
    return Step.resume("resume-writers")
        .invoke(Lambda.function("ferry-writers-resume")
            .payload(Payload.of("paused", Ref.output("pause-writers", "paused"))))
        .resumes(pause);
  }

  public static Step guard() {
    return Step.guard("schema-upgrade-needed")
        .invoke(Lambda.function("ferry-guard-schema-upgrade-needed").payload(Payload.of("baseUrl", param("baseUrl"))))
        .expect(Expect.isTrue("needed"));
  }

  public static Step baseline() {
    return Step.backup("capture-baseline")
        .invoke(Lambda.function("ferry-baseline-capture")
            .payload(Payload.of("secretArn", param("secretArn")).and("tables", java.util.List.of("orders", "customers"))));
  }

  /** The local demo's migration, with every kind of step. */
  public static Migration postgresSchemaUpgrade() {
    Step pause = pause();
    return Migration.named("postgres-schema-upgrade")
        .description("Snapshot, pause writers, apply versioned SQL migrations, verify, resume; restore on failure")
        .parameter(Parameter.string("dbInstanceIdentifier").describedAs("the RDS instance"))
        .parameter(Parameter.string("secretArn").describedAs("Secrets Manager ARN of the database credentials"))
        .parameter(Parameter.string("baseUrl").defaultValue("http://localhost:8082"))
        .parameter(Parameter.string("targetVersion").defaultValue("3"))
        .parameter(Parameter.object("writers").describedAs("writers to pause"))
        .parameter(Parameter.number("pollIntervalSeconds").defaultValue(60))
        .step(guard())
        .step(snapshot())
        .step(baseline())
        .step(pause)
        .step(upgrade())
        .step(verify())
        .step(resume(pause));
  }

  /** Every action and step kind: parallel branches, approval, SDK and DynamoDB calls, version hops. */
  public static Migration everyFeature() {
    VersionMatrix matrix = VersionMatrix.of(
        VersionMatrix.edge("1.0", "2.0"),
        VersionMatrix.edge("2.0", "3.0").requires("update-iam-role"));
    Step extract = Step.backup("extract-backup")
        .invoke(Lambda.function("pachyderm-backup").payload(Payload.of("cluster", param("cluster"))))
        .pollUntil(Poll.with(Lambda.function("pachyderm-backup-status")
                .payload(Payload.of("backupId", Ref.output("extract-backup", "backupId"))))
            .until(Condition.equals("status", "DONE")).every(Duration.ofSeconds(30)).timeout(Duration.ofHours(2)));
    Step clone = Step.backup("clone-bucket")
        .invoke(AwsSdk.call("s3", "copyObject").parameters(Payload.of("Bucket", "new-bucket")
            .and("CopySource", Ref.format("{}/data", param("bucket"))).and("Key", "data")));
    Step table = Step.backup("backup-state-table")
        .invoke(DynamoDb.putItem(Payload.of("TableName", "AuroraRestoreState")
            .and("Item", Payload.of("target", Payload.of("S", Ref.target())))));
    return Migration.named("every-feature")
        .parameter(Parameter.string("cluster"))
        .parameter(Parameter.string("bucket"))
        .parameter(Parameter.bool("dryRun").defaultValue(false))
        .parameter(Parameter.stringList("tables").defaultValue(java.util.List.of("a", "b")))
        .step(Step.backup("backup-all").inParallel(java.util.List.of(extract), java.util.List.of(clone, table)))
        .step(Step.upgrade("update-iam-role").invoke(Lambda.function("iam-update")
                .payload(Payload.of("backup", extract.polled("location")).and("tables", java.util.List.of(param("cluster"), "x")))))
        .forEachHop(matrix, "1.0", "3.0", hop -> java.util.List.of(
            Step.upgrade(hop.stepId("update-code")).invoke(Lambda.function("ferry-lambda-version-publish")
                    .payload(Payload.of("functionName", "restore").and("alias", hop.to()).withExecutionName()))
                .compensatedBy(Step.rollback(hop.stepId("rollback-code")).invoke(Lambda.function("ferry-lambda-alias-rollback")
                    .payload(Payload.of("previousVersion", Ref.output(hop.stepId("update-code"), "previousVersion")))))))
        .step(Step.verify("check-version").invoke(Lambda.function("ferry-http-check")
                .payload(Payload.of("url", "http://svc/version")))
            .expect(Expect.versionAtLeast("actual", "2.0.2")).expect(Expect.equalTo("field", "version")))
        .step(Step.approval("approve-disable", "Disable the old cluster?").timeout(Duration.ofHours(12)))
        .step(Step.upgrade("disable-old-cluster").invoke(Lambda.function("disable")).irreversible()
            .withoutBackup("the old cluster's data is in backup-all"))
        .step(Step.verify("verify-disabled").invoke(Lambda.function("check")).expect(Expect.isTrue("ok")));
  }
}
