package dev.ferry.dsl.validate;

import static dev.ferry.dsl.Ref.param;
import static dev.ferry.dsl.TestFunctions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.dsl.BackupStep;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.Expect;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.PauseStep;
import dev.ferry.dsl.Payload;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.UndoWhen;
import dev.ferry.dsl.UpgradeStep;
import dev.ferry.dsl.VerifyStep;
import dev.ferry.dsl.VersionMatrix;
import dev.ferry.dsl.compile.Compiler;
import dev.ferry.dsl.tasks.BackupCreate;
import dev.ferry.dsl.tasks.FerryTasks;
import dev.ferry.dsl.tasks.SchemaUpgradeNeeded;
import dev.ferry.dsl.tasks.SchemaVerify;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Thirty-odd distinct malformed migration programs: each fails to compile, and the error names the
 * offending step and the rule it breaks, in the words an operator reads.
 */
class MalformedProgramsTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void failsToCompileNamingTheStepAndTheRule(String description, Supplier<Migration> program, String stepId, Rule rule) {
    MigrationValidationException e = catchThrowableOfType(MigrationValidationException.class,
        () -> Compiler.compile(program.get().build()));

    assertThat(e).as(description + " compiled").isNotNull();
    assertThat(e.violations()).as(description).anySatisfy(v -> {
      assertThat(v.subject()).isEqualTo("step '" + stepId + "'");
      assertThat(v.rule()).isEqualTo(rule);
    });
    assertThat(e.getMessage()).contains("step '" + stepId + "': " + rule.words());
  }

  static Stream<Arguments> programs() {
    return Stream.of(
        // backups before upgrades
        program("upgrade with no backup at all", () -> migration(upgrade(), verify()),
            "apply-schema", Rule.BACKUP_BEFORE_UPGRADE),
        program("backup only after the upgrade", () -> migration(upgrade(), backup(), verify()),
            "apply-schema", Rule.BACKUP_BEFORE_UPGRADE),
        program("second upgrade after only a verify", () -> migration(call(Step.upgrade("apply-data"), "m"), verify()),
            "apply-data", Rule.BACKUP_BEFORE_UPGRADE),
        // pauses and resumes
        program("pause never resumed", () -> migration(backup(), pause(), upgrade(), verify()),
            "pause-writers", Rule.PAUSE_WITHOUT_RESUME),
        program("pause resumed on success only", () -> {
          PauseStep pause = pause();
          return migration(backup(), pause, upgrade(), verify(), call(Step.resume("resume-writers"), "r").resumes(pause));
        }, "pause-writers", Rule.PAUSE_WITHOUT_RESUME),
        program("pause compensated but never resumed on success", () -> migration(backup(),
                pause().compensatedBy(call(Step.resume("resume-paused"), "r")), upgrade(), verify()),
            "pause-writers", Rule.PAUSE_WITHOUT_RESUME),
        // verify after upgrade
        program("upgrade never verified", () -> migration(backup(), upgrade()),
            "apply-schema", Rule.VERIFY_AFTER_UPGRADE),
        program("verify before the upgrade only", () -> migration(backup(), verify(), upgrade()),
            "apply-schema", Rule.VERIFY_AFTER_UPGRADE),
        // nothing to run
        program("verify with nothing to run", () -> migration(backup(), upgrade(), Step.verify("forgot-action")),
            "forgot-action", Rule.MISSING_ACTION),
        program("backup with nothing to run", () -> migration(Step.backup("empty-backup"), upgrade(), verify()),
            "empty-backup", Rule.MISSING_ACTION),
        program("pause with nothing to run", () -> migration(backup(), Step.pause("idle-pause"), upgrade(), verify()),
            "idle-pause", Rule.MISSING_ACTION),
        // guards
        program("guard after a backup", () -> migration(backup(), call(Step.guard("still-needed"), "g"), upgrade(), verify()),
            "still-needed", Rule.GUARD_AFTER_SIDE_EFFECT),
        program("guard after the upgrade", () -> migration(backup(), upgrade(), call(Step.guard("late-guard"), "g"), verify()),
            "late-guard", Rule.GUARD_AFTER_SIDE_EFFECT),
        // references
        program("unknown parameter", () -> migration(Step.backup("take-backup").invoke(fn("f").call(Payload.of("x", param("nope")))), upgrade(), verify()),
            "take-backup", Rule.UNKNOWN_REFERENCE),
        program("output of a step that does not exist", () -> migration(backup(), upgrade(),
                Step.verify("verify-ghost").invoke(fn("v").call(Payload.of("id", Step.backup("ghost").output(ID)))).expect(Expect.isTrue(OK))),
            "verify-ghost", Rule.UNKNOWN_REFERENCE),
        program("reads a step that runs later", () -> migration(
                Step.backup("early").invoke(fn("f").call(Payload.of("id", backup().output(SNAPSHOT_ID)))),
                backup(), upgrade(), verify()),
            "early", Rule.OUTPUT_MAY_NOT_EXIST),
        program("reads a sibling parallel branch", () -> {
          BackupStep extract = Step.backup("extract-backup").invoke(fn("extract").call());
          Step clone = Step.backup("clone-bucket").invoke(fn("clone").call(Payload.of("backup", extract.output(LOCATION))));
          return migration(Step.backup("backup-all").inParallel(List.of(extract), List.of(clone)), upgrade(), verify());
        }, "clone-bucket", Rule.OUTPUT_MAY_NOT_EXIST),
        program("compensation reads the output of the step whose own failure it undoes", () -> migration(backup(),
                upgrade().compensatedBy(self -> Step.rollback("undo-schema").invoke(fn("schema-migrate")
                        .call(Payload.of("targetVersion", self.output(FROM_VERSION)))), UndoWhen.STARTED),
                verify()),
            "undo-schema", Rule.OUTPUT_MAY_NOT_EXIST),
        // approvals
        program("irreversible step without an approval", () -> migration(backup(), upgrade(), verify(),
                call(Step.upgrade("disable-old-cluster"), "d").irreversible(), verify2()),
            "disable-old-cluster", Rule.APPROVAL_BEFORE_IRREVERSIBLE),
        program("approval only after the irreversible step", () -> migration(backup(), upgrade(),
                call(Step.upgrade("drop-old-table"), "d").irreversible(), Step.approval("approve-drop", "Drop?"), verify()),
            "drop-old-table", Rule.APPROVAL_BEFORE_IRREVERSIBLE),
        // version hops
        program("hop prerequisite runs after the hop", () -> migration(backup())
                .forEachHop(VersionMatrix.of(VersionMatrix.edge("2.0", "3.0").requires("update-iam-role")), "2.0", "3.0",
                    hop -> List.of(call(Step.upgrade(hop.stepId("update-code")), "f")))
                .step(call(Step.upgrade("update-iam-role"), "iam"))
                .step(verify()),
            "update-code-to-3-0", Rule.VERSION_PREREQUISITE),
        // resumes
        program("resume of a pause the migration does not run", () -> migration(backup(), upgrade(), verify(),
                call(Step.resume("resume-writers"), "r").resumes(pause())),
            "resume-writers", Rule.RESUME_TARGET),
        // functions and their results
        program("a misspelt shipped function", () -> migration(backup(), upgrade(),
                call(Step.verify("check-schema"), "ferry-schema-verfy").expect(Expect.isTrue(OK))),
            "check-schema", Rule.UNKNOWN_FUNCTION),
        program("a shipped task without a required input", () -> migration(backup(), upgrade(),
                Step.verify("check-schema").invoke(FerryTasks.schemaVerify().secretArn(param("secretArn")))
                    .expect(Expect.isTrue(SchemaVerify.OK))),
            "check-schema", Rule.MISSING_INPUT),
        program("an expectation on a field the function does not return", () -> migration(backup(), upgrade(),
                call(Step.verify("check-schema"), "check").expect(Expect.isTrue(SchemaUpgradeNeeded.NEEDED))),
            "check-schema", Rule.UNKNOWN_RESULT_FIELD),
        program("a later step reading a field the function does not return", () -> {
          BackupStep snapshot = Step.backup("take-snapshot").invoke(FerryTasks.snapshotCreate().dbInstanceIdentifier("db"));
          return migration(snapshot, upgrade(), verify(),
              Step.verify("check-snapshot").invoke(fn("check").call(Payload.of("id", snapshot.output(BackupCreate.BACKUP_ARN))))
                  .expect(Expect.isTrue(OK)));
        }, "check-snapshot", Rule.UNKNOWN_RESULT_FIELD),
        program("a poll condition on a status the function never returns", () -> migration(
                Step.backup("take-backup").invoke(FerryTasks.backupCreate().tableName("orders"))
                    .pollUntil(self -> Poll.with(FerryTasks.backupStatus().backupArn(self.output(BackupCreate.BACKUP_ARN)))
                        .until(Condition.equals(ResultField.string("status"), "available"))),
                upgrade(), verify()),
            "take-backup", Rule.RESULT_VALUE),
        program("one function declared twice with different fields", () -> migration(backup(), upgrade(), verify(),
                Step.verify("check-again").invoke(LambdaFunction.named("schema-verify").returns(OK).call())
                    .expect(Expect.isTrue(OK))),
            "check-again", Rule.FUNCTION_DECLARED_TWICE),
        // state names
        program("two steps with one id", () -> migration(backup(), call(Step.backup("take-backup"), "b"), upgrade(), verify()),
            "take-backup", Rule.DUPLICATE_STATE_NAME),
        program("a title that another step's id already gives", () -> migration(backup(),
                call(Step.backup("other-backup"), "c").title("Take backup"), upgrade(), verify()),
            "other-backup", Rule.DUPLICATE_STATE_NAME),
        program("a title equal to an injected lock state", () -> migration(
                call(Step.backup("x"), "c").title("Acquire lock and start"), upgrade(), verify()),
            "x", Rule.DUPLICATE_STATE_NAME),
        program("a title equal to the injected input check", () -> migration(
                call(Step.backup("y"), "c").title("Check input"), upgrade(), verify()),
            "y", Rule.DUPLICATE_STATE_NAME),
        program("an id too long for its state names", () -> migration(
                call(Step.backup("take-a-consistent-backup-of-the-orders-database-before-the-upgrade"), "f"), upgrade(), verify()),
            "take-a-consistent-backup-of-the-orders-database-before-the-upgrade", Rule.STATE_NAME_TOO_LONG),
        program("a title too long for its state names", () -> migration(backup(), upgrade(),
                call(Step.verify("check"), "v").title("V".repeat(81)).expect(Expect.isTrue(OK))),
            "check", Rule.STATE_NAME_TOO_LONG),
        program("an id with capitals and an underscore", () -> migration(call(Step.backup("Take_Backup"), "f"), upgrade(), verify()),
            "Take_Backup", Rule.INVALID_STEP_ID),
        program("an id with a space", () -> migration(call(Step.backup("take backup"), "f"), upgrade(), verify()),
            "take backup", Rule.INVALID_STEP_ID),
        // polling loops and the history limit
        program("poll every minute for 48 hours", () -> migration(poll("wait-snapshot", Duration.ofSeconds(60), Duration.ofHours(48)),
                upgrade(), verify()),
            "wait-snapshot", Rule.POLL_HISTORY_LIMIT),
        program("poll every second for 6 hours", () -> migration(backup(), upgrade(),
                poll("wait-healthy", Duration.ofSeconds(1), Duration.ofHours(6)), verify()),
            "wait-healthy", Rule.POLL_HISTORY_LIMIT));
  }

  private static Arguments program(String description, Supplier<Migration> program, String stepId, Rule rule) {
    return Arguments.of(description, program, stepId, rule);
  }


  private static Migration migration(Step... steps) {
    return Migration.named("malformed")
        .parameter(Parameter.string("secretArn"))
        .steps(List.of(steps));
  }

  private static BackupStep backup() {
    return call(Step.backup("take-backup"), "db-snapshot-create");
  }

  private static PauseStep pause() {
    return call(Step.pause("pause-writers"), "writers-pause");
  }

  private static UpgradeStep upgrade() {
    return call(Step.upgrade("apply-schema"), "schema-migrate");
  }

  private static VerifyStep verify() {
    return call(Step.verify("verify-schema"), "schema-verify").expect(Expect.isTrue(OK));
  }

  private static VerifyStep verify2() {
    return call(Step.verify("verify-cluster"), "http-check").expect(Expect.isTrue(OK));
  }

  private static BackupStep poll(String id, Duration every, Duration timeout) {
    return Step.backup(id).pollUntil(Poll.with(fn("db-snapshot-status").call())
        .until(Condition.equals(STATUS, "available")).every(every).timeout(timeout));
  }
}
