package dev.ferry.worlds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.local.LocalSettings;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.worlds.aurora.AuroraWorld;
import dev.ferry.worlds.metaflow.MetaflowWorld;
import dev.ferry.worlds.pachyderm.PachydermWorld;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every work step of each seed runbook with every fault: each run leaves its world whole. */
class SeedMatrixTest {

  @Test
  void metaflow() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary());
        MetaflowWorld world = MetaflowWorld.start(local.postgres())) {
      world.functions().forEach((name, handler) -> local.registerFunction(name, env -> handler));
      LocalRuns.deploy(local, MetaflowWorld.MIGRATION);
      report(FaultMatrix.run(local, MetaflowWorld.MIGRATION, "metaflow-metadata", new FaultMatrix.World() {
        public void reset() throws Exception { world.reset(); }
        public ObjectNode parameters() { return world.parameters(); }
        public List<WorldCheck> check(RunEnd end) throws Exception { return world.check(end); }
      }));
    }
  }

  @Test
  void aurora() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
      AuroraWorld world = new AuroraWorld(local.dynamoDb(), local.environment().functionVersions());
      world.functions().forEach((name, handler) -> local.registerFunction(name, env -> handler));
      world.resolvers().forEach(local::resolver);
      LocalRuns.deploy(local, AuroraWorld.MIGRATION);
      report(FaultMatrix.run(local, AuroraWorld.MIGRATION, AuroraWorld.TARGET, new FaultMatrix.World() {
        public void reset() { world.reset(); }
        public ObjectNode parameters() { return world.parameters(); }
        public List<WorldCheck> check(RunEnd end) { return world.check(end); }
      }));
    }
  }

  @Test
  void pachyderm() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary()); PachydermWorld world = new PachydermWorld()) {
      world.functions().forEach((name, handler) -> local.registerFunction(name, env -> handler));
      LocalRuns.deploy(local, PachydermWorld.MIGRATION);
      report(FaultMatrix.run(local, PachydermWorld.MIGRATION, PachydermWorld.TARGET, new FaultMatrix.World() {
        public void reset() { world.reset(); }
        public ObjectNode parameters() { return world.parameters(); }
        public List<WorldCheck> check(RunEnd end) { return world.check(end); }
      }));
    }
  }

  private static void report(List<FaultMatrix.Cell> cells) {
    cells.forEach(System.out::println);
    assertThat(cells).allMatch(FaultMatrix.Cell::passed);
  }
}
