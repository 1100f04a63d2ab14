package dev.ferry.worlds.pachyderm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.LambdaHandler;
import dev.ferry.worlds.RunEnd;
import dev.ferry.worlds.WorldCheck;
import dev.ferry.worlds.pachyderm.PachydermClusters.Commit;
import dev.ferry.worlds.pachyderm.PachydermClusters.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one run of {@code pachyderm-major-migration} works on: an old cluster at
 * {@value #OLD_VERSION} serving, its pipelines and input loading committing all the time, on its
 * object-store bucket; the new cluster does not exist yet. Every function the runbook calls is the
 * operator's own except the approval, so every one has a local handler in {@link PachydermFunctions}.
 */
public final class PachydermSite implements AutoCloseable {



  public static final String MIGRATION = "pachyderm-major-migration";
  public static final String TARGET = "pachyderm";
  public static final String OLD = "pachyderm-old";
  public static final String NEW = "pachyderm-new";
  public static final String OLD_VERSION = "1.13.4";
  public static final String NEW_VERSION = "2.9.0";
  static final String BUCKET = "pachyderm-objects";
  static final String NEW_BUCKET = "pachyderm-objects-v2";
  private static final Duration TICK = Duration.ofMillis(10);
  private static final Duration SERVING_TIMEOUT = Duration.ofSeconds(10);
  private static final int SEEDED_INPUT_COMMITS = 40;

  private final PachydermClusters clusters = new PachydermClusters(TICK);
  private final PachydermFunctions functions = new PachydermFunctions(clusters);

  /** The operator's functions, by the name the runbook calls them. */
  public Map<String, LambdaHandler> functions() {
    return functions.handlers();
  }

  public ObjectNode parameters() {
    return JsonNodeFactory.instance.objectNode()
        .put("oldCluster", OLD)
        .put("newCluster", NEW)
        .put("targetVersion", NEW_VERSION)
        .put("objectStoreBucket", BUCKET)
        .put("newObjectStoreBucket", NEW_BUCKET)
        .put("backupBucket", "pachyderm-backups");
  }

  /** Before every run: only the old cluster, serving and committing, with sample commits; no new cluster, no backups. */
  public void reset() {
    clusters.reset(OLD, OLD_VERSION, BUCKET, SEEDED_INPUT_COMMITS);
    clusters.startTicking();
  }

  /** After a run's checks: the clusters stop committing. */
  public void quiesce() {
    clusters.stopTicking();
  }

  public PachydermClusters clusters() {
    return clusters;
  }

  // ---------------------------------------------------------------- checks

  /** The world's invariants after a run that ended {@code end}. */
  public List<WorldCheck> check(RunEnd end) {
    boolean oldDisabled = clusters.status(OLD).filter(Status.DISABLED::equals).isPresent();
    List<WorldCheck> checks = new ArrayList<>();
    if (end == RunEnd.SUCCEEDED) {
      checks.add(WorldCheck.of("old cluster disabled", oldDisabled, OLD + " is " + clusters.status(OLD).orElseThrow()));
      checks.add(newClusterCheck());
      checks.add(checkpointCheck());
    } else if (oldDisabled) {
      // Past the point of no return: the new cluster must carry everything.
      checks.add(newClusterCheck());
      checks.add(checkpointCheck());
    } else {
      // A failed rollback, or a run that stopped past the point of no return, keeps what it could
      // not resume paused, for an operator.
      checks.add(end == RunEnd.ROLLBACK_FAILED || end == RunEnd.INCOMPLETE
          ? WorldCheck.of("old cluster serves", true, OLD + " left as the run that ended " + end + " left it")
          : servingCheck());
      // Acknowledged first: the cluster keeps committing, and its commits only grow.
      List<Commit> acknowledged = clusters.acknowledged(OLD);
      Set<Commit> kept = new HashSet<>(clusters.commits(OLD));
      List<Commit> lost = acknowledged.stream().filter(c -> !kept.contains(c)).toList();
      checks.add(WorldCheck.of("old cluster commits", lost.isEmpty(), lost.isEmpty()
          ? "all " + acknowledged.size() + " commits of " + OLD + " are there"
          : lost.size() + " acknowledged commits are gone from " + OLD + ", first " + lost.getFirst().id()));
    }
    return List.copyOf(checks);
  }

  private WorldCheck newClusterCheck() {
    Optional<Status> status = clusters.status(NEW);
    boolean ready = status.filter(Status.READY::equals).isPresent();
    return WorldCheck.of("new cluster", ready, NEW + " is " + status.map(Status::name).orElse("missing"));
  }

  /** Every commit the old cluster made up to the run's checkpoint is in the new cluster. */
  private WorldCheck checkpointCheck() {
    Optional<Long> checkpoint = clusters.checkpoints().values().stream().findFirst();
    if (checkpoint.isEmpty()) {
      return WorldCheck.of("checkpoint commits", false, "the run recorded no checkpoint");
    }
    Set<Commit> inNew = new HashSet<>(clusters.commits(NEW));
    List<Commit> made = clusters.acknowledged(OLD);
    List<Commit> missing = made.stream().filter(c -> c.sequence() <= checkpoint.get() && !inNew.contains(c)).toList();
    long later = made.stream().filter(c -> c.sequence() > checkpoint.get() && !inNew.contains(c)).count();
    String note = later == 0 ? "" : "; " + later + " commits made after the replay stayed on " + OLD;
    return WorldCheck.of("checkpoint commits", missing.isEmpty(), (missing.isEmpty()
        ? "all " + made.stream().filter(c -> c.sequence() <= checkpoint.get()).count() + " commits up to checkpoint "
            + checkpoint.get() + " are in " + NEW
        : missing.size() + " commits up to checkpoint " + checkpoint.get() + " are missing from " + NEW + ", first "
            + missing.getFirst().id()) + note);
  }

  private WorldCheck servingCheck() {
    if (!clusters.producing(OLD)) {
      return WorldCheck.of("old cluster serves", false, OLD + " is " + clusters.status(OLD).map(Status::name).orElse("missing")
          + " and not producing: its pipelines or input loading are still paused");
    }
    int now = clusters.acknowledged(OLD).size();
    Instant deadline = Instant.now().plus(SERVING_TIMEOUT);
    while (clusters.acknowledged(OLD).size() < now + 2) {
      if (Instant.now().isAfter(deadline)) {
        return WorldCheck.of("old cluster serves", false, OLD + " runs but commits nothing");
      }
      try {
        Thread.sleep(TICK);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return WorldCheck.of("old cluster serves", false, "interrupted while waiting for commits");
      }
    }
    return WorldCheck.of("old cluster serves", true, OLD + " serves again and keeps committing");
  }

  @Override
  public void close() {
    clusters.close();
  }
}
