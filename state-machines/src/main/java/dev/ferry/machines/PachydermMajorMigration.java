package dev.ferry.machines;

import static dev.ferry.dsl.Ref.param;

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
import dev.ferry.dsl.graph.MigrationGraph;
import java.time.Duration;
import java.util.List;

/**
 * Moves Pachyderm to a new major version on a new cluster. The {@code pachyderm-*} functions are
 * the operator's own Lambdas wrapping {@code pachctl}.
 *
 * <ol>
 *   <li>Pause the old cluster's pipelines, then its data loading.
 *   <li>In parallel: extract a backup of the old cluster, clone its object-store bucket.
 *   <li>Restart the old cluster with a checkpoint: it serves again while the new one is built.
 *   <li>Deploy the new cluster on the cloned bucket, restore the backup into it, replay the
 *       transactional data written since the checkpoint.
 *   <li>Verify the new cluster.
 *   <li>Approval: an operator confirms the cut-over.
 *   <li>Disable the old cluster (irreversible), and confirm it is disabled.
 * </ol>
 *
 * On failure: resume what was paused on the old cluster. The new cluster is left in place for
 * inspection (a later failure, after the old cluster is disabled, must not remove it).
 */
public final class PachydermMajorMigration implements MigrationDefinition {

  @Override
  public MigrationGraph graph() {
    Step pausePipelines = Step.pause("pause-pipelines")
        .invoke(Lambda.function("pachyderm-pause-pipelines").payload(Payload.of("cluster", param("oldCluster"))))
        .compensatedBy(Step.resume("resume-paused-pipelines")
            .invoke(Lambda.function("pachyderm-resume-pipelines")
                .payload(Payload.of("cluster", param("oldCluster"))
                    .and("paused", Ref.output("pause-pipelines", "paused")))));

    Step pauseLoading = Step.pause("pause-data-loading")
        .invoke(Lambda.function("pachyderm-pause-data-loading").payload(Payload.of("cluster", param("oldCluster"))))
        .compensatedBy(Step.resume("resume-paused-data-loading")
            .invoke(Lambda.function("pachyderm-resume-data-loading")
                .payload(Payload.of("cluster", param("oldCluster"))
                    .and("paused", Ref.output("pause-data-loading", "paused")))));

    Step extractBackup = Step.backup("extract-backup")
        .invoke(Lambda.function("pachyderm-extract-backup")
            .payload(Payload.of("cluster", param("oldCluster"))
                .and("bucket", param("backupBucket"))
                .withExecutionName()))
        .pollUntil(Poll.with(Lambda.function("pachyderm-backup-status")
                .payload(Payload.of("backupId", Ref.output("extract-backup", "backupId"))))
            .until(Condition.equals("status", "complete"))
            .every(Duration.ofMinutes(1))
            .timeout(Duration.ofHours(8)));

    Step cloneBucket = Step.backup("clone-object-store")
        .invoke(Lambda.function("pachyderm-clone-bucket")
            .payload(Payload.of("sourceBucket", param("objectStoreBucket"))
                .and("targetBucket", param("newObjectStoreBucket"))
                .withExecutionName()))
        .pollUntil(Poll.with(Lambda.function("pachyderm-clone-status")
                .payload(Payload.of("cloneId", Ref.output("clone-object-store", "cloneId"))))
            .until(Condition.isTrue("done"))
            .every(Duration.ofMinutes(2))
            .timeout(Duration.ofHours(24)));

    Step backupAndClone = Step.backup("back-up-and-clone").inParallel(List.of(extractBackup), List.of(cloneBucket));

    // Ends both pauses: the old cluster serves again, and the checkpoint marks what to replay.
    Step restartOld = Step.resume("restart-old-cluster")
        .invoke(Lambda.function("pachyderm-restart-with-checkpoint")
            .payload(Payload.of("cluster", param("oldCluster")).withExecutionName()));

    Step deployNew = Step.upgrade("deploy-new-cluster")
        .invoke(Lambda.function("pachyderm-deploy-cluster")
            .payload(Payload.of("cluster", param("newCluster"))
                .and("version", param("targetVersion"))
                .and("bucket", param("newObjectStoreBucket"))
                .withExecutionName()))
        .pollUntil(Poll.with(Lambda.function("pachyderm-cluster-status")
                .payload(Payload.of("cluster", param("newCluster"))))
            .until(Condition.equals("status", "ready"))
            .every(Duration.ofMinutes(1))
            .timeout(Duration.ofHours(2)));

    Step restoreNew = Step.upgrade("restore-into-new-cluster")
        .invoke(Lambda.function("pachyderm-restore-backup")
            .payload(Payload.of("cluster", param("newCluster"))
                .and("backupId", extractBackup.output("backupId"))
                .withExecutionName()))
        .pollUntil(Poll.with(Lambda.function("pachyderm-restore-status")
                .payload(Payload.of("restoreId", Ref.output("restore-into-new-cluster", "restoreId"))))
            .until(Condition.isTrue("done"))
            .every(Duration.ofMinutes(1))
            .timeout(Duration.ofHours(8)));

    Step replay = Step.upgrade("replay-from-checkpoint")
        .invoke(Lambda.function("pachyderm-replay-transactions")
            .payload(Payload.of("sourceCluster", param("oldCluster"))
                .and("targetCluster", param("newCluster"))
                .and("checkpoint", restartOld.output("checkpoint"))))
        .timeout(Duration.ofMinutes(15));

    Step verifyNew = Step.verify("verify-new-cluster")
        .invoke(Lambda.function("pachyderm-verify-cluster")
            .payload(Payload.of("cluster", param("newCluster")).and("expectedVersion", param("targetVersion"))))
        .expect(Expect.isTrue("ok"))
        .expect(Expect.versionAtLeast("version", "2.0"));

    Step approve = Step.approval("approve-cutover",
        "The new Pachyderm cluster passed verification. Approve to disable the old cluster; this cannot be undone.");

    Step disableOld = Step.upgrade("disable-old-cluster")
        .invoke(Lambda.function("pachyderm-disable-cluster").payload(Payload.of("cluster", param("oldCluster"))))
        .irreversible();

    Step confirmDisabled = Step.verify("confirm-old-cluster-disabled")
        .invoke(Lambda.function("pachyderm-cluster-status").payload(Payload.of("cluster", param("oldCluster"))))
        .expect(Expect.equalTo("status", "disabled"));

    return Migration.named("pachyderm-major-migration")
        .description("Move Pachyderm to a new major version on a new cluster: pause, back up and clone,"
            + " restart the old cluster with a checkpoint, deploy, restore, replay, verify, approve, disable the old")
        .parameter(Parameter.string("oldCluster").describedAs("the cluster being replaced"))
        .parameter(Parameter.string("newCluster").describedAs("the cluster to create"))
        .parameter(Parameter.string("targetVersion").describedAs("the Pachyderm version of the new cluster"))
        .parameter(Parameter.string("objectStoreBucket").describedAs("the old cluster's object-store bucket"))
        .parameter(Parameter.string("newObjectStoreBucket").describedAs("the bucket to clone it into for the new cluster"))
        .parameter(Parameter.string("backupBucket").describedAs("where the extracted backup is written"))
        .step(pausePipelines)
        .step(pauseLoading)
        .step(backupAndClone)
        .step(restartOld)
        .step(deployNew)
        .step(restoreNew)
        .step(replay)
        .step(verifyNew)
        .step(approve)
        .step(disableOld)
        .step(confirmDisabled)
        .build();
  }
}
