package dev.ferry.dsl.validate;

import static dev.ferry.dsl.Ref.param;
import static dev.ferry.dsl.TestFunctions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.dsl.Backoff;
import dev.ferry.dsl.BackupStep;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.Examples;
import dev.ferry.dsl.Expect;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.PauseStep;
import dev.ferry.dsl.Payload;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.RollbackStep;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.UndoWhen;
import dev.ferry.dsl.UpgradeStep;
import dev.ferry.dsl.VerifyStep;
import dev.ferry.dsl.VersionMatrix;
import dev.ferry.dsl.graph.Edge;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per migration-safety rule: a migration that breaks it, and the message it gets. */
class MigrationValidatorTest {


  private static Migration migration(Step... steps) {
    return Migration.named("test-migration")
        .parameter(Parameter.string("secretArn"))
        .parameter(Parameter.string("dbInstanceIdentifier"))
        .parameter(Parameter.objectList("writers"))
        .parameter(Parameter.string("baseUrl"))
        .steps(List.of(steps));
  }

  private static BackupStep backup() {
    return call(Step.backup("take-backup"), "db-snapshot-create");
  }

  private static UpgradeStep upgrade() {
    return call(Step.upgrade("apply-schema"), "schema-migrate");
  }

  private static VerifyStep verify() {
    return call(Step.verify("verify-schema"), "schema-verify").expect(Expect.isTrue(OK));
  }

  private static List<Violation> violations(Migration m) {
    return MigrationValidator.validate(m.assemble());
  }

  private static void assertOnly(Migration m, String stepId, Rule rule, String wording) {
    List<Violation> found = violations(m);
    assertThat(found).as("%s", found).singleElement().satisfies(v -> {
      assertThat(v.subject()).isEqualTo("step '" + stepId + "'");
      assertThat(v.rule()).isEqualTo(rule);
      assertThat(v.toString()).contains("step '" + stepId + "'", rule.words(), wording);
    });
    assertThatThrownBy(m::build).isInstanceOf(MigrationValidationException.class)
        .hasMessageContaining("step '" + stepId + "': " + rule.words());
  }

  @Test
  void validMigrationsPass() {
    assertThat(violations(Examples.postgresSchemaUpgrade())).isEmpty();
    assertThat(violations(migration(backup(), upgrade(), verify()))).isEmpty();
  }

  @Test
  void upgradeWithoutBackupBeforeIt() {
    assertOnly(migration(upgrade(), verify()), "apply-schema", Rule.BACKUP_BEFORE_UPGRADE,
        "declare .withoutBackup(");
    assertThat(violations(migration(upgrade().withoutBackup("schema change is additive"), verify()))).isEmpty();
  }

  @Test
  void backupAfterTheUpgradeDoesNotCount() {
    assertOnly(migration(upgrade(), backup(), verify()), "apply-schema", Rule.BACKUP_BEFORE_UPGRADE,
        "No backup step has surely completed");
  }

  @Test
  void pauseWithoutResumeOnTheSuccessPath() {
    Step pause = Examples.pause();
    assertOnly(migration(backup(), pause, upgrade(), verify()), "pause-writers", Rule.PAUSE_WITHOUT_RESUME,
        "Add Step.resume(...).resumes(pauseWriters)");
  }

  @Test
  void pauseWithoutResumeOnFailurePaths() {
    PauseStep pause = call(Step.pause("pause-writers"), "writers-pause");
    Step resume = call(Step.resume("resume-writers"), "writers-resume").resumes(pause);
    assertOnly(migration(backup(), pause, upgrade(), verify(), resume), "pause-writers", Rule.PAUSE_WITHOUT_RESUME,
        "A failure after it would leave the service paused");
  }

  @Test
  void upgradeWithoutVerifyAfterIt() {
    assertOnly(migration(backup(), upgrade()), "apply-schema", Rule.VERIFY_AFTER_UPGRADE, "Add a Step.verify(");
    assertOnly(migration(backup(), verify(), upgrade()), "apply-schema", Rule.VERIFY_AFTER_UPGRADE,
        "No verify step runs after this upgrade");
  }

  @Test
  void readingAStepThatRunsLater() {
    Step early = Step.backup("early").invoke(fn("f").call(Payload.of("snapshotId", backup().output(SNAPSHOT_ID))));
    assertOnly(migration(early, backup(), upgrade(), verify()), "early", Rule.OUTPUT_MAY_NOT_EXIST,
        "'take-backup' has not surely completed");
  }

  @Test
  void readingASiblingParallelBranch() {
    Step extract = Step.backup("extract-backup").invoke(fn("extract").call());
    Step clone = Step.backup("clone-bucket").invoke(fn("clone").call(Payload.of("backup", extract.output(LOCATION))));
    Step both = Step.backup("backup-all").inParallel(List.of(extract), List.of(clone));
    assertOnly(migration(both, upgrade(), verify()), "clone-bucket", Rule.OUTPUT_MAY_NOT_EXIST,
        "reads 'extract-backup.location'");
    Step after = Step.verify("check-copies").invoke(fn("check").call(Payload.of("a", extract.output(LOCATION)).and("b", clone.output(LOCATION))));
    Step cloneOk = Step.backup("clone-bucket").invoke(fn("clone").call());
    assertThat(violations(migration(Step.backup("backup-all").inParallel(List.of(extract), List.of(cloneOk)),
        upgrade(), verify(), after))).isEmpty();
  }

  @Test
  void compensationReadingTheOutputOfTheStepWhoseOwnFailureItUndoes() {
    Step up = upgrade().compensatedBy(self -> Step.rollback("undo-schema").invoke(fn("schema-migrate")
            .call(Payload.of("targetVersion", self.output(FROM_VERSION)))), UndoWhen.STARTED);
    assertOnly(migration(backup(), up, verify()), "undo-schema", Rule.OUTPUT_MAY_NOT_EXIST,
        "the compensation of 'apply-schema' (which also runs when that step itself fails)");
  }

  @Test
  void referenceToAnUnknownStepOrParameter() {
    Step reads = Step.backup("take-backup").invoke(fn("f").call(Payload.of("x", param("nope")).and("y", Step.backup("ghost").output(ID))));
    List<Violation> found = violations(migration(reads, upgrade(), verify()));
    assertThat(found).extracting(Violation::rule).containsExactly(Rule.UNKNOWN_REFERENCE, Rule.UNKNOWN_REFERENCE);
    assertThat(found.get(0).toString()).contains("step 'take-backup'", "parameter 'nope'");
    assertThat(found.get(1).toString()).contains("step 'take-backup'", "'ghost'");
  }

  @Test
  void cycleThatIsNotAPollingLoop() {
    var graph = migration(backup(), upgrade(), verify()).assemble()
        .withEdge(new Edge.Happy("verify-schema", "take-backup"));
    List<Violation> found = MigrationValidator.validate(graph);
    assertThat(found).singleElement().satisfies(v -> {
      assertThat(v.rule()).isEqualTo(Rule.CYCLE);
      assertThat(v.toString()).contains("cycle that is not a declared polling loop",
          "take-backup -> apply-schema -> verify-schema -> take-backup");
    });
  }

  @Test
  void pollingLoopIsNotACycle() {
    assertThat(migration(Examples.snapshot(), upgrade(), verify())
        .assemble().edges()).contains(new Edge.PollLoop("snapshot-database"));
    assertThat(violations(migration(Examples.snapshot(), upgrade(), verify()))).isEmpty();
  }

  @Test
  void compensationAfterThePointOfNoReturn() {
    Step cleanup = call(Step.backup("archive-old-rows"), "archive-rows")
        .compensatedBy(call(Step.rollback("restore-old-rows"), "unarchive-rows"));
    assertOnly(migration(backup(), upgrade(), verify(), cleanup),
        "archive-old-rows", Rule.COMPENSATION_AFTER_NO_RETURN, "move it before 'verify-schema'");
    assertThat(migration(backup(), upgrade(), verify(), cleanup).assemble().pointOfNoReturn())
        .hasValueSatisfying(s -> assertThat(s.id()).isEqualTo("verify-schema"));
  }

  @Test
  void irreversibleStepWithoutApprovalBeforeIt() {
    Step disable = call(Step.upgrade("disable-old-cluster"), "disable").irreversible();
    assertOnly(migration(backup(), upgrade(), disable, verify()),
        "disable-old-cluster", Rule.APPROVAL_BEFORE_IRREVERSIBLE, "Add Step.approval(");
    assertThat(violations(migration(backup(), upgrade(), Step.approval("approve-disable", "Disable the old cluster?"),
        disable, verify()))).isEmpty();
  }

  @Test
  void versionHopsThatDoNotFormAPath() {
    VersionMatrix matrix = VersionMatrix.of(VersionMatrix.edge("1.0", "2.0"));
    Migration m = migration(backup())
        .forEachHop(matrix, "1.0", "3.0", hop -> List.of(call(Step.upgrade(hop.stepId("update-code")), "f")))
        .step(verify());
    List<Violation> found = violations(m);
    assertThat(found).singleElement().satisfies(v -> {
      assertThat(v.rule()).isEqualTo(Rule.VERSION_PATH);
      assertThat(v.toString()).contains("version hops 1.0 -> 3.0", "no chain of supported upgrades from 1.0 to 3.0");
    });
  }

  @Test
  void versionHopsEmitStepsPerHop() {
    VersionMatrix matrix = VersionMatrix.of(VersionMatrix.edge("1.0", "2.0"),
        VersionMatrix.edge("2.0", "3.0").requires("update-iam-role"));
    Migration m = migration(backup(), call(Step.upgrade("update-iam-role"), "iam"))
        .forEachHop(matrix, "1.0", "3.0", hop -> List.of(call(Step.upgrade(hop.stepId("update-code")), "f")))
        .step(verify());
    assertThat(m.build().steps()).extracting(Step::id)
        .containsExactly("take-backup", "update-iam-role", "update-code-to-2-0", "update-code-to-3-0", "verify-schema");
  }

  @Test
  void versionHopPrerequisiteNotRun() {
    VersionMatrix matrix = VersionMatrix.of(VersionMatrix.edge("2.0", "3.0").requires("update-iam-role"));
    Migration m = migration(backup())
        .forEachHop(matrix, "2.0", "3.0", hop -> List.of(call(Step.upgrade(hop.stepId("update-code")), "f")))
        .step(call(Step.upgrade("update-iam-role"), "iam"))
        .step(verify());
    assertOnly(m, "update-code-to-3-0", Rule.VERSION_PREREQUISITE, "needs step 'update-iam-role' to have run first");
  }

  @Test
  void duplicateStateNames() {
    Step a = call(Step.backup("take-backup"), "a");
    Step b = call(Step.backup("take-backup"), "b");
    assertOnly(migration(a, b, upgrade(), verify()), "take-backup", Rule.DUPLICATE_STATE_NAME,
        "Two steps have the id 'take-backup'");
    Step titled = call(Step.backup("other-backup"), "c").title("Take backup");
    assertOnly(migration(a, titled, upgrade(), verify()), "other-backup", Rule.DUPLICATE_STATE_NAME,
        "'Take backup' is also used by step 'take-backup'");
    Step injected = call(Step.backup("x"), "c").title("Acquire lock and start");
    assertOnly(migration(injected, upgrade(), verify()), "x", Rule.DUPLICATE_STATE_NAME, "Ferry's injected states");
  }

  @Test
  void oneRollbackGivenToTwoStepsSaysToKeepItOnTheFirst() {
    RollbackStep restore = call(Step.rollback("restore-snapshot"), "restore");
    UpgradeStep first = call(Step.upgrade("add-column"), "f").compensatedBy(restore);
    UpgradeStep second = call(Step.upgrade("backfill-column"), "g").compensatedBy(restore);
    assertOnly(migration(backup(), first, second, verify()), "restore-snapshot", Rule.DUPLICATE_STATE_NAME,
        "compensation of 2 steps (add-column, backfill-column)");
    assertThat(violations(migration(backup(), first, second, verify())).get(0).fix())
        .contains("Keep .compensatedBy(...) on 'add-column' only");
  }

  @Test
  void stateNamesLongerThan80Characters() {
    String id = "take-a-consistent-backup-of-the-orders-database-before-the-upgrade";
    List<Violation> found = violations(migration(call(Step.backup(id), "f"), upgrade(), verify()));
    assertThat(found).isNotEmpty().allSatisfy(v -> {
      assertThat(v.rule()).isEqualTo(Rule.STATE_NAME_TOO_LONG);
      assertThat(v.toString()).contains("step '" + id + "'", "Shorten the id");
    });
    assertThat(found.getFirst().toString()).contains("'Fail: " + id + " (expectation)' is 86 characters", "by at least 6 characters");
    assertThat(found).anySatisfy(v -> assertThat(v.toString()).contains("(precondition)' is 87 characters"));
  }

  @Test
  void pollingLoopOverTheHistoryLimitSuggestsAnIntervalOrBackoff() {
    Poll every60s = Poll.with(fn("db-snapshot-status").call())
        .until(Condition.equals(STATUS, "available")).every(Duration.ofSeconds(60)).timeout(Duration.ofHours(48));
    BackupStep poll = Step.backup("wait-snapshot").pollUntil(every60s);
    assertOnly(migration(poll, upgrade(), verify()), "wait-snapshot", Rule.POLL_HISTORY_LIMIT,
        "Polling every 60 s for up to 172800 s makes 2881 calls and 31687 history events in the worst case (limit 25000).");
    assertThat(violations(migration(poll, upgrade(), verify())).getFirst().fix())
        .contains("Poll every 77 s or more", ".backoff(Backoff.doublingUpTo(");
    BackupStep withBackoff = Step.backup("wait-snapshot").pollUntil(every60s.backoff(Backoff.doublingUpTo(Duration.ofMinutes(30))));
    assertThat(violations(migration(withBackoff, upgrade(), verify()))).isEmpty();
    assertThat(HistoryBudget.worstCaseEvents(withBackoff.poll().orElseThrow())).isLessThan(1_200);
  }

  @Test
  void guardAfterAStepWithSideEffects() {
    assertOnly(migration(backup(), Examples.guard(), upgrade(), verify()),
        "schema-upgrade-needed", Rule.GUARD_AFTER_SIDE_EFFECT, "Move the guard before the first non-guard step");
  }

  @Test
  void stepWithNothingToRun() {
    assertOnly(migration(backup(), Step.verify("forgot-action"), upgrade(), verify()), "forgot-action",
        Rule.MISSING_ACTION, "The verify step calls nothing");
  }

  @Test
  void resumeOfAPauseOfAnotherMigration() {
    PauseStep elsewhere = call(Step.pause("pause-elsewhere"), "p");
    Step resume = call(Step.resume("resume-writers"), "r").resumes(elsewhere);
    assertOnly(migration(backup(), upgrade(), verify(), resume), "resume-writers", Rule.RESUME_TARGET,
        "resumes 'pause-elsewhere', which is not a pause step of this migration");
  }

  @Test
  void aSecondCallPollOrCompensationIsRefusedNotDropped() {
    assertThatThrownBy(() -> backup().invoke(fn("other").call()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("step 'take-backup' already calls 'db-snapshot-create'; a step makes one call: add another step for 'other'");
    Poll poll = Poll.with(fn("status").call()).until(Condition.isTrue(DONE));
    assertThatThrownBy(() -> backup().pollUntil(poll).pollUntil(poll))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("step 'take-backup' already polls 'status'");
    assertThatThrownBy(() -> upgrade().compensatedBy(call(Step.rollback("undo"), "u")).compensatedBy(call(Step.rollback("undo-again"), "u")))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("step 'apply-schema' is already compensated by 'undo'");
  }

  @Test
  void invalidStepId() {
    List<Violation> found = violations(migration(call(Step.backup("Take_Backup"), "f"), upgrade(), verify()));
    assertThat(found).extracting(Violation::rule).contains(Rule.INVALID_STEP_ID);
  }

  @Test
  void everyViolationIsReportedAtOnce() {
    PauseStep pause = call(Step.pause("pause-writers"), "p");
    MigrationValidationException e = org.junit.jupiter.api.Assertions.assertThrows(
        MigrationValidationException.class, () -> migration(pause, upgrade()).build());
    assertThat(e.violations()).extracting(Violation::rule).containsExactly(
        Rule.BACKUP_BEFORE_UPGRADE, Rule.PAUSE_WITHOUT_RESUME, Rule.PAUSE_WITHOUT_RESUME, Rule.VERIFY_AFTER_UPGRADE);
    assertThat(e.getMessage()).startsWith("Migration 'test-migration' has 4 problems:");
  }
}
