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
}
