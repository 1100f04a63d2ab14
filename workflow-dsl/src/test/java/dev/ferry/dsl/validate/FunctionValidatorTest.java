package dev.ferry.dsl.validate;

import static dev.ferry.dsl.Ref.param;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.dsl.BackupStep;
import dev.ferry.dsl.Condition;
import dev.ferry.dsl.Expect;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.Payload;
import dev.ferry.dsl.Poll;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.UpgradeStep;
import dev.ferry.dsl.VerifyStep;
import dev.ferry.dsl.tasks.FerryTasks;
import dev.ferry.dsl.tasks.SchemaVerify;
import dev.ferry.dsl.tasks.SnapshotCreate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calls checked against their functions: names, a shipped task's inputs, and the result fields read. */
class FunctionValidatorTest {
  private static final ResultField<Boolean> UP_TO_DATE = ResultField.bool("final-status.is_up_to_date");
  private static final LambdaFunction EXECUTE_DB_MIGRATION = LambdaFunction.named("ExecuteDBMigration").returns(UP_TO_DATE);

  private static BackupStep snapshot() {
    return Step.backup("snapshot-database").invoke(FerryTasks.snapshotCreate().dbInstanceIdentifier(param("db")));
  }

  private static UpgradeStep upgrade() {
    return Step.upgrade("upgrade-schema").invoke(EXECUTE_DB_MIGRATION.call()).expect(Expect.isTrue(UP_TO_DATE));
  }

  private static VerifyStep verify() {
    return Step.verify("verify-schema")
        .invoke(FerryTasks.schemaVerify().secretArn(param("secretArn")).expectedVersion("3"))
        .expect(Expect.isTrue(SchemaVerify.OK));
  }

  private static Migration migration(Step... steps) {
    return Migration.named("functions")
        .parameter(Parameter.string("db"))
        .parameter(Parameter.string("secretArn"))
        .steps(List.of(steps));
  }

  private static Violation only(Migration m, Rule rule) {
    List<Violation> found = MigrationValidator.validate(m.assemble());
    assertThat(found).as("%s", found).singleElement().extracting(Violation::rule).isEqualTo(rule);
    assertThatThrownBy(m::build).isInstanceOf(MigrationValidationException.class).hasMessageContaining(rule.words());
    return found.getFirst();
  }

  @Test
  void typedTasksAndADeclaredFunctionPass() {
    assertThat(MigrationValidator.validate(migration(snapshot(), upgrade(), verify()).assemble())).isEmpty();
  }

  @Test
  void aMisspeltShippedNameSuggestsTheRealOne() {
    Step check = Step.verify("verify-schema")
        .invoke(LambdaFunction.named("ferry-schema-verfy").returns(SchemaVerify.OK).call())
        .expect(Expect.isTrue(SchemaVerify.OK));
    Violation v = only(migration(snapshot(), upgrade(), check), Rule.UNKNOWN_FUNCTION);
    assertThat(v.toString()).contains("step 'verify-schema'", "'ferry-schema-verfy'", "did you mean 'ferry-schema-verify'");
  }

  @Test
  void aShippedNameDeclaredAsOnesOwnIsRefused() {
    Step check = Step.verify("verify-schema")
        .invoke(LambdaFunction.named("ferry-schema-verify").returns(SchemaVerify.OK).call())
        .expect(Expect.isTrue(SchemaVerify.OK));
    assertThat(only(migration(snapshot(), upgrade(), check), Rule.UNKNOWN_FUNCTION).toString())
        .contains("one of Ferry's shipped tasks", "Call the typed task from FerryTasks");
  }

  @Test
  void aShippedTaskCalledWithAnInputItDoesNotTake() {
    BackupStep snapshot = Step.backup("snapshot-database").invoke(SnapshotCreate.FUNCTION
        .call(Payload.of("dbInstanceIdentifier", param("db")).and("dbInstance", "x").withExecutionName()));
    assertThat(only(migration(snapshot, upgrade(), verify()), Rule.UNKNOWN_INPUT).toString())
        .contains("step 'snapshot-database'", "'dbInstance'", "it takes [dbInstanceIdentifier, dbClusterIdentifier, executionName]");
  }

  @Test
  void exactlyOneOfAGroupOfInputs() {
    BackupStep both = Step.backup("snapshot-database")
        .invoke(FerryTasks.snapshotCreate().dbInstanceIdentifier("a").dbClusterIdentifier("b"));
    assertThat(only(migration(both, upgrade(), verify()), Rule.MISSING_INPUT).toString())
        .contains("all of [dbInstanceIdentifier, dbClusterIdentifier] of its database inputs");
    BackupStep neither = Step.backup("snapshot-database").invoke(FerryTasks.snapshotCreate());
    assertThat(only(migration(neither, upgrade(), verify()), Rule.MISSING_INPUT).toString())
        .contains("with none of its database inputs");
  }

  @Test
  void aLaterStepReadingAFieldTheFunctionDoesNotReturn() {
    BackupStep snapshot = snapshot();
    Step reads = Step.verify("verify-schema")
        .invoke(FerryTasks.schemaVerify().secretArn(param("secretArn")).expectedVersion(snapshot.output(ResultField.string("version"))))
        .expect(Expect.isTrue(SchemaVerify.OK));
    assertThat(only(migration(snapshot, upgrade(), reads), Rule.UNKNOWN_RESULT_FIELD).toString())
        .contains("step 'verify-schema'", "'snapshot-database.version'", "'ferry-db-snapshot-create'",
            "it returns [snapshotId, status]");
  }

  @Test
  void anExpectationOnAFieldADeclaredFunctionDoesNotReturn() {
    UpgradeStep up = Step.upgrade("upgrade-schema").invoke(EXECUTE_DB_MIGRATION.call())
        .expect(Expect.isTrue(ResultField.bool("final-status.is_uptodate")));
    assertThat(only(migration(snapshot(), up, verify()), Rule.UNKNOWN_RESULT_FIELD).toString())
        .contains("step 'upgrade-schema'", "'final-status.is_uptodate'", "'ExecuteDBMigration' does not return",
            "[final-status.is_up_to_date]");
  }

  @Test
  void aPollConditionOnAValueTheFunctionNeverReturns() {
    BackupStep snapshot = snapshot().pollUntil(self -> Poll.with(FerryTasks.snapshotStatus().snapshotId(self.output(SnapshotCreate.SNAPSHOT_ID)))
        .until(Condition.equals(ResultField.string("status"), "ready")));
    assertThat(only(migration(snapshot, upgrade(), verify()), Rule.RESULT_VALUE).toString())
        .contains("step 'snapshot-database'", "the poll condition", "\"ready\"",
            "returns only [creating, available, copying, deleting, failed]");
  }

  @Test
  void aBooleanTestOfAStringField() {
    UpgradeStep up = upgrade();
    VerifyStep check = Step.verify("verify-schema")
        .invoke(FerryTasks.schemaVerify().secretArn(param("secretArn")).expectedVersion("3"))
        .expect(Expect.isTrue(ResultField.bool("checks")));
    assertThat(only(migration(snapshot(), up, check), Rule.RESULT_VALUE).toString())
        .contains("expects 'checks' to be true", "returns a list of objects there");
  }

  @Test
  void aParameterOfAnotherTypeGivenToATaskInput() {
    Migration m = migration(Step.pause("pause-writers").invoke(FerryTasks.writersPause().writers(param("writers")))
            .compensatedBy(self -> Step.resume("resume-paused").invoke(FerryTasks.writersResume().paused(self.output(
                dev.ferry.dsl.tasks.WritersPause.PAUSED)))),
        snapshot(), upgrade(), verify())
        .parameter(Parameter.object("writers"));
    List<Violation> found = MigrationValidator.validate(m.assemble());
    assertThat(found).filteredOn(v -> v.rule() == Rule.INPUT_TYPE).singleElement().satisfies(v -> assertThat(v.toString())
        .contains("step 'pause-writers'", "parameter 'writers', a JSON object", "input 'writers', which takes a list of objects"));
  }
}
