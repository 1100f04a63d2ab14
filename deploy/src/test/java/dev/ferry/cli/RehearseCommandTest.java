package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ferry rehearse}: the whole fault matrix of the shipped PostgreSQL upgrade passes, through its world. */
class RehearseCommandTest {

  @Test
  void everyFaultAtEveryStepOfPostgresSchemaUpgradeLosesNothing() {
    CliRun run = CliRun.of("rehearse", "postgres-schema-upgrade", "--faults", "all");
    System.out.println(run.out());
    // A run's row names its checks; the matrix below the rows does not.
    List<String> rows = run.out().lines().filter(l -> l.matches("^\\S+\\s+\\S+\\s+(pass|FAIL)\\s.*typed end.*")).toList();
    assertThat(rows).as("one row per run: 7 steps x 6 faults, a failing compensation at the 4 steps before the point of"
        + " no return that undo something, a partial pause, a run on the migrated target, and the fault-free run").hasSize(49);
    assertThat(rows).as("runs that failed a check").allMatch(r -> r.matches("^\\S+\\s+\\S+\\s+pass\\s.*"));
    assertThat(rows).anyMatch(r -> r.startsWith("apply-schema-migrations") && r.contains("crash")
        && r.contains("ABORTED Ferry.ProcessDied -> redriven -> SUCCEEDED"));
    assertThat(rows).anyMatch(r -> r.startsWith("verify-schema") && r.contains("throws") && r.contains("ROLLED_BACK"));
    assertThat(rows).anyMatch(r -> r.startsWith("verify-schema") && r.contains("compensation-fails")
        && r.contains("FAILED Ferry.RollbackFailed, ROLLBACK_FAILED"));
    assertThat(rows).anyMatch(r -> r.startsWith("pause-writers") && r.contains("partial-pause") && r.contains("resumed ok"));
    assertThat(run.out()).contains("pause-writers            pass   pass    pass     pass             pass           pass  -");
    assertThat(rows).as("past the verify nothing is undone: the resume is retried, then the run ends incomplete")
        .anyMatch(r -> r.startsWith("resume-writers") && r.contains("FAILED Ferry.Incomplete, INCOMPLETE"));
    assertThat(rows).as("a second run on the migrated database finds nothing to do and touches nothing")
        .anyMatch(r -> r.startsWith("check-schema-version") && r.contains("already-done")
            && r.contains("SUCCEEDED, SUCCEEDED (after a first run: SUCCEEDED, SUCCEEDED)") && r.contains("nothing to do ok")
            && r.contains("untouched ok"));
    assertThat(run.out().strip().lines().toList().getLast()).isEqualTo("49 passed, 0 failed");
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void anUnknownFaultOrMigrationIsRefusedByName() {
    CliRun fault = CliRun.of("rehearse", "postgres-schema-upgrade", "--faults", "throws,meteor");
    assertThat(fault.exitCode()).isEqualTo(2);
    assertThat(fault.err()).contains("--faults: 'meteor' is not a fault").contains("record-throttled");

    CliRun migration = CliRun.of("rehearse", "metaflow-service-upgrade");
    assertThat(migration.exitCode()).isEqualTo(2);
    assertThat(migration.err()).contains("'metaflow-service-upgrade' has no rehearsal world")
        .contains("worlds exist for: postgres-schema-upgrade").contains("RehearsalWorld");
  }
}
