package dev.ferry.worlds.pachyderm;

import dev.ferry.engine.StatesError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A local model of Pachyderm clusters and their object stores, the state the operator's functions
 * change. A serving cluster with its input loading running commits to its input repo {@code raw};
 * with its pipelines running, the {@code edges} pipeline commits one output for each input commit.
 * Every commit stores an object in the cluster's bucket. A background thread ticks every serving
 * cluster, so commits keep coming while a migration runs.
 */
public final class PachydermClusters implements AutoCloseable {

  /** A commit, named by the cluster that made it and its sequence number there. */
  public record Commit(String id, String repo, long sequence, String origin) {
    String object() {
      return "objects/" + id;
    }
  }

  public enum Status { DEPLOYING, READY, DISABLED }

  /** One cluster. Guarded by the model's lock. */
  public static final class Cluster {
    final String name;
    final String version;
    final String bucket;
    Status status;
    boolean pipelinesRunning;
    boolean loadingRunning;
    long sequence;
    int rawProcessed;
    final List<Commit> commits = new ArrayList<>();

    Cluster(String name, String version, String bucket, Status status) {
      this.name = name;
      this.version = version;
      this.bucket = bucket;
      this.status = status;
    }
  }

  private final Map<String, Cluster> clusters = new HashMap<>();
  private final Map<String, Map<String, String>> buckets = new HashMap<>();
  private final Map<String, List<Commit>> backups = new HashMap<>();
  private final Map<String, Long> checkpoints = new HashMap<>();
  private final List<Commit> acknowledged = new ArrayList<>();
  private final Duration tick;
  private Thread ticker;

  public PachydermClusters(Duration tick) {
    this.tick = tick;
  }

  /** Starts the thread that makes every serving cluster commit, every {@code tick}. */
  public synchronized void startTicking() {
    if (ticker == null) {
      ticker = Thread.ofPlatform().daemon().name("pachyderm-clusters").start(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          tick();
          try {
            Thread.sleep(tick);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
    }
  }

  /** Stops the commits; returns once the thread ended. */
  public void stopTicking() {
    Thread running;
    synchronized (this) {
      running = ticker;
      ticker = null;
    }
    if (running != null) {
      running.interrupt();
      try {
        running.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Forgets every cluster, bucket, backup and checkpoint, then creates a serving cluster with {@code commits} input commits processed. */
  public synchronized void reset(String name, String version, String bucket, int commits) {
    clusters.clear();
    buckets.clear();
    backups.clear();
    checkpoints.clear();
    acknowledged.clear();
    Cluster cluster = new Cluster(name, version, bucket, Status.READY);
    clusters.put(name, cluster);
    cluster.loadingRunning = true;
    cluster.pipelinesRunning = true;
    while (cluster.commits.stream().filter(c -> c.repo().equals("raw")).count() < commits) {
      tick(cluster);
    }
  }

  private synchronized void tick() {
    clusters.values().stream().filter(c -> c.status == Status.READY).forEach(this::tick);
  }

  private void tick(Cluster cluster) {
    if (cluster.loadingRunning) {
      commit(cluster, "raw");
    }
    if (cluster.pipelinesRunning) {
      List<Commit> raw = cluster.commits.stream().filter(c -> c.repo().equals("raw") && c.origin().equals(cluster.name)).toList();
      for (int i = cluster.rawProcessed; i < raw.size(); i++) {
        commit(cluster, "edges");
      }
      cluster.rawProcessed = raw.size();
    }
  }

  private void commit(Cluster cluster, String repo) {
    long sequence = ++cluster.sequence;
    Commit commit = new Commit(cluster.name + ":" + repo + "@" + sequence, repo, sequence, cluster.name);
    cluster.commits.add(commit);
    acknowledged.add(commit);
    bucket(cluster.bucket).put(commit.object(), "data of " + commit.id());
  }

  // ---------------------------------------------------------------- what the operator's functions do

  synchronized Cluster cluster(String name) {
    Cluster cluster = clusters.get(name);
    if (cluster == null) {
      throw new StatesError("Pachyderm.ClusterNotFound", "cluster " + name + " does not exist; clusters: " + clusters.keySet());
    }
    return cluster;
  }

  synchronized Cluster serving(String name) {
    Cluster cluster = cluster(name);
    if (cluster.status == Status.DISABLED) {
      throw new StatesError("Pachyderm.ClusterDisabled", "cluster " + name + " is disabled; it can no longer be paused,"
          + " resumed or restarted");
    }
    return cluster;
  }

  synchronized Optional<Cluster> find(String name) {
    return Optional.ofNullable(clusters.get(name));
  }

  synchronized Cluster deploy(String name, String version, String bucket) {
    return clusters.computeIfAbsent(name, n -> new Cluster(n, version, bucket, Status.DEPLOYING));
  }

  synchronized Map<String, String> bucket(String name) {
    return buckets.computeIfAbsent(name, b -> new HashMap<>());
  }

  synchronized String backup(String clusterName, String backupId) {
    backups.computeIfAbsent(backupId, id -> List.copyOf(cluster(clusterName).commits));
    return backupId;
  }

  synchronized List<Commit> backupCommits(String backupId) {
    List<Commit> commits = backups.get(backupId);
    if (commits == null) {
      throw new StatesError("Pachyderm.BackupNotFound", "backup " + backupId + " does not exist");
    }
    return commits;
  }

  synchronized long checkpoint(String clusterName, String execution) {
    return checkpoints.computeIfAbsent(execution, e -> cluster(clusterName).sequence);
  }

  /** Adds {@code commit} to {@code cluster} unless it holds it; false when the cluster's bucket lacks its object. */
  synchronized boolean receive(Cluster cluster, Commit commit) {
    if (!bucket(cluster.bucket).containsKey(commit.object())) {
      return false;
    }
    if (!cluster.commits.contains(commit)) {
      cluster.commits.add(commit);
    }
    return true;
  }

  // ---------------------------------------------------------------- what checks read

  /** The commits of {@code name} (empty when it does not exist), in the order it received them. */
  public synchronized List<Commit> commits(String name) {
    return find(name).map(c -> List.copyOf(c.commits)).orElse(List.of());
  }

  /** Every commit a cluster made and acknowledged to its client, whatever happened to it since. */
  public synchronized List<Commit> acknowledged(String origin) {
    return acknowledged.stream().filter(c -> c.origin().equals(origin)).toList();
  }

  public synchronized Optional<Status> status(String name) {
    return find(name).map(c -> c.status);
  }

  /** Whether the cluster is serving with its pipelines and its input loading running. */
  public synchronized boolean producing(String name) {
    return find(name).filter(c -> c.status == Status.READY && c.pipelinesRunning && c.loadingRunning).isPresent();
  }

  public synchronized Optional<Long> checkpointOf(String execution) {
    return Optional.ofNullable(checkpoints.get(execution));
  }

  public synchronized Map<String, Long> checkpoints() {
    return Map.copyOf(checkpoints);
  }

  /**
   * Everything a migration step changes, by part: each cluster (status, version, what runs, its
   * commits), each bucket's objects, the backups and the checkpoints. Two equal pictures mean no
   * step changed anything in between.
   */
  public synchronized Map<String, String> picture() {
    Map<String, String> parts = new TreeMap<>();
    clusters.values().forEach(c -> parts.put("cluster " + c.name, c.status + " " + c.version + " pipelines "
        + c.pipelinesRunning + " loading " + c.loadingRunning + " commits " + c.commits.stream().map(Commit::id).toList()));
    buckets.forEach((name, objects) -> parts.put("bucket " + name, new TreeMap<>(objects).toString()));
    parts.put("backups", new TreeMap<>(backups).keySet().toString());
    parts.put("checkpoints", new TreeMap<>(checkpoints).toString());
    return parts;
  }

  /** Drops {@code commit} from {@code cluster}: how a test mutates the world to lose one. */
  synchronized void drop(String cluster, Commit commit) {
    cluster(cluster).commits.remove(commit);
  }

  @Override
  public void close() {
    stopTicking();
  }
}
