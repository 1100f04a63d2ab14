package dev.ferry.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.dsl.graph.Edge;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.graph.Node;
import dev.ferry.dsl.validate.MigrationValidator;
import org.junit.jupiter.api.Test;

class MigrationDslTest {

  @Test
  void realisticMigrationBuildsWithoutViolations() {
    MigrationGraph graph = Examples.postgresSchemaUpgrade().build();
    assertThat(graph.steps()).extracting(Step::id).containsExactly(
        "schema-upgrade-needed", "snapshot-database", "capture-baseline", "pause-writers",
        "apply-schema", "verify-schema", "resume-writers");
    assertThat(MigrationValidator.validate(graph)).isEmpty();
  }

  @Test
  void failureEdgesCompensateCompletedStepsInReverse() {
    MigrationGraph graph = Examples.postgresSchemaUpgrade().build();
    // verify fails: restore (upgrade completed), then resume what the pause paused, then fail.
    assertThat(graph.edges()).contains(
        new Edge.Failure("verify-schema", "restore-database"),
        new Edge.Compensation("restore-database", "resume-paused-writers"),
        new Edge.Compensation("resume-paused-writers", "failed"),
        // the upgrade compensates its own failure: it may have begun
        new Edge.Failure("apply-schema", "restore-database"),
        new Edge.Failure("pause-writers", "failed"),
        new Edge.PollLoop("snapshot-database"));
    assertThat(graph.node("restore-database")).get().isInstanceOf(Node.CompensationNode.class);
  }

  @Test
  void stepOutputsRenderAsJsonPath() {
    assertThat(Examples.snapshot().output(dev.ferry.dsl.tasks.SnapshotCreate.SNAPSHOT_ID).path()).isEqualTo("$.steps.snapshot-database.result.snapshotId");
    assertThat(Ref.param("targetVersion").path()).isEqualTo("$.parameters.targetVersion");
    assertThat(Ref.format("http://{}/x", Ref.param("host")).path()).isEqualTo("States.Format('http://{}/x', $.parameters.host)");
  }

  @Test
  void versionMatrixResolvesShortestChainThroughIntermediateVersions() {
    VersionMatrix m = VersionMatrix.of(
        VersionMatrix.edge("1.0", "2.0"),
        VersionMatrix.edge("2.0", "3.0").requires("update-iam-role"));
    assertThat(m.hops("1.0", "3.0")).get().asList().extracting(h -> ((Hop) h).from() + ">" + ((Hop) h).to())
        .containsExactly("1.0>2.0", "2.0>3.0");
    assertThat(m.hops("1.0", "2.0")).get().asList().hasSize(1);
    assertThat(m.hops("3.0", "1.0")).isEmpty();
    assertThat(new Hop(VersionMatrix.edge("2.0", "3.0")).stepId("update-code")).isEqualTo("update-code-to-3-0");
  }

  @Test
  void pollScheduleDoublesUpToTheCap() {
    Poll poll = Examples.snapshot().poll().orElseThrow();
    assertThat(poll.waits()).startsWith(60L, 120L, 240L, 480L, 960L, 1800L, 1800L);
    assertThat(poll.waits().stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(48 * 3600);
  }

  @Test
  void fieldsMustBeReferencePaths() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultField.bool("ok; drop"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 'ok; drop' is not a dotted path of field names");
    assertThat(Expect.isTrue(ResultField.bool("final-status.is_up_to_date")).field()).isEqualTo("final-status.is_up_to_date");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultField.string("a[0]"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
