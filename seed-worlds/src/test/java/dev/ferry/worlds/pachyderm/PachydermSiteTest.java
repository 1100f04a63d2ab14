package dev.ferry.worlds.pachyderm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.deploy.local.Fault;
import dev.ferry.deploy.local.LocalRun;
import dev.ferry.deploy.local.LocalSettings;
import dev.ferry.deploy.local.LocalTarget;
import dev.ferry.engine.LambdaHandler;
import dev.ferry.engine.StatesError;
import dev.ferry.worlds.LocalRuns;
import dev.ferry.worlds.LocalRuns.Approvals;
import dev.ferry.worlds.RunEnd;
import dev.ferry.worlds.SecondRun;
import dev.ferry.worlds.WorldCheck;
import dev.ferry.worlds.pachyderm.PachydermClusters.Commit;
import dev.ferry.worlds.pachyderm.PachydermClusters.Status;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PachydermSiteTest {

  private static LocalTarget local;
  private static PachydermSite world;
  /** Mutates the world: the restore leaves out the backup's last commit. */
  private static final AtomicBoolean restoreDropsACommit = new AtomicBoolean();
  /** The confirm step's status call fails (the deploy's status polls, on the new cluster, do not). */
  private static final AtomicBoolean confirmFails = new AtomicBoolean();

  @BeforeAll
  static void start() {
    local = LocalTarget.open(LocalSettings.temporary());
    world = new PachydermSite();
    world.functions().forEach((name, handler) -> local.registerFunction(name, env -> handler));
    LambdaHandler restore = world.functions().get("pachyderm-restore-backup");
    local.registerFunction("pachyderm-restore-backup", env -> payload -> {
      var result = restore.handle(payload);
      if (restoreDropsACommit.get()) {
        var commits = world.clusters().backupCommits(payload.path("backupId").asText());
        world.clusters().drop(PachydermSite.NEW, commits.getLast());
      }
      return result;
    });
    LambdaHandler status = world.functions().get("pachyderm-cluster-status");
    local.registerFunction("pachyderm-cluster-status", env -> payload -> {
      if (confirmFails.get() && payload.path("cluster").asText().equals(PachydermSite.OLD)) {
        throw new StatesError("Pachyderm.Unavailable", "the status call of the confirm step fails");
      }
      return status.handle(payload);
    });
    LocalRuns.deploy(local, PachydermSite.MIGRATION);
  }

  @AfterAll
  static void stop() {
    world.close();
    local.close();
  }

  @BeforeEach
  void reset() {
    world.reset();
  }

  @AfterEach
  void unmutate() {
    restoreDropsACommit.set(false);
    confirmFails.set(false);
  }

  @Test
  void aFailurePastTheDisabledOldClusterKeepsTheLockAndTheNewClusterCarriesEverything() throws Exception {
    confirmFails.set(true);
    RunEnd end = LocalRuns.run(local, PachydermSite.MIGRATION, PachydermSite.TARGET, world.parameters(), "confirm-fails");
    assertThat(end).as("past the point of no return nothing is undone: the run ends INCOMPLETE for the operator")
        .isEqualTo(RunEnd.INCOMPLETE);
    assertThat(local.store().requireProgress(PachydermSite.TARGET).lockHolder()).isPresent();
    assertThat(world.check(end)).allMatch(WorldCheck::ok, "every check holds");
  }

  @Test
  void theOldClusterKeepsCommittingWhileItServes() throws Exception {
    int before = world.clusters().acknowledged(PachydermSite.OLD).size();
    Thread.sleep(100);
    assertThat(world.clusters().acknowledged(PachydermSite.OLD)).hasSizeGreaterThan(before);
    assertThat(world.clusters().commits(PachydermSite.OLD)).extracting(Commit::repo).contains("raw", "edges");
  }

  @Test
  void anApprovedRunMovesEveryCommitUpToTheCheckpointAndDisablesTheOldCluster() throws Exception {
    RunEnd end = LocalRuns.run(local, PachydermSite.MIGRATION, PachydermSite.TARGET, world.parameters(), "success");
    assertThat(end).isEqualTo(RunEnd.SUCCEEDED);
    assertThat(world.check(end)).allMatch(WorldCheck::ok, "every check holds");
    assertThat(world.clusters().status(PachydermSite.OLD)).contains(Status.DISABLED);
  }

  @Test
  void aRejectedCutoverLeavesTheOldClusterServing() throws Exception {
    RunEnd end = LocalRuns.run(local, PachydermSite.MIGRATION, PachydermSite.TARGET, world.parameters(), "rejected",
        Approvals.REJECT);
    assertThat(end).isEqualTo(RunEnd.ROLLED_BACK);
    assertThat(world.check(end)).allMatch(WorldCheck::ok, "every check holds");
    assertThat(world.clusters().producing(PachydermSite.OLD)).isTrue();
    assertThat(world.clusters().status(PachydermSite.NEW)).as("left for inspection").contains(Status.READY);
    assertThat(cutoverStatus().path("migrated").asBoolean()).as("the cut-over is still to come").isFalse();
  }

  @Test
  void aSecondRunAfterTheCutoverSucceedsTouchingNothing() throws Exception {
    assertThat(cutoverStatus().path("migrated").asBoolean()).as("before the first run").isFalse();
    assertThat(LocalRuns.run(local, PachydermSite.MIGRATION, PachydermSite.TARGET, world.parameters(), "first"))
        .isEqualTo(RunEnd.SUCCEEDED);
    assertThat(cutoverStatus().path("migrated").asBoolean()).isTrue();
    Map<String, String> picture = world.clusters().picture();

    LocalRun again = SecondRun.run(local, PachydermSite.MIGRATION, PachydermSite.TARGET, world.parameters(), "second");

    SecondRun.touchedNothing(local, again);
    assertThat(world.clusters().picture()).as("no pause, backup, clone, deploy or change").isEqualTo(picture);
    assertThat(world.check(RunEnd.SUCCEEDED)).allMatch(WorldCheck::ok, "every check holds");
  }

  private static JsonNode cutoverStatus() throws Exception {
    return world.functions().get("pachyderm-cutover-status").handle(world.parameters()
        .put("oldCluster", PachydermSite.OLD).put("newCluster", PachydermSite.NEW));
  }

  @Test
  void aFailedBackupResumesThePipelinesAndTheLoading() throws Exception {
    local.faults().inject("pachyderm-extract-backup", new Fault.Fail("Ferry.InjectedFailure", "extract fails", 1));
    RunEnd end = LocalRuns.run(local, PachydermSite.MIGRATION, PachydermSite.TARGET, world.parameters(), "backup-fails");
    assertThat(end).isEqualTo(RunEnd.ROLLED_BACK);
    assertThat(world.check(end)).allMatch(WorldCheck::ok, "every check holds");
  }

  @Test
  void theChecksCatchADroppedCommitAndAnOldClusterLeftPaused() throws Exception {
    restoreDropsACommit.set(true);
    RunEnd end = LocalRuns.run(local, PachydermSite.MIGRATION, PachydermSite.TARGET, world.parameters(), "mutated");
    assertThat(end).as("the runbook's own verify does not see a commit missing").isEqualTo(RunEnd.SUCCEEDED);
    assertThat(world.check(end)).filteredOn(c -> !c.ok()).extracting(WorldCheck::name).containsExactly("checkpoint commits");

    world.reset();
    new PachydermFunctions(world.clusters()).handlers().get("pachyderm-pause-pipelines")
        .handle(world.parameters().deepCopy().put("cluster", PachydermSite.OLD));
    assertThat(world.check(RunEnd.ROLLED_BACK)).filteredOn(c -> !c.ok()).extracting(WorldCheck::name)
        .containsExactly("old cluster serves");
  }
}
