package dev.ferry.deploy.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.local.LocalSettings;
import dev.ferry.deploy.local.LocalTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rehearsal's checks catch a machine that loses the database's rollback. */
class RehearsalChecksTest {

  private static final String RESTORE = "Poll start: restore-snapshot";
  private static final String RESUME = "Resume paused writers";

  private static int redirect(ObjectNode node) {
    if (node.path("Next").asText().equals(RESTORE)) {
      node.put("Next", RESUME);
      return 1;
    }
    return 0;
  }

  @Test
  void aMachineWithoutItsUpgradeCompensationFailsTheDatabaseAndAuditChecks() throws Exception {
    CompiledMachine shipped = ShippedMigrations.compile("postgres-schema-upgrade", TableNames.DEFAULT);
    // As if the compiler forgot the upgrade's compensation: failures after the upgrade go straight to resuming the writers.
    ObjectNode definition = shipped.definition().deepCopy();
    int redirected = 0;
    for (JsonNode state : definition.path("States")) {
      redirected += redirect((ObjectNode) state);
      for (JsonNode catcher : state.path("Catch")) {
        redirected += redirect((ObjectNode) catcher);
      }
    }
    assertThat(redirected).as("transitions into the restore").isPositive();
    // The mutation changes transitions only: the compiler's structure still names every state.
    CompiledMachine machine = new CompiledMachine("postgres-schema-upgrade", definition.toString(), definition,
        shipped.structure());
    List<WorkStep> verify = WorkStep.of(machine).stream().filter(s -> s.id().equals("verify-schema")).toList();
    Rehearsal.Plan plan = new Rehearsal.Plan(machine, TableNames.DEFAULT,
        RehearsalScenario.forMigration("postgres-schema-upgrade"), verify, List.of(FaultKind.THROWS));

    List<Rehearsal.Run> seen = new ArrayList<>();
    Rehearsal.Report report;
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
      report = Rehearsal.run(local, plan, seen::add);
    }

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).passed()).as("the fault-free run: %s", seen.get(0).checks()).isTrue();
    Rehearsal.Run faulted = seen.get(1);
    assertThat(faulted.outcome()).contains("FAILED").contains("ROLLED_BACK");
    Map<String, Rehearsal.Check> checks = new java.util.HashMap<>();
    faulted.checks().forEach(c -> checks.put(c.name(), c));
    assertThat(checks.get("database").ok()).isFalse();
    assertThat(checks.get("database").detail()).contains("migrated although the run ended ROLLED_BACK");
    assertThat(checks.get("audit").ok()).isFalse();
    assertThat(checks.get("audit").detail()).contains("apply-schema-migrations compensation end");
    assertThat(checks.get("lock").ok()).isTrue();
    assertThat(report.passed()).isEqualTo(1);
    assertThat(report.failed()).isEqualTo(1);
  }
}
