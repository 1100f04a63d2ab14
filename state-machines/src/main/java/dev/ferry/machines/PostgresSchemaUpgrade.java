package dev.ferry.machines;

import static dev.ferry.dsl.Ref.param;

import dev.ferry.dsl.Backoff;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.Expect;
import dev.ferry.dsl.Lambda;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.MigrationDefinition;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.Payload;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.StepOutput;
import dev.ferry.dsl.graph.MigrationGraph;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The local demo's runbook: apply versioned SQL migrations to a PostgreSQL database with a
 * snapshot to fall back on.
 *
 * <ol>
 *   <li>Check the schema version: at the target version already, the run succeeds doing nothing.
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
    StepOutput snapshotId = Ref.output("snapshot-database", "snapshotId");
    StepOutput paused = Ref.output("pause-writers", "paused");

    Step snapshot = Step.backup("snapshot-database")
        .invoke(Lambda.function("ferry-db-snapshot-create")
            .payload(Payload.of("dbInstanceIdentifier", param("dbInstanceIdentifier")).withExecutionName()))
        .pollUntil(Poll.with(Lambda.function("ferry-db-snapshot-status")
                .payload(Payload.of("snapshotId", snapshotId).and("cluster", false)))
            .until(Condition.equals("status", "available"))
            .every(Duration.ofSeconds(30))
            .timeout(Duration.ofHours(12))
            .backoff(Backoff.doublingUpTo(Duration.ofMinutes(10))));

    Step pauseWriters = Step.pause("pause-writers")
        .invoke(Lambda.function("ferry-writers-pause").payload(Payload.of("writers", param("writers"))))
        .compensatedBy(Step.resume("resume-paused-writers")
            .invoke(Lambda.function("ferry-writers-resume")
                .payload(Payload.of("paused", paused))));

    Step baseline = Step.backup("capture-baseline")
        .invoke(Lambda.function("ferry-baseline-capture")
            .payload(Payload.of("secretArn", param("secretArn")).and("tables", param("tables"))));

    Step restore = Step.rollback("restore-snapshot")
        .pollUntil(Poll.with(Lambda.function("ferry-db-snapshot-restore")
                .payload(Payload.of("snapshotId", snapshotId)
                    .and("dbInstanceIdentifier", param("dbInstanceIdentifier"))
                    .withExecutionName()))
            .until(Condition.isTrue("done"))
            .every(Duration.ofSeconds(30))
            .timeout(Duration.ofHours(6))
            .backoff(Backoff.doublingUpTo(Duration.ofMinutes(5))));

    Step applySchema = Step.upgrade("apply-schema-migrations")
        .invoke(Lambda.function("ferry-schema-migrate")
            .payload(Payload.of("secretArn", param("secretArn"))
                .and("location", param("location"))
                .and("targetVersion", param("targetVersion"))))
        .timeout(Duration.ofMinutes(30))
        .compensatedBy(restore)
        .compensateOwnFailure();

    Step verify = Step.verify("verify-schema")
        .invoke(Lambda.function("ferry-schema-verify")
            .payload(Payload.of("secretArn", param("secretArn"))
                .and("expectedVersion", param("targetVersion"))
                .and("tables", param("expectedColumns"))
                .and("baseline", baseline.output("baseline"))))
        .expect(Expect.isTrue("ok"));

    Step schemaVersion = Step.guard("check-schema-version")
        .invoke(Lambda.function("ferry-schema-version")
            .payload(Payload.of("secretArn", param("secretArn"))
                .and("location", param("location"))
                .and("targetVersion", param("targetVersion"))));

    Step resumeWriters = Step.resume("resume-writers")
        .invoke(Lambda.function("ferry-writers-resume").payload(Payload.of("paused", paused)))
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
        .alreadyDoneWhen(schemaVersion, Condition.isTrue("upToDate"))
        .step(pauseWriters)
        .step(snapshot)
        .step(baseline)
        .step(applySchema)
        .step(verify)
        .step(resumeWriters)
        .build();
  }

}
