package dev.ferry.worlds.metaflow;

import dev.ferry.deploy.rehearse.world.Database;
import dev.ferry.deploy.rehearse.world.Invariant;
import dev.ferry.deploy.rehearse.world.LocalFunction;
import dev.ferry.deploy.rehearse.world.RehearsalWorld;
import dev.ferry.deploy.rehearse.world.RunInput;
import dev.ferry.deploy.rehearse.world.StandIn;
import dev.ferry.deploy.rehearse.world.World;
import dev.ferry.worlds.RunEnd;
import dev.ferry.worlds.WorldChecks;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How {@code metaflow-service-upgrade} is rehearsed: the metadata database seeded once at schema V1
 * with sample flows and runs and copied for every run, a {@link MetaflowStack} on each copy, and the
 * stack's checks after every run. {@code ExecuteDBMigration} takes no payload (the real Lambda knows
 * its migration service from its configuration), so its handler serves the run going on and runs
 * are sequential.
 */
public final class MetaflowWorld implements RehearsalWorld {

  private static final String STACK = "metaflow";

  @Override
  public World world() {
    AtomicReference<MetaflowStack> current = new AtomicReference<>();
    World.Builder world = World.forMigration(MetaflowStack.MIGRATION)
        .database(Database.postgres(MetaflowStack.DATABASE).seededBy(seed -> {
          seed.call("ferry-schema-migrate", Map.of("secretArn", seed.secretArn(), "location", MetadataSchema.LOCATION,
              "targetVersion", "1"));
          seed.execute(MetaflowStack.SEED_SQL.toArray(String[]::new));
        }));
    MetaflowStack.functions(() -> Optional.ofNullable(current.get()).orElseThrow(() ->
            new IllegalStateException("no Metaflow stack is up: the function was called outside a rehearsal run")))
        .forEach((name, handler) -> world.function(LocalFunction.of(name, handler::handle)));
    return world
        .standIn(StandIn.of(STACK, MetaflowStack.class, run -> {
          MetaflowStack stack = MetaflowStack.open(run.postgres(), run.database(MetaflowStack.DATABASE));
          current.set(stack);
          return stack;
        }))
        .input(run -> new RunInput(run.database(MetaflowStack.DATABASE), run.standIn(STACK, MetaflowStack.class).parameters()))
        .invariant(Invariant.check("metaflow service", run ->
            WorldChecks.verdict(run.standIn(STACK, MetaflowStack.class).check(RunEnd.of(run.progress())))))
        .sequential()
        .build();
  }
}
