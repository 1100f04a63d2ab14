package dev.ferry.worlds.pachyderm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.LambdaHandler;
import dev.ferry.engine.StatesError;
import dev.ferry.tasks.Json;
import dev.ferry.worlds.pachyderm.PachydermClusters.Cluster;
import dev.ferry.worlds.pachyderm.PachydermClusters.Commit;
import dev.ferry.worlds.pachyderm.PachydermClusters.Status;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Local handlers for the operator's own {@code pachyderm-*} Lambdas, which wrap {@code pachctl} on
 * AWS: each takes the payload the runbook sends and returns the fields the runbook reads, doing the
 * same thing to {@link PachydermClusters} that the real function does to a cluster.
 *
 * <p>This is how to rehearse a migration that calls functions Ferry does not ship: write one {@code
 * JsonNode -> JsonNode} handler per function name, keep every one safe to call twice (a retry, or a
 * redrive after a crash, calls it again with the same payload), and hand the map to the local target
 * ({@code local.function(name, handler)}) before the first run.
 */
public final class PachydermFunctions {

  private final PachydermClusters clusters;
  /** Per cluster, what Ferry's first pause found running, so a repeated pause reports the same. */
  private final Map<String, Boolean> pipelinesBeforePause = new LinkedHashMap<>();
  private final Map<String, Boolean> loadingBeforePause = new LinkedHashMap<>();

  public PachydermFunctions(PachydermClusters clusters) {
    this.clusters = clusters;
  }

  /** Every function, by the name the runbook calls it. */
  public Map<String, LambdaHandler> handlers() {
    Map<String, LambdaHandler> handlers = new LinkedHashMap<>();
    handlers.put("pachyderm-pause-pipelines", p -> pause(p, true));
    handlers.put("pachyderm-resume-pipelines", p -> resume(p, true));
    handlers.put("pachyderm-pause-data-loading", p -> pause(p, false));
    handlers.put("pachyderm-resume-data-loading", p -> resume(p, false));
    handlers.put("pachyderm-extract-backup", this::extractBackup);
    handlers.put("pachyderm-backup-status", p -> {
      clusters.backupCommits(text(p, "backupId"));
      return result().put("status", "complete");
    });
    handlers.put("pachyderm-clone-bucket", this::cloneBucket);
    handlers.put("pachyderm-clone-status", p -> result().put("done", true));
    handlers.put("pachyderm-restart-with-checkpoint", this::restartWithCheckpoint);
    handlers.put("pachyderm-deploy-cluster", this::deployCluster);
    handlers.put("pachyderm-cluster-status", this::clusterStatus);
    handlers.put("pachyderm-restore-backup", this::restoreBackup);
    handlers.put("pachyderm-restore-status", p -> result().put("done", true));
    handlers.put("pachyderm-replay-transactions", this::replay);
    handlers.put("pachyderm-verify-cluster", this::verifyCluster);
    handlers.put("pachyderm-disable-cluster", this::disableCluster);
    handlers.put("pachyderm-cutover-status", this::cutoverStatus);
    return Map.copyOf(handlers);
  }

  /** {@code pachctl stop pipeline} / {@code stop loading}: {@code {cluster}} to {@code {paused: [what was running]}}. */
  private JsonNode pause(JsonNode payload, boolean pipelines) {
    synchronized (clusters) {
      Cluster cluster = clusters.serving(text(payload, "cluster"));
      Map<String, Boolean> before = pipelines ? pipelinesBeforePause : loadingBeforePause;
      boolean wasRunning = before.computeIfAbsent(cluster.name, n -> pipelines ? cluster.pipelinesRunning : cluster.loadingRunning);
      if (pipelines) {
        cluster.pipelinesRunning = false;
      } else {
        cluster.loadingRunning = false;
      }
      ObjectNode out = result();
      var paused = out.putArray("paused");
      if (wasRunning) {
        paused.add(pipelines ? "edges" : "raw-loader");
      }
      return out;
    }
  }

  /** Starts again exactly what the pause found running: {@code {cluster, paused}}. */
  private JsonNode resume(JsonNode payload, boolean pipelines) {
    synchronized (clusters) {
      Cluster cluster = clusters.serving(text(payload, "cluster"));
      if (!payload.path("paused").isArray()) {
        throw new StatesError("Pachyderm.InvalidInput", "paused: expected the pause step's list, got " + payload.get("paused"));
      }
      if (!payload.path("paused").isEmpty()) {
        if (pipelines) {
          cluster.pipelinesRunning = true;
        } else {
          cluster.loadingRunning = true;
        }
      }
      (pipelines ? pipelinesBeforePause : loadingBeforePause).remove(cluster.name);
      return result().set("resumed", payload.path("paused"));
    }
  }

  /** {@code pachctl extract}: the cluster's metadata as it is now, named after the execution. */
  private JsonNode extractBackup(JsonNode payload) {
    String backupId = text(payload, "bucket") + "/" + text(payload, "executionName");
    return result().put("backupId", clusters.backup(text(payload, "cluster"), backupId));
  }

  /** Copies every object of the source bucket into the target bucket (objects already there are kept). */
  private JsonNode cloneBucket(JsonNode payload) {
    synchronized (clusters) {
      Map<String, String> source = clusters.bucket(text(payload, "sourceBucket"));
      clusters.bucket(text(payload, "targetBucket")).putAll(source);
      return result().put("cloneId", text(payload, "sourceBucket") + "->" + text(payload, "targetBucket"));
    }
  }

  /** Starts pipelines and loading again; the checkpoint (fixed per execution) marks what to replay. */
  private JsonNode restartWithCheckpoint(JsonNode payload) {
    synchronized (clusters) {
      Cluster cluster = clusters.serving(text(payload, "cluster"));
      long checkpoint = clusters.checkpoint(cluster.name, text(payload, "executionName"));
      cluster.pipelinesRunning = true;
      cluster.loadingRunning = true;
      pipelinesBeforePause.remove(cluster.name);
      loadingBeforePause.remove(cluster.name);
      return result().put("checkpoint", checkpoint);
    }
  }

  /** Creates the new cluster on the cloned bucket; it is ready at the next status call. */
  private JsonNode deployCluster(JsonNode payload) {
    Cluster cluster = clusters.deploy(text(payload, "cluster"), text(payload, "version"), text(payload, "bucket"));
    return result().put("cluster", cluster.name).put("status", cluster.status.name().toLowerCase());
  }

  private JsonNode clusterStatus(JsonNode payload) {
    synchronized (clusters) {
      Cluster cluster = clusters.cluster(text(payload, "cluster"));
      if (cluster.status == Status.DEPLOYING) {
        cluster.status = Status.READY;
      }
      return result().put("status", cluster.status.name().toLowerCase()).put("version", cluster.version);
    }
  }

  /** {@code pachctl restore}: the backup's commits into the new cluster, whose bucket must hold their objects. */
  private JsonNode restoreBackup(JsonNode payload) {
    synchronized (clusters) {
      Cluster cluster = clusters.cluster(text(payload, "cluster"));
      if (cluster.status != Status.READY) {
        throw new StatesError("Pachyderm.ClusterNotReady", "cluster " + cluster.name + " is " + cluster.status);
      }
      String backupId = text(payload, "backupId");
      for (Commit commit : clusters.backupCommits(backupId)) {
        if (!clusters.receive(cluster, commit)) {
          throw new StatesError("Pachyderm.ObjectMissing", "commit " + commit.id() + " of backup " + backupId
              + " has no object in bucket " + cluster.bucket + "; was the bucket cloned?");
        }
      }
      return result().put("restoreId", cluster.name + "<-" + backupId);
    }
  }

  /** Copies the source's own commits after the checkpoint, with their objects, into the target. */
  private JsonNode replay(JsonNode payload) {
    synchronized (clusters) {
      Cluster source = clusters.cluster(text(payload, "sourceCluster"));
      Cluster target = clusters.cluster(text(payload, "targetCluster"));
      long checkpoint = payload.path("checkpoint").asLong(-1);
      if (checkpoint < 0) {
        throw new StatesError("Pachyderm.InvalidInput", "checkpoint: expected the restart's checkpoint, got " + payload.get("checkpoint"));
      }
      int replayed = 0;
      for (Commit commit : List.copyOf(source.commits)) {
        if (commit.origin().equals(source.name) && commit.sequence() > checkpoint && !target.commits.contains(commit)) {
          clusters.bucket(target.bucket).put(commit.object(), clusters.bucket(source.bucket).get(commit.object()));
          clusters.receive(target, commit);
          replayed++;
        }
      }
      return result().put("replayed", replayed).put("through", source.sequence);
    }
  }

  /** The new cluster serves the expected version and every commit it holds has its object. */
  private JsonNode verifyCluster(JsonNode payload) {
    synchronized (clusters) {
      Cluster cluster = clusters.cluster(text(payload, "cluster"));
      Set<String> objects = new HashSet<>(clusters.bucket(cluster.bucket).keySet());
      long missing = cluster.commits.stream().filter(c -> !objects.contains(c.object())).count();
      boolean ok = cluster.status == Status.READY && cluster.version.equals(text(payload, "expectedVersion"))
          && missing == 0 && !cluster.commits.isEmpty();
      return result().put("ok", ok).put("version", cluster.version).put("commits", cluster.commits.size())
          .put("missingObjects", missing);
    }
  }

  /** Stops the old cluster for good. */
  private JsonNode disableCluster(JsonNode payload) {
    synchronized (clusters) {
      Cluster cluster = clusters.cluster(text(payload, "cluster"));
      cluster.status = Status.DISABLED;
      cluster.pipelinesRunning = false;
      cluster.loadingRunning = false;
      return result().put("status", "disabled");
    }
  }

  /**
   * Whether the move is done, reading both clusters and changing neither: the new cluster serves
   * {@code targetVersion} and the old one is disabled. {@code {oldCluster, newCluster,
   * targetVersion}} to {@code {migrated, oldCluster, newCluster, newVersion}}, a cluster that does
   * not exist reported {@code missing}.
   */
  private JsonNode cutoverStatus(JsonNode payload) {
    synchronized (clusters) {
      Optional<Cluster> old = clusters.find(text(payload, "oldCluster"));
      Optional<Cluster> replacement = clusters.find(text(payload, "newCluster"));
      String target = text(payload, "targetVersion");
      boolean migrated = old.filter(c -> c.status == Status.DISABLED).isPresent()
          && replacement.filter(c -> c.status == Status.READY && c.version.equals(target)).isPresent();
      return result().put("migrated", migrated)
          .put("oldCluster", old.map(c -> c.status.name().toLowerCase()).orElse("missing"))
          .put("newCluster", replacement.map(c -> c.status.name().toLowerCase()).orElse("missing"))
          .put("newVersion", replacement.map(c -> c.version).orElse("missing"));
    }
  }

  private static ObjectNode result() {
    return Json.mapper().createObjectNode();
  }

  private static String text(JsonNode payload, String field) {
    String value = payload.path(field).asText("");
    if (value.isBlank()) {
      throw new StatesError("Pachyderm.InvalidInput", field + ": required, got " + payload.get(field));
    }
    return value;
  }
}
