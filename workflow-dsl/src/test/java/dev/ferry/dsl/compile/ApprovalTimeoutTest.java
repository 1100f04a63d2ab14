package dev.ferry.dsl.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.asl.AslJson;
import dev.ferry.asl.AslValidator;
import dev.ferry.asl.Catcher;
import dev.ferry.asl.FailState;
import dev.ferry.asl.ParallelState;
import dev.ferry.asl.State;
import dev.ferry.asl.TaskState;
import dev.ferry.contract.ErrorName;
import dev.ferry.contract.Trigger;
import dev.ferry.dsl.ApprovalStep;
import dev.ferry.dsl.ApprovalTimeout;
import dev.ferry.dsl.BackupStep;
import dev.ferry.dsl.Examples;
import dev.ferry.dsl.Migration;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.PauseStep;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.plan.MigrationPlan;
import dev.ferry.dsl.plan.Planner;
import dev.ferry.dsl.validate.Risk;
import dev.ferry.dsl.validate.Rule;
import dev.ferry.dsl.validate.Violation;
import dev.ferry.dsl.validate.Warning;
import dev.ferry.dsl.validate.Warnings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an unanswered approval does, as declared: roll back, or end before any change; and the warnings about it. */
class ApprovalTimeoutTest {

  private static ApprovalStep approval() {
    return Step.approval("approve-upgrade", "Upgrade the orders schema tonight?").timeout(Duration.ofHours(2));
  }

  /** postgres-schema-upgrade with an approval at {@code at} among its steps (0: before the snapshot). */
  private static Migration withApproval(ApprovalStep approval, int at) {
    PauseStep pause = Examples.pause();
    BackupStep snapshot = Examples.snapshot();
    BackupStep baseline = Examples.baseline();
    List<Step> steps = new java.util.ArrayList<>(List.of(snapshot, baseline, pause, Examples.upgrade(snapshot),
        Examples.verify(baseline), Examples.resume(pause)));
    steps.add(at, approval);
    return Migration.named("approved-schema-upgrade")
        .parameter(dev.ferry.dsl.Parameter.string("dbInstanceIdentifier"))
        .parameter(dev.ferry.dsl.Parameter.string("secretArn"))
        .parameter(dev.ferry.dsl.Parameter.string("targetVersion").defaultValue("3"))
        .parameter(dev.ferry.dsl.Parameter.objectList("writers"))
        .steps(steps);
  }

  private static TaskState work(CompiledMigration compiled, String stepId) {
    return (TaskState) compiled.machine().states().get(StateNames.work(compiled.graph().node(stepId).map(n ->
        ((dev.ferry.dsl.graph.Node.StepNode) n).step()).orElseThrow()));
  }

  private static Catcher catcherOf(List<Catcher> catchers, String error) {
    return catchers.stream().filter(c -> c.errorEquals().contains(error)).findFirst()
        .orElseThrow(() -> new AssertionError("no catcher for " + error + " in " + catchers));
  }

  @Test
  void byDefaultAnUnansweredApprovalRollsBackAndEndsApprovalTimedOutNotRejected() {
    CompiledMigration compiled = Compiler.compile(withApproval(approval(), 3).build());
    assertThat(AslValidator.validate(compiled.machine())).isEmpty();
    TaskState approve = work(compiled, "approve-upgrade");

    Catcher unanswered = catcherOf(approve.catchers(), "States.Timeout");
    assertThat(unanswered.errorEquals()).containsExactly("States.Timeout", "States.HeartbeatTimeout");
    TaskState record = (TaskState) compiled.machine().states().get(unanswered.next());
    assertThat(unanswered.next()).isEqualTo("Record failure (unanswered), undo resume-paused-writers");
    assertThat(record.resultSelector().orElseThrow().get("ferryError").asText()).isEqualTo("Ferry.ApprovalTimedOut");
    assertThat(record.next()).hasValue(StateNames.work(Examples.pause().compensation().orElseThrow()));

    Catcher rejected = catcherOf(approve.catchers(), ErrorName.REJECTED.errorName());
    TaskState rejectedRecord = (TaskState) compiled.machine().states().get(rejected.next());
    assertThat(rejectedRecord.resultSelector().orElseThrow().get("ferryError").asText()).isEqualTo("Ferry.Rejected");

    MigrationPlan plan = Planner.plan(compiled);
    assertThat(plan.describe()).contains("Unanswered: approval 'approve-upgrade' times out after 2h: rolls back"
        + " (resume-paused-writers); the run ends Ferry.ApprovalTimedOut, lock released");
    assertThat(plan.failurePoints()).filteredOn(f -> f.stepId().equals("approve-upgrade"))
        .extracting(MigrationPlan.FailurePoint::error)
        .contains("Ferry.ApprovalTimedOut", "Ferry.Rejected");
  }

  @Test
  void anApprovalDeclaredToFailBeforeAnyChangeEndsTheRunReleasingTheLockWithNothingToUndo() {
    CompiledMigration compiled = Compiler.compile(withApproval(approval().onTimeout(ApprovalTimeout.FAIL_BEFORE_CHANGE), 0).build());
    assertThat(AslValidator.validate(compiled.machine())).isEmpty();
    Catcher unanswered = catcherOf(work(compiled, "approve-upgrade").catchers(), "States.HeartbeatTimeout");
    assertThat(unanswered.next()).isEqualTo("Record failure (unanswered)");
    TaskState record = (TaskState) compiled.machine().states().get(unanswered.next());
    assertThat(record.next()).hasValue(StateNames.DESCRIBE_FAILURE);
    JsonNode items = AslJson.toTree(record).at("/Parameters/TransactItems");
    assertThat(items.toString()).as("the run's FAILED row names the typed error")
        .contains("\"S\":\"Ferry.ApprovalTimedOut\"")
        .as("the lock is released").contains("REMOVE #lockHolder")
        .as("nothing is compensated").doesNotContain("COMPENSATING");

    assertThat(Planner.plan(compiled).describe()).contains("Unanswered: approval 'approve-upgrade' times out after 2h:"
        + " fails the run before any change; the run ends Ferry.ApprovalTimedOut, lock released");
  }

  @Test
  void failBeforeChangeAfterAChangeIsRefusedNamingTheApprovalAndTheChange() {
    Migration late = withApproval(approval().onTimeout(ApprovalTimeout.FAIL_BEFORE_CHANGE), 3);
    assertThatThrownBy(late::build).isInstanceOf(MigrationValidationException.class)
        .hasMessageContaining("step 'approve-upgrade': " + Rule.TIMEOUT_BEFORE_CHANGE.words())
        .hasMessageContaining("'snapshot-database' (backup) runs before it and changes the target (and 2 more steps)")
        .hasMessageContaining("Declare .onTimeout(ApprovalTimeout.ROLL_BACK)")
        .hasMessageContaining("move the approval before 'snapshot-database'");
    Step pause = Examples.pause();
    Step guard = Examples.guard();
    assertThat(Migration.named("ask-first").parameter(dev.ferry.dsl.Parameter.objectList("writers"))
        .parameter(dev.ferry.dsl.Parameter.string("baseUrl"))
        .step(guard).step(approval().onTimeout(ApprovalTimeout.FAIL_BEFORE_CHANGE)).step(pause)
        .step(Examples.resume((PauseStep) pause)).build().steps()).as("a guard changes nothing").hasSize(4);
  }

  @Test
  void insideAParallelGroupTheBranchEndsApprovalTimedOutAndFailBeforeChangeIsRefused() {
    Step check = Step.verify("check-cluster").invoke(dev.ferry.dsl.TestFunctions.fn("check").call())
        .expect(dev.ferry.dsl.Expect.isTrue(dev.ferry.dsl.TestFunctions.OK));
    CompiledMigration compiled = Compiler.compile(Migration.named("asks-in-a-group")
        .step(Step.verify("ask-and-check").inParallel(List.of(approval()), List.of(check))).build());
    ParallelState group = (ParallelState) compiled.machine().states().get("Ask and check");
    State inBranch = group.branches().getFirst().states().get(catcherOf(
        ((TaskState) group.branches().getFirst().states().get("Approve upgrade")).catchers(), "States.Timeout").next());
    assertThat(inBranch).isInstanceOfSatisfying(FailState.class,
        f -> assertThat(f.error()).hasValue(ErrorName.APPROVAL_TIMED_OUT.errorName()));
    Catcher fromGroup = catcherOf(group.catchers(), ErrorName.APPROVAL_TIMED_OUT.errorName());
    assertThat(((TaskState) compiled.machine().states().get(fromGroup.next())).resultSelector().orElseThrow().toString())
        .contains("Ferry.ApprovalTimedOut");
    assertThat(Planner.plan(compiled).approvals()).singleElement().satisfies(a -> {
      assertThat(a.stepId()).isEqualTo("approve-upgrade");
      assertThat(a.describe()).contains("rolls back (nothing has run that needs undoing)");
    });

    Migration refused = Migration.named("asks-in-a-group")
        .step(Step.verify("ask-and-check").inParallel(List.of(approval().onTimeout(ApprovalTimeout.FAIL_BEFORE_CHANGE)),
            List.of(check)));
    assertThatThrownBy(refused::build).hasMessageContaining("inside the parallel group 'ask-and-check'");
  }

  @Test
  void aScheduledMigrationWithAnApprovalAfterAChangeIsWarnedNotRefused() {
    Migration scheduled = withApproval(approval(), 3).startedBy(Trigger.SCHEDULE);
    CompiledMigration compiled = Compiler.compile(scheduled.build());
    assertThat(compiled.warnings()).singleElement().satisfies(w -> {
      assertThat(w.risk()).isEqualTo(Risk.SCHEDULED_APPROVAL_AFTER_CHANGE);
      assertThat(w.subject()).isEqualTo("migration 'approved-schema-upgrade', step 'approve-upgrade'");
      assertThat(w.toString()).contains("approval 'approve-upgrade' comes after 'snapshot-database' (backup)",
          "wait up to 2h for a human with the service paused (pause-writers)",
          "end Ferry.ApprovalTimedOut and roll back (resume-paused-writers)",
          "declare .onTimeout(ApprovalTimeout.FAIL_BEFORE_CHANGE)");
    });
    assertThat(Planner.plan(compiled).describe()).anySatisfy(l -> assertThat(l).startsWith("warning: migration"));

    MigrationGraphs unscheduled = new MigrationGraphs(withApproval(approval(), 3));
    assertThat(Compiler.compile(unscheduled.graph).warnings()).as("not declared scheduled").isEmpty();
    List<Warning> deployedOnSchedule = Warnings.of(unscheduled.graph, Set.of(Trigger.SCHEDULE));
    assertThat(deployedOnSchedule).as("a deploy with --schedule knows").hasSize(1);
    assertThat(Warnings.of(withApproval(approval().onTimeout(ApprovalTimeout.FAIL_BEFORE_CHANGE), 0)
        .startedBy(Trigger.SCHEDULE).build())).as("asks before changing").isEmpty();
    assertThatThrownBy(() -> Migration.named("x").startedBy(Trigger.OPERATOR))
        .hasMessageContaining("'operator' is not how a run starts");
  }

  private record MigrationGraphs(dev.ferry.dsl.graph.MigrationGraph graph) {
    MigrationGraphs(Migration m) {
      this(m.build());
    }
  }

  @Test
  void aDeclaredPointOfNoReturnIsLoweredLikeTheDefaultAndShownAsDeclared() {
    Migration byDefault = Examples.postgresSchemaUpgrade();
    Step verify = byDefault.build().steps().stream().filter(s -> s.id().equals("verify-schema")).findFirst().orElseThrow();
    CompiledMigration implicit = Compiler.compile(byDefault.build());
    CompiledMigration declared = Compiler.compile(Examples.postgresSchemaUpgrade().pointOfNoReturnAfter(verify).build());
    assertThat(declared.json()).as("the same line, lowered the same way").isEqualTo(implicit.json());
    assertThat(Planner.plan(declared).describe()).contains(
        "Point of no return: after verify-schema (declared with pointOfNoReturnAfter)");
    assertThat(Planner.plan(implicit).describe()).contains(
        "Point of no return: after verify-schema (default: the last verify, or the first irreversible step)");

    // Earlier than the default: after the schema change, a failed verify is not compensated.
    Step apply = byDefault.build().steps().stream().filter(s -> s.id().equals("apply-schema")).findFirst().orElseThrow();
    CompiledMigration early = Compiler.compile(Examples.postgresSchemaUpgrade().pointOfNoReturnAfter(apply).build());
    assertThat(early.graph().afterPointOfNoReturn()).extracting(Step::id).containsExactly("verify-schema", "resume-writers");
    assertThat(catcherOf(((TaskState) early.machine().states().get("Verify schema")).catchers(), "States.ALL").next())
        .startsWith(StateNames.recordIncomplete("verify-schema"));
  }

  @Test
  void aDeclaredPointOfNoReturnMustBeATopLevelStepNotAfterAnIrreversibleOne() {
    Step unknown = Step.verify("not-added");
    List<Violation> notInMigration = dev.ferry.dsl.validate.MigrationValidator.validate(
        Examples.postgresSchemaUpgrade().pointOfNoReturnAfter(unknown).assemble());
    assertThat(notInMigration).singleElement().satisfies(v -> {
      assertThat(v.rule()).isEqualTo(Rule.NO_RETURN_MARKER);
      assertThat(v.toString()).contains("step 'not-added'", "is not a step of migration 'postgres-schema-upgrade'");
    });

    Migration every = Examples.everyFeature();
    Step inner = every.build().steps().getFirst().branches().getFirst().getFirst();
    assertThatThrownBy(() -> Examples.everyFeature().pointOfNoReturnAfter(inner).build())
        .hasMessageContaining("step 'extract-backup': " + Rule.NO_RETURN_MARKER.words())
        .hasMessageContaining("inside the parallel group 'backup-all'")
        .hasMessageContaining("pointOfNoReturnAfter(backupAll)");

    Step last = every.build().steps().getLast();
    assertThatThrownBy(() -> Examples.everyFeature().pointOfNoReturnAfter(last).build())
        .hasMessageContaining("step 'verify-disabled': " + Rule.NO_RETURN_MARKER.words())
        .hasMessageContaining("'disable-old-cluster' runs before it and cannot be undone");

    Step snapshot = Examples.postgresSchemaUpgrade().build().steps().get(1);
    assertThatThrownBy(() -> Examples.postgresSchemaUpgrade().pointOfNoReturnAfter(snapshot).build())
        .hasMessageContaining(Rule.COMPENSATION_AFTER_NO_RETURN.words())
        .hasMessageContaining("the point of no return (declared with pointOfNoReturnAfter)");
  }
}
