package dev.ferry.dsl.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.dsl.Examples;
import dev.ferry.dsl.compile.Compiler;
import org.junit.jupiter.api.Test;

class PlannerTest {

  @Test
  void realisticMigrationPlan() {
    MigrationPlan plan = Planner.plan(Compiler.compile(Examples.postgresSchemaUpgrade().build()));
    plan.describe().forEach(System.out::println);
    assertThat(plan.steps()).extracting(MigrationPlan.PlannedStep::id).containsExactly(
        "schema-upgrade-needed", "snapshot-database", "capture-baseline", "pause-writers", "apply-schema",
        "verify-schema", "resume-writers");
    assertThat(plan.steps()).filteredOn(MigrationPlan.PlannedStep::whilePaused)
        .extracting(MigrationPlan.PlannedStep::id).containsExactly("apply-schema", "verify-schema");
    // 7 input/lock/end states + 2 per work step + guard check + verify check + one poll iteration (call, check)
    // + a result check after each step whose result a later state reads (snapshot, baseline, pause)
    assertThat(plan.happyPathTransitions()).isEqualTo(7 + 2 * 7 + 1 + 1 + 2 + 3);
    assertThat(plan.failurePoints()).filteredOn(f -> f.stepId().equals("verify-schema"))
        .extracting(MigrationPlan.FailurePoint::compensations)
        .containsOnly(java.util.List.of("restore-database", "resume-paused-writers"));
    assertThat(plan.failurePoints()).filteredOn(f -> f.stepId().equals("verify-schema"))
        .extracting(MigrationPlan.FailurePoint::error)
        .containsExactlyInAnyOrder("Ferry.MigrationFailed", "Ferry.ResultInvalid", "Ferry.ResultInvalid",
            "Ferry.ExpectationFailed", "Ferry.MigrationFailed");
    assertThat(plan.failurePoints()).filteredOn(f -> f.stepId().equals("schema-upgrade-needed"))
        .extracting(MigrationPlan.FailurePoint::error).contains("Ferry.PreconditionFailed");
    assertThat(plan.worstFailurePathTransitions()).isGreaterThan(plan.happyPathTransitions() - 5);
    assertThat(plan.describe()).anySatisfy(l -> assertThat(l).contains("State transitions: happy path 28"));
  }
}
