package dev.ferry.worlds.pachyderm;

import dev.ferry.deploy.rehearse.world.Invariant;
import dev.ferry.deploy.rehearse.world.LocalFunction;
import dev.ferry.deploy.rehearse.world.RehearsalWorld;
import dev.ferry.deploy.rehearse.world.RunInput;
import dev.ferry.deploy.rehearse.world.StandIn;
import dev.ferry.deploy.rehearse.world.World;
import dev.ferry.worlds.RunEnd;
import dev.ferry.worlds.WorldChecks;

/**
 * How {@code pachyderm-major-migration} is rehearsed: every function it calls is the operator's
 * own, so each is declared with its local handler ({@link PachydermFunctions}); before each run the
 * {@link PachydermSite} is reset to an old cluster serving and committing, and after it the site's
 * checks judge the clusters. The functions and checks use fixed cluster names, so runs are
 * sequential.
 */
public final class PachydermWorld implements RehearsalWorld {

  @Override
  public World world() {
    PachydermSite site = new PachydermSite();
    World.Builder world = World.forMigration(PachydermSite.MIGRATION);
    site.functions().forEach((name, handler) -> world.function(LocalFunction.of(name, handler::handle)));
    return world
        .standIn(StandIn.of("pachyderm", AutoCloseable.class, run -> {
          site.reset();
          return site::quiesce;
        }))
        .input(run -> new RunInput(PachydermSite.TARGET, site.parameters()))
        .invariant(Invariant.check("pachyderm clusters", run -> WorldChecks.verdict(site.check(RunEnd.of(run.progress())))))
        .sequential()
        .build();
  }
}
