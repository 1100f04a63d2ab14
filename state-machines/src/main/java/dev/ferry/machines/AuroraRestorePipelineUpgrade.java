package dev.ferry.machines;

import static dev.ferry.dsl.Ref.param;

import dev.ferry.dsl.Action;
import dev.ferry.dsl.AwsSdk;
import dev.ferry.dsl.BackupStep;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.Expect;
import dev.ferry.dsl.GuardStep;
import dev.ferry.dsl.Hop;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.MigrationDefinition;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.Payload;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.RollbackStep;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.UndoWhen;
import dev.ferry.dsl.UpgradeStep;
import dev.ferry.dsl.VerifyStep;
import dev.ferry.dsl.VersionMatrix;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.tasks.BackupCreate;
import dev.ferry.dsl.tasks.BackupRestore;
import dev.ferry.dsl.tasks.BackupState;
import dev.ferry.dsl.tasks.BackupStatus;
import dev.ferry.dsl.tasks.FerryTasks;
import dev.ferry.dsl.tasks.LambdaVersionPublish;
import dev.ferry.dsl.tasks.NoOperationInProgress;
import java.time.Duration;
import java.util.List;

/**
 * Upgrades the Aurora Restore Pipeline from 1.0 to 3.0.
 *
 * <ol>
 *   <li>Check the pipeline's version: at 3.0 already (its tables in the 3.0 format and its alias
 *       running the 3.0 release), the run succeeds right after the lock with nothing to do.
 *   <li>Guard: no restore operation is in progress in {@code AuroraRestoreState}.
 *   <li>Back up, in parallel: {@code AuroraRestoreState}, {@code AuroraRestoreAudit} (DynamoDB
 *       backups, each waited for until available) and the stack's current template.
 *   <li>Grant the IAM permissions 3.0 needs (the 2.0 to 3.0 hop requires it).
 *   <li>For each hop of the compatibility matrix (1.0 to 2.0, then 2.0 to 3.0; there is no direct
 *       1.0 to 3.0 upgrade): publish the hop's Lambda code and move the alias, migrate the table
 *       schemas, migrate the state items.
 *   <li>Verify the pipeline reports version 3.0.
 * </ol>
 *
 * On failure: point the Lambda alias back for each hop whose code was published, restore both
 * tables from their backups once a table migration began, and remove the 3.0 permissions.
 */
public final class AuroraRestorePipelineUpgrade implements MigrationDefinition {
  static final String FROM = "1.0";
  static final String TO = "3.0";
  static final String GRANT_V3_PERMISSIONS = "grant-v3-permissions";

  static final VersionMatrix COMPATIBILITY = VersionMatrix.of(
      VersionMatrix.edge("1.0", "2.0"),
      VersionMatrix.edge("2.0", "3.0").requires(GRANT_V3_PERMISSIONS));

  static final ResultField<Boolean> OK = ResultField.bool("ok");
  static final ResultField<String> VERSION = ResultField.string("version");
  static final ResultField<Boolean> UP_TO_DATE = ResultField.bool("upToDate")
      .describedAs("the pipeline is at or past the target version");

  /** The pipeline's own Lambdas, shipped with each of its versions. */
  static final LambdaFunction SAVE_TEMPLATE = LambdaFunction.named("aurora-restore-pipeline-save-template")
      .describedAs("copies the stack's current template to the backup bucket")
      .returnsNothing();
  static final LambdaFunction MIGRATE_SCHEMA = LambdaFunction.named("aurora-restore-pipeline-migrate-schema")
      .describedAs("migrates the state and audit tables' schemas from one version to the next")
      .returnsNothing();
  static final LambdaFunction MIGRATE_STATE = LambdaFunction.named("aurora-restore-pipeline-migrate-state")
      .describedAs("migrates the state items from one version to the next")
      .returnsNothing();
  static final LambdaFunction VERIFY = LambdaFunction.named("aurora-restore-pipeline-verify")
      .describedAs("reports the version the pipeline's tables and code are at")
      .returns(OK, VERSION);
  static final LambdaFunction VERSION_OF = LambdaFunction.named("aurora-restore-pipeline-version")
      .describedAs("reports the version the pipeline is at: the lowest of its rows' format and the release its alias runs")
      .returns(VERSION, UP_TO_DATE);

  @Override
  public MigrationGraph graph() {
    // Only the whole pipeline at 3.0 is done: rows migrated under a 1.0 alias, or the reverse, still need the run.
    GuardStep pipelineVersion = Step.guard("check-pipeline-version")
        .invoke(VERSION_OF.call(Payload.of("stateTable", param("stateTable"))
            .and("auditTable", param("auditTable"))
            .and("functionName", param("functionName"))
            .and("alias", param("alias"))
            .and("targetVersion", TO)));

    GuardStep noOperationInProgress = Step.guard("check-no-operation-in-progress")
        .invoke(FerryTasks.noOperationInProgress()
            .tableName(param("stateTable"))
            .statusAttribute(param("statusAttribute"))
            .inProgressValues(param("inProgressValues")))
        .expect(Expect.isTrue(NoOperationInProgress.OK));

    BackupStep backUpState = tableBackup("back-up-state-table", "stateTable");
    BackupStep backUpAudit = tableBackup("back-up-audit-table", "auditTable");
    BackupStep backups = Step.backup("back-up-tables-and-template")
        .inParallel(
            List.of(backUpState),
            List.of(backUpAudit),
            List.of(Step.backup("back-up-template")
                .invoke(SAVE_TEMPLATE.call(Payload.of("stackName", param("stackName"))
                    .and("bucket", param("backupBucket"))
                    .withExecutionName()))));

    UpgradeStep grantV3Permissions = Step.upgrade(GRANT_V3_PERMISSIONS)
        .invoke(AwsSdk.call("iam", "putRolePolicy")
            .parameters(Payload.of("RoleName", param("pipelineRoleName"))
                .and("PolicyName", param("v3PolicyName"))
                .and("PolicyDocument", param("v3PolicyDocument"))))
        .compensatedBy(Step.rollback("remove-v3-permissions")
            .invoke(AwsSdk.call("iam", "deleteRolePolicy")
                .parameters(Payload.of("RoleName", param("pipelineRoleName"))
                    .and("PolicyName", param("v3PolicyName")))));

    VerifyStep verify = Step.verify("verify-pipeline-version")
        .invoke(VERIFY.call(Payload.of("stateTable", param("stateTable"))
            .and("auditTable", param("auditTable"))
            .and("expectedVersion", TO)))
        .expect(Expect.isTrue(OK))
        .expect(Expect.versionAtLeast(VERSION, TO));

    return Migration.named("aurora-restore-pipeline-upgrade")
        .description("Upgrade the Aurora Restore Pipeline 1.0 -> 2.0 -> 3.0: back up its tables and"
            + " template, publish each version's code and migrate its tables; roll back on failure")
        .parameter(Parameter.string("stateTable").describedAs("the pipeline's state table").defaultValue("AuroraRestoreState"))
        .parameter(Parameter.string("auditTable").describedAs("the pipeline's audit table").defaultValue("AuroraRestoreAudit"))
        .parameter(Parameter.string("statusAttribute").describedAs("the state table's status attribute").defaultValue("status"))
        .parameter(Parameter.stringList("inProgressValues").describedAs("statuses of an operation in progress")
            .defaultValue(List.of("IN_PROGRESS", "PENDING")))
        .parameter(Parameter.string("stackName").describedAs("the pipeline's CloudFormation stack").defaultValue("aurora-restore-pipeline"))
        .parameter(Parameter.string("backupBucket").describedAs("S3 bucket for the template backup"))
        .parameter(Parameter.string("functionName").describedAs("the pipeline's Lambda function"))
        .parameter(Parameter.string("alias").describedAs("the alias the pipeline invokes").defaultValue("live"))
        .parameter(Parameter.string("codeS3Bucket").describedAs("S3 bucket holding each version's code"))
        .parameter(Parameter.string("codeS3Prefix").describedAs("key prefix; code is at <prefix>/<version>/function.zip")
            .defaultValue("aurora-restore-pipeline"))
        .parameter(Parameter.string("pipelineRoleName").describedAs("the IAM role of the pipeline's functions"))
        .parameter(Parameter.string("v3PolicyName").describedAs("inline policy added for 3.0").defaultValue("aurora-restore-pipeline-v3"))
        .parameter(Parameter.string("v3PolicyDocument").describedAs("the 3.0 inline policy document (JSON text)"))
        .alreadyDoneWhen(pipelineVersion, Condition.isTrue(UP_TO_DATE))
        .step(noOperationInProgress)
        .step(backups)
        .step(grantV3Permissions)
        .forEachHop(COMPATIBILITY, FROM, TO, hop -> hopSteps(hop, backUpState, backUpAudit))
        .step(verify)
        .build();
  }

  private static BackupStep tableBackup(String id, String tableParameter) {
    return Step.backup(id)
        .invoke(FerryTasks.backupCreate().tableName(param(tableParameter)))
        .pollUntil(self -> Poll.with(FerryTasks.backupStatus().backupArn(self.output(BackupCreate.BACKUP_ARN)))
            .until(Condition.equals(BackupStatus.STATUS, BackupState.AVAILABLE))
            .every(Duration.ofSeconds(30))
            .timeout(Duration.ofHours(2)));
  }

  private static RollbackStep tableRestore(String id, BackupStep backup, String tableParameter) {
    return Step.rollback(id)
        .pollUntil(Poll.with(FerryTasks.backupRestore()
                .backupArn(backup.output(BackupCreate.BACKUP_ARN))
                .tableName(param(tableParameter)))
            .until(Condition.isTrue(BackupRestore.DONE))
            .every(Duration.ofMinutes(1))
            .timeout(Duration.ofHours(4)));
  }

  /**
   * One hop: publish its code, migrate the schemas, migrate the state. The first table migration
   * carries the table restores, so tables are restored exactly when a migration may have touched
   * them, and restored once (the backups predate every hop).
   */
  private static List<Step> hopSteps(Hop hop, BackupStep backUpState, BackupStep backUpAudit) {
    String publish = hop.stepId("publish-code");
    UpgradeStep publishCode = Step.upgrade(publish)
        .invoke(FerryTasks.lambdaVersionPublish()
            .functionName(param("functionName"))
            .alias(param("alias"))
            .codeS3Bucket(param("codeS3Bucket"))
            .codeS3Key(Ref.format("{}/" + hop.to() + "/function.zip", param("codeS3Prefix"))))
        .compensatedBy(self -> Step.rollback("revert-" + publish)
            .invoke(FerryTasks.lambdaAliasRollback()
                .functionName(param("functionName"))
                .alias(param("alias"))
                .previousVersion(self.output(LambdaVersionPublish.PREVIOUS_VERSION))));

    UpgradeStep migrateSchema = Step.upgrade(hop.stepId("migrate-schema"))
        .invoke(tableMigration(MIGRATE_SCHEMA, hop));
    if (hop.from().equals(FROM)) {
      migrateSchema = migrateSchema
          .compensatedBy(Step.rollback("restore-tables")
              .inParallel(
                  List.of(tableRestore("restore-state-table", backUpState, "stateTable")),
                  List.of(tableRestore("restore-audit-table", backUpAudit, "auditTable"))),
              UndoWhen.STARTED);
    }

    UpgradeStep migrateState = Step.upgrade(hop.stepId("migrate-state"))
        .invoke(tableMigration(MIGRATE_STATE, hop));
    return List.of(publishCode, migrateSchema, migrateState);
  }

  private static Action.LambdaInvoke tableMigration(LambdaFunction function, Hop hop) {
    return function.call(Payload.of("stateTable", param("stateTable"))
        .and("auditTable", param("auditTable"))
        .and("fromVersion", hop.from())
        .and("toVersion", hop.to()));
  }
}
