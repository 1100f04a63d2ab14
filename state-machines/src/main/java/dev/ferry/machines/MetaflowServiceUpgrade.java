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
  /** The Lambda Metaflow's CloudFormation stack installs to run the migration service's upgrade. */
  private static final String UPGRADE_FUNCTION = "ExecuteDBMigration";

  @Override
  public MigrationGraph graph() {
    StepOutput snapshotId = Ref.output("snapshot-database", "snapshotId");
    StepOutput paused = Ref.output("pause-service", "paused");

    Step upgradeNeeded = Step.guard("check-upgrade-needed")
        .invoke(Lambda.function("ferry-guard-schema-upgrade-needed")
            .payload(Payload.of("baseUrl", param("migrationServiceUrl"))))
        .expect(Expect.isTrue("needed"));

    Step snapshot = Step.backup("snapshot-database")
        .invoke(Lambda.function("ferry-db-snapshot-create")
            .payload(Payload.of("dbInstanceIdentifier", param("dbInstanceIdentifier")).withExecutionName()))
        .pollUntil(Poll.with(Lambda.function("ferry-db-snapshot-status")
                .payload(Payload.of("snapshotId", snapshotId).and("cluster", false)))
            .until(Condition.equals("status", "available"))
            .every(Duration.ofMinutes(1))
            .timeout(Duration.ofHours(24))
            .backoff(Backoff.doublingUpTo(Duration.ofMinutes(15))));

    Step pauseService = Step.pause("pause-service")
        .invoke(Lambda.function("ferry-writers-pause").payload(Payload.of("writers", List.of(param("service")))))
        .compensatedBy(Step.resume("resume-paused-service")
            .invoke(Lambda.function("ferry-writers-resume").payload(Payload.of("paused", paused))));

    Step restoreSnapshot = Step.rollback("restore-snapshot")
        .pollUntil(Poll.with(Lambda.function("ferry-db-snapshot-restore")
                .payload(Payload.of("snapshotId", snapshotId)
                    .and("dbInstanceIdentifier", param("dbInstanceIdentifier"))
                    .withExecutionName()))
            .until(Condition.isTrue("done"))
            .every(Duration.ofMinutes(1))
            .timeout(Duration.ofHours(6))
            .backoff(Backoff.doublingUpTo(Duration.ofMinutes(10))));

    Step upgradeSchema = Step.upgrade("upgrade-database-schema")
        .invoke(Lambda.function(UPGRADE_FUNCTION))
        .expect(Expect.isTrue("final-status.is_up_to_date"))
        .timeout(Duration.ofMinutes(15))
        .compensatedBy(restoreSnapshot)
        .compensateOwnFailure();

    Step restartService = Step.resume("restart-service")
        .invoke(Lambda.function("ferry-writers-resume").payload(Payload.of("paused", paused)))
        .resumes(pauseService);

    Step verifyVersion = Step.verify("verify-service-version")
        .invoke(Lambda.function("ferry-http-check")
            .payload(Payload.of("url", Ref.format("{}/version", param("migrationServiceUrl")))
                .and("field", "version")
                .and("versionAtLeast", param("minimumVersion"))))
        .expect(Expect.isTrue("ok"));

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
