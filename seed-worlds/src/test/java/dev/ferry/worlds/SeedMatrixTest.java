package dev.ferry.worlds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.local.LocalSettings;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.worlds.aurora.AuroraPipeline;
import dev.ferry.worlds.aurora.PipelineStack;
import dev.ferry.worlds.aurora.PipelineTables;
import dev.ferry.worlds.metaflow.MetaflowStack;
import dev.ferry.worlds.pachyderm.PachydermSite;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Every work step of each seed runbook with every fault: each run leaves its world whole. */
class SeedMatrixTest {

  @Test
  void metaflow() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
      AtomicReference<MetaflowStack> stack = new AtomicReference<>();
      MetaflowStack.functions(stack::get).forEach((name, handler) -> local.registerFunction(name, env -> handler));
      LocalRuns.deploy(local, MetaflowStack.MIGRATION);
      try {
        report(FaultMatrix.run(local, MetaflowStack.MIGRATION, "metaflow-metadata", new FaultMatrix.World() {
          public void reset() throws Exception {
            if (stack.get() != null) {
              stack.get().close();
            }
            MetaflowStack.createSeeded(local.postgres(), MetaflowStack.DATABASE);
            stack.set(MetaflowStack.open(local.postgres(), MetaflowStack.DATABASE));
          }
          public ObjectNode parameters() { return stack.get().parameters(); }
          public List<WorldCheck> check(RunEnd end) throws Exception { return stack.get().check(end); }
        }));
      } finally {
        stack.get().close();
      }
    }
  }

  @Test
  void aurora() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary())) {
      PipelineStack stack = new PipelineStack();
      AuroraPipeline world = new AuroraPipeline(new PipelineTables(local.dynamoDb(), PipelineTables.STATE, PipelineTables.AUDIT),
          stack, local.environment().functionVersions());
      AuroraPipeline.functions(stack, local.dynamoDb()).forEach((name, handler) -> local.registerFunction(name, env -> handler));
      local.resolver(PipelineStack.IAM_PREFIX, AuroraPipeline.iam(stack));
      LocalRuns.deploy(local, AuroraPipeline.MIGRATION);
      report(FaultMatrix.run(local, AuroraPipeline.MIGRATION, AuroraPipeline.TARGET, new FaultMatrix.World() {
        public void reset() { world.reset(); }
        public ObjectNode parameters() { return world.parameters(); }
        public List<WorldCheck> check(RunEnd end) { return world.check(end); }
      }));
    }
  }

  @Test
  void pachyderm() throws Exception {
    try (LocalTarget local = LocalTarget.open(LocalSettings.temporary()); PachydermSite world = new PachydermSite()) {
      world.functions().forEach((name, handler) -> local.registerFunction(name, env -> handler));
      LocalRuns.deploy(local, PachydermSite.MIGRATION);
      report(FaultMatrix.run(local, PachydermSite.MIGRATION, PachydermSite.TARGET, new FaultMatrix.World() {
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
