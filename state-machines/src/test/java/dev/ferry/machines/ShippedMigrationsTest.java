package dev.ferry.machines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.dsl.MigrationDefinition;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.StepKind;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.validate.MigrationValidator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped runbooks are found by ServiceLoader, pass every safety rule and read in runbook order. */
class ShippedMigrationsTest {

  private static MigrationGraph graph(String name) {
    return MigrationDefinition.discover().stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow()
        .graph();
  }

  private static List<String> topLevel(MigrationGraph g) {
    return g.steps().stream().map(Step::id).toList();
  }

  @Test
  void allFourAreDiscoveredByName() {
    assertThat(MigrationDefinition.discover()).extracting(MigrationDefinition::name).containsExactly(
        "aurora-restore-pipeline-upgrade", "metaflow-service-upgrade", "pachyderm-major-migration",
        "postgres-schema-upgrade");
  }

  @Test
  void everyGraphPassesEverySafetyRule() {
    for (MigrationDefinition d : MigrationDefinition.discover()) {
      assertThat(MigrationValidator.validate(d.graph())).as(d.name()).isEmpty();
    }
  }

  @Test
  void postgresRunsPauseSnapshotBaselineApplyVerifyResume() {
    MigrationGraph g = graph("postgres-schema-upgrade");
    // Writers stop before the snapshot: a restore must not drop what they wrote in between.
    assertThat(topLevel(g)).containsExactly("check-schema-version", "pause-writers", "snapshot-database", "capture-baseline",
        "apply-schema-migrations", "verify-schema", "resume-writers");
    // At the target version already, a run stops right after the lock with nothing done.
    assertThat(g.alreadyDone()).hasValueSatisfying(a -> assertThat(a.checkStep()).isEqualTo("check-schema-version"));
    assertThat(g.pointOfNoReturn()).hasValueSatisfying(p -> assertThat(p.id()).isEqualTo("verify-schema"));
    Map<String, Step> steps = byId(g);
    assertThat(steps.get("apply-schema-migrations").compensatesOwnFailure()).isTrue();
    assertThat(steps.get("apply-schema-migrations").compensation()).map(Step::id).contains("restore-snapshot");
    assertThat(steps.get("pause-writers").compensation()).map(Step::kind).contains(StepKind.RESUME);
  }

  @Test
  void metaflowGuardsFirstAndRestoresTheSnapshotWhenTheUpgradeBegan() {
    MigrationGraph g = graph("metaflow-service-upgrade");
    // Paused before the snapshot and restarted after the verify: a restore never drops runs the service recorded.
    assertThat(topLevel(g)).containsExactly("check-upgrade-needed", "pause-service", "snapshot-database",
        "upgrade-database-schema", "verify-service-version", "restart-service");
    assertThat(g.steps().getFirst().kind()).isEqualTo(StepKind.GUARD);
    assertThat(g.alreadyDone()).hasValueSatisfying(a -> assertThat(a.done().describe()).isEqualTo("needed = false"));
    assertThat(byId(g).get("upgrade-database-schema").compensation()).map(Step::id).contains("restore-snapshot");
  }

  @Test
  void auroraUpgradesThroughTwoPointZeroAfterTheIamChange() {
    MigrationGraph g = graph("aurora-restore-pipeline-upgrade");
    assertThat(topLevel(g)).containsExactly("check-pipeline-version", "check-no-operation-in-progress",
        "back-up-tables-and-template",
        "grant-v3-permissions",
        "publish-code-to-2-0", "migrate-schema-to-2-0", "migrate-state-to-2-0",
        "publish-code-to-3-0", "migrate-schema-to-3-0", "migrate-state-to-3-0",
        "verify-pipeline-version");
    // The whole pipeline at 3.0 is done, whatever an operation in progress says.
    assertThat(g.alreadyDone()).hasValueSatisfying(a -> assertThat(a.checkStep() + " " + a.done().describe())
        .isEqualTo("check-pipeline-version upToDate is true"));
    assertThat(g.versionPlans().getFirst().hops().orElseThrow())
        .extracting(h -> h.hop().from() + "->" + h.hop().to()).containsExactly("1.0->2.0", "2.0->3.0");
    assertThat(AuroraRestorePipelineUpgrade.COMPATIBILITY.hops("1.0", "3.0").orElseThrow()).hasSize(2);
    assertThat(g.compensableInOrder()).extracting(Step::id).containsExactly("grant-v3-permissions",
        "publish-code-to-2-0", "migrate-schema-to-2-0", "publish-code-to-3-0");
  }

  @Test
  void pachydermApprovesBeforeDisablingTheOldCluster() {
    MigrationGraph g = graph("pachyderm-major-migration");
    List<String> order = topLevel(g);
    assertThat(order.getFirst()).isEqualTo("check-cutover-done");
    assertThat(g.alreadyDone()).hasValueSatisfying(a -> assertThat(a.done().describe()).isEqualTo("migrated is true"));
    assertThat(order.indexOf("approve-cutover")).isEqualTo(order.indexOf("disable-old-cluster") - 1);
    assertThat(byId(g).get("disable-old-cluster").isIrreversible()).isTrue();
    assertThat(byId(g).get("back-up-and-clone").branches()).extracting(b -> b.getFirst().id())
        .containsExactly("extract-backup", "clone-object-store");
  }

  private static Map<String, Step> byId(MigrationGraph g) {
    return g.allWorkSteps().stream().collect(Collectors.toMap(Step::id, Function.identity()));
  }
}
