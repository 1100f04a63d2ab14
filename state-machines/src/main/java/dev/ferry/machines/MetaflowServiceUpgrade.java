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
 *   <li>Guard: the migration service says an upgrade is needed; when it is not, the run succeeds right
 *       after the lock with nothing to do, changing nothing.
 *   <li>Snapshot the RDS database and wait until the snapshot is available.
 *   <li>Pause the metadata service (its ECS service is scaled to zero, its prior count recorded).
 *   <li>Upgrade: invoke the {@code ExecuteDBMigration} Lambda; the final status must be up to date.
 *   <li>Resume: restart the metadata service.
 *   <li>Verify: {@code GET /version} reports at least 2.0.2.
 * </ol>
 *
 * On failure: restore the snapshot if the upgrade began, then resume what was paused.
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
            .payload(Payload.of("baseUrl", param("migrationServiceUrl"))));

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
            .payload(Payload.of("url", Ref.format("{}/version", param("serviceUrl")))
                .and("field", "version")
                .and("versionAtLeast", param("minimumVersion"))))
        .expect(Expect.isTrue("ok"));

    return Migration.named("metaflow-service-upgrade")
        .description("Upgrade the Metaflow metadata database: snapshot, pause the service, run"
            + " ExecuteDBMigration, restart, check GET /version; restore the snapshot on failure")
        .parameter(Parameter.string("dbInstanceIdentifier").describedAs("the metadata service's RDS instance"))
        .parameter(Parameter.string("migrationServiceUrl").describedAs("the migration service, e.g. http://metadata:8082"))
        .parameter(Parameter.string("serviceUrl").describedAs("the metadata service, e.g. http://metadata:8080"))
        .parameter(Parameter.object("service").describedAs("the metadata service's ECS service: {type: ecs, name, cluster}"))
        .parameter(Parameter.string("minimumVersion").describedAs("the lowest acceptable GET /version").defaultValue("2.0.2"))
        .alreadyDoneWhen(upgradeNeeded, Condition.equals("needed", false))
        .step(snapshot)
        .step(pauseService)
        .step(upgradeSchema)
        .step(restartService)
        .step(verifyVersion)
        .build();
  }
}
