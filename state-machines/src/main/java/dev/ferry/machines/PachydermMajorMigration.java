package dev.ferry.machines;

import static dev.ferry.dsl.Ref.param;

import dev.ferry.dsl.ApprovalStep;
import dev.ferry.dsl.BackupStep;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.Expect;
import dev.ferry.dsl.GuardStep;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.MigrationDefinition;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.Payload;
import dev.ferry.dsl.PauseStep;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.ResumeStep;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.UpgradeStep;
import dev.ferry.dsl.VerifyStep;
import dev.ferry.dsl.graph.MigrationGraph;
import java.time.Duration;
import java.util.List;

/**
 * Moves Pachyderm to a new major version on a new cluster. The {@code pachyderm-*} functions are
 * the operator's own Lambdas wrapping {@code pachctl}.
 *
 * <ol>
 *   <li>Check whether the move is done: the new cluster serves the target version and the old one
 *       is disabled (the runbook's last step, confirmed). Then the run succeeds right after the lock
 *       with nothing to do. A new cluster at the target version beside an old one still serving (a
 *       rejected or failed run leaves the new cluster in place) is not done: the cut-over is still
 *       to come, so the run migrates.
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
  static final ResultField<Object> PAUSED = ResultField.object("paused")
      .describedAs("what was paused, for the resume to put back");
  static final ResultField<String> BACKUP_ID = ResultField.string("backupId");
  static final ResultField<String> CLONE_ID = ResultField.string("cloneId");
  static final ResultField<String> RESTORE_ID = ResultField.string("restoreId");
  static final ResultField<String> CHECKPOINT = ResultField.string("checkpoint")
      .describedAs("where the old cluster's transactional data resumed, for the replay");
  static final ResultField<String> STATUS = ResultField.string("status");
  static final ResultField<Boolean> DONE = ResultField.bool("done");
  static final ResultField<Boolean> OK = ResultField.bool("ok");
  static final ResultField<String> VERSION = ResultField.string("version");
  static final ResultField<Boolean> MIGRATED = ResultField.bool("migrated")
      .describedAs("the new cluster serves the target version and the old one is disabled");

  static final LambdaFunction PAUSE_PIPELINES = LambdaFunction.named("pachyderm-pause-pipelines").returns(PAUSED);
  static final LambdaFunction RESUME_PIPELINES = LambdaFunction.named("pachyderm-resume-pipelines").returnsNothing();
  static final LambdaFunction PAUSE_DATA_LOADING = LambdaFunction.named("pachyderm-pause-data-loading").returns(PAUSED);
  static final LambdaFunction RESUME_DATA_LOADING = LambdaFunction.named("pachyderm-resume-data-loading").returnsNothing();
  static final LambdaFunction EXTRACT_BACKUP = LambdaFunction.named("pachyderm-extract-backup").returns(BACKUP_ID);
  static final LambdaFunction BACKUP_STATUS = LambdaFunction.named("pachyderm-backup-status").returns(STATUS);
  static final LambdaFunction CLONE_BUCKET = LambdaFunction.named("pachyderm-clone-bucket").returns(CLONE_ID);
  static final LambdaFunction CLONE_STATUS = LambdaFunction.named("pachyderm-clone-status").returns(DONE);
  static final LambdaFunction RESTART_WITH_CHECKPOINT = LambdaFunction.named("pachyderm-restart-with-checkpoint").returns(CHECKPOINT);
  static final LambdaFunction DEPLOY_CLUSTER = LambdaFunction.named("pachyderm-deploy-cluster").returnsNothing();
  static final LambdaFunction CLUSTER_STATUS = LambdaFunction.named("pachyderm-cluster-status").returns(STATUS);
  static final LambdaFunction RESTORE_BACKUP = LambdaFunction.named("pachyderm-restore-backup").returns(RESTORE_ID);
  static final LambdaFunction RESTORE_STATUS = LambdaFunction.named("pachyderm-restore-status").returns(DONE);
  static final LambdaFunction REPLAY_TRANSACTIONS = LambdaFunction.named("pachyderm-replay-transactions").returnsNothing();
  static final LambdaFunction VERIFY_CLUSTER = LambdaFunction.named("pachyderm-verify-cluster").returns(OK, VERSION);
  static final LambdaFunction DISABLE_CLUSTER = LambdaFunction.named("pachyderm-disable-cluster").returnsNothing();
  static final LambdaFunction CUTOVER_STATUS = LambdaFunction.named("pachyderm-cutover-status")
      .describedAs("reads both clusters: whether the new one serves the target version and the old one is disabled")
      .returns(MIGRATED);

  @Override
  public MigrationGraph graph() {
    GuardStep cutoverDone = Step.guard("check-cutover-done")
        .invoke(CUTOVER_STATUS.call(Payload.of("oldCluster", param("oldCluster"))
            .and("newCluster", param("newCluster"))
            .and("targetVersion", param("targetVersion"))));

    PauseStep pausePipelines = Step.pause("pause-pipelines")
        .invoke(PAUSE_PIPELINES.call(Payload.of("cluster", param("oldCluster"))))
        .compensatedBy(self -> Step.resume("resume-paused-pipelines")
            .invoke(RESUME_PIPELINES.call(Payload.of("cluster", param("oldCluster"))
                .and("paused", self.output(PAUSED)))));

    PauseStep pauseLoading = Step.pause("pause-data-loading")
        .invoke(PAUSE_DATA_LOADING.call(Payload.of("cluster", param("oldCluster"))))
        .compensatedBy(self -> Step.resume("resume-paused-data-loading")
            .invoke(RESUME_DATA_LOADING.call(Payload.of("cluster", param("oldCluster"))
                .and("paused", self.output(PAUSED)))));

    BackupStep extractBackup = Step.backup("extract-backup")
        .invoke(EXTRACT_BACKUP.call(Payload.of("cluster", param("oldCluster"))
            .and("bucket", param("backupBucket"))
            .withExecutionName()))
        .pollUntil(self -> Poll.with(BACKUP_STATUS.call(Payload.of("backupId", self.output(BACKUP_ID))))
            .until(Condition.equals(STATUS, "complete"))
            .every(Duration.ofMinutes(1))
            .timeout(Duration.ofHours(8)));

    BackupStep cloneBucket = Step.backup("clone-object-store")
        .invoke(CLONE_BUCKET.call(Payload.of("sourceBucket", param("objectStoreBucket"))
            .and("targetBucket", param("newObjectStoreBucket"))
            .withExecutionName()))
        .pollUntil(self -> Poll.with(CLONE_STATUS.call(Payload.of("cloneId", self.output(CLONE_ID))))
            .until(Condition.isTrue(DONE))
            .every(Duration.ofMinutes(2))
            .timeout(Duration.ofHours(24)));

    BackupStep backupAndClone = Step.backup("back-up-and-clone").inParallel(List.of(extractBackup), List.of(cloneBucket));

    // Ends both pauses: the old cluster serves again, and the checkpoint marks what to replay.
    ResumeStep restartOld = Step.resume("restart-old-cluster")
        .invoke(RESTART_WITH_CHECKPOINT.call(Payload.of("cluster", param("oldCluster")).withExecutionName()));

    UpgradeStep deployNew = Step.upgrade("deploy-new-cluster")
        .invoke(DEPLOY_CLUSTER.call(Payload.of("cluster", param("newCluster"))
            .and("version", param("targetVersion"))
            .and("bucket", param("newObjectStoreBucket"))
            .withExecutionName()))
        .pollUntil(Poll.with(CLUSTER_STATUS.call(Payload.of("cluster", param("newCluster"))))
            .until(Condition.equals(STATUS, "ready"))
            .every(Duration.ofMinutes(1))
            .timeout(Duration.ofHours(2)));

    UpgradeStep restoreNew = Step.upgrade("restore-into-new-cluster")
        .invoke(RESTORE_BACKUP.call(Payload.of("cluster", param("newCluster"))
            .and("backupId", extractBackup.output(BACKUP_ID))
            .withExecutionName()))
        .pollUntil(self -> Poll.with(RESTORE_STATUS.call(Payload.of("restoreId", self.output(RESTORE_ID))))
            .until(Condition.isTrue(DONE))
            .every(Duration.ofMinutes(1))
            .timeout(Duration.ofHours(8)));

    UpgradeStep replay = Step.upgrade("replay-from-checkpoint")
        .invoke(REPLAY_TRANSACTIONS.call(Payload.of("sourceCluster", param("oldCluster"))
            .and("targetCluster", param("newCluster"))
            .and("checkpoint", restartOld.output(CHECKPOINT))))
        .timeout(Duration.ofMinutes(15));

    VerifyStep verifyNew = Step.verify("verify-new-cluster")
        .invoke(VERIFY_CLUSTER.call(Payload.of("cluster", param("newCluster")).and("expectedVersion", param("targetVersion"))))
        .expect(Expect.isTrue(OK))
        .expect(Expect.versionAtLeast(VERSION, "2.0"));

    ApprovalStep approve = Step.approval("approve-cutover",
        "The new Pachyderm cluster passed verification. Approve to disable the old cluster; this cannot be undone.");

    UpgradeStep disableOld = Step.upgrade("disable-old-cluster")
        .invoke(DISABLE_CLUSTER.call(Payload.of("cluster", param("oldCluster"))))
        .irreversible();

    VerifyStep confirmDisabled = Step.verify("confirm-old-cluster-disabled")
        .invoke(CLUSTER_STATUS.call(Payload.of("cluster", param("oldCluster"))))
        .expect(Expect.equalTo(STATUS, "disabled"));

    return Migration.named("pachyderm-major-migration")
        .description("Move Pachyderm to a new major version on a new cluster: pause, back up and clone,"
            + " restart the old cluster with a checkpoint, deploy, restore, replay, verify, approve, disable the old")
        .parameter(Parameter.string("oldCluster").describedAs("the cluster being replaced"))
        .parameter(Parameter.string("newCluster").describedAs("the cluster to create"))
        .parameter(Parameter.string("targetVersion").describedAs("the Pachyderm version of the new cluster"))
        .parameter(Parameter.string("objectStoreBucket").describedAs("the old cluster's object-store bucket"))
        .parameter(Parameter.string("newObjectStoreBucket").describedAs("the bucket to clone it into for the new cluster"))
        .parameter(Parameter.string("backupBucket").describedAs("where the extracted backup is written"))
        .alreadyDoneWhen(cutoverDone, Condition.isTrue(MIGRATED))
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
