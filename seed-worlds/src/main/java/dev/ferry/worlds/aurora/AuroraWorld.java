package dev.ferry.worlds.aurora;

import dev.ferry.deploy.rehearse.world.Invariant;
import dev.ferry.deploy.rehearse.world.LocalFunction;
import dev.ferry.deploy.rehearse.world.LocalIntegration;
import dev.ferry.deploy.rehearse.world.RehearsalWorld;
import dev.ferry.deploy.rehearse.world.RunInput;
import dev.ferry.deploy.rehearse.world.StandIn;
import dev.ferry.deploy.rehearse.world.World;
import dev.ferry.worlds.RunEnd;
import dev.ferry.worlds.WorldChecks;
import dev.ferry.worlds.aurora.RowFormats.Table;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How {@code aurora-restore-pipeline-upgrade} is rehearsed: the state and audit tables afresh per
 * run with the 1.0 sample operations, the pipeline's own functions and the IAM integration as local
 * stand-ins, and the pipeline's checks after every run. The function, alias, stack and role have
 * fixed names, so runs are sequential.
 */
public final class AuroraWorld implements RehearsalWorld {

  private static final String PIPELINE = "aurora-restore-pipeline";

  @Override
  public World world() {
    PipelineStack stack = new PipelineStack();
    World.Builder world = World.forMigration(AuroraPipeline.MIGRATION)
        .table(filled(Table.STATE, dev.ferry.deploy.rehearse.world.Table.named(PipelineTables.STATE, PipelineTables.STATE_KEY)))
        .table(filled(Table.AUDIT, dev.ferry.deploy.rehearse.world.Table.named(PipelineTables.AUDIT, PipelineTables.STATE_KEY)
            .withRangeKey(PipelineTables.AUDIT_SORT_KEY)));
    for (String name : AuroraPipeline.FUNCTIONS) {
      world.function(new LocalFunction(name, context -> AuroraPipeline.functions(stack, context.dynamoDb(),
          context.environment().functionVersions()).get(name)::handle));
    }
    return world
        .integration(LocalIntegration.of(PipelineStack.IAM_PREFIX, context -> AuroraPipeline.iam(stack)))
        .standIn(StandIn.of(PIPELINE, AuroraPipeline.class, run -> new AuroraPipeline(
            new PipelineTables(run.dynamoDb(), run.table(PipelineTables.STATE), run.table(PipelineTables.AUDIT)),
            stack, run.environment().functionVersions()).prepare()))
        // A run that ends ROLLBACK_FAILED keeps its target's lock: each run has a target of its own.
        .input(run -> new RunInput(run.unique(AuroraPipeline.TARGET), run.standIn(PIPELINE, AuroraPipeline.class).parameters()))
        .invariant(Invariant.check("aurora restore pipeline", run ->
            WorldChecks.verdict(run.standIn(PIPELINE, AuroraPipeline.class).check(RunEnd.of(run.progress())))))
        .sequential()
        .build();
  }

  /** {@code table} with the 1.0 sample rows of {@code rows}. */
  private static dev.ferry.deploy.rehearse.world.Table filled(Table rows, dev.ferry.deploy.rehearse.world.Table table) {
    dev.ferry.deploy.rehearse.world.Table filled = table;
    for (Map<String, AttributeValue> row : PipelineTables.sampleRows(rows)) {
      filled = filled.withItem(row);
    }
    return filled;
  }
}
