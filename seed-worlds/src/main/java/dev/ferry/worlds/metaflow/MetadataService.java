package dev.ferry.worlds.metaflow;

import dev.ferry.tasks.local.LocalPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The stand-in Metaflow metadata service, as its ECS service looks to an operator: a desired count
 * of tasks, each a thread recording new runs in the metadata database while it runs. An id is
 * acknowledged once its insert committed; an insert cut off by a snapshot or restore is never
 * acknowledged, and the task reconnects.
 */
public final class MetadataService {

  private final String name;
  private final String cluster;
  private final LocalPostgres postgres;
  private final String database;
  private final Duration interval;
  private final List<Long> acknowledged = new CopyOnWriteArrayList<>();
  private final List<Task> tasks = new ArrayList<>();
  private int scaleDowns;

  public MetadataService(String name, String cluster, LocalPostgres postgres, String database, Duration interval) {
    this.name = name;
    this.cluster = cluster;
    this.postgres = postgres;
    this.database = database;
    this.interval = interval;
  }

  public String name() {
    return name;
  }

  public String cluster() {
    return cluster;
  }

  public synchronized int desiredCount() {
    return tasks.size();
  }

  /** Starts or stops tasks until {@code count} run; a stopped task finishes its insert in flight first. */
  public synchronized void scaleTo(int count) {
    while (tasks.size() < count) {
      Task task = new Task();
      task.thread = Thread.ofPlatform().daemon().name("metaflow-" + name + "-" + tasks.size()).start(task::run);
      tasks.add(task);
    }
    if (tasks.size() > count) {
      scaleDowns++;
    }
    while (tasks.size() > count) {
      tasks.removeLast().stop();
    }
  }

  /** How many times the service was scaled down (paused, or stopped at the end): what a run that pauses nothing leaves as it was. */
  public synchronized int scaleDowns() {
    return scaleDowns;
  }

  /** Forgets the acknowledged ids (a new run starts counting). */
  public void clearAcknowledged() {
    acknowledged.clear();
  }

  /** Ids of the runs the database committed, in order. */
  public List<Long> acknowledged() {
    return List.copyOf(acknowledged);
  }

  private final class Task {
    volatile boolean stopping;
    Thread thread;

    void run() {
      Connection connection = null;
      while (!stopping) {
        try {
          if (connection == null || connection.isClosed()) {
            connection = postgres.connect(database);
          }
          try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
              "INSERT INTO runs (flow_id) SELECT flow_id FROM flows ORDER BY random() LIMIT 1 RETURNING id")) {
            if (rs.next()) {
              acknowledged.add(rs.getLong(1));
            }
          }
        } catch (SQLException e) {
          close(connection);
          connection = null;
        }
        try {
          Thread.sleep(interval);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        }
      }
      close(connection);
    }

    void stop() {
      stopping = true;
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stopping a task of " + name, e);
      }
    }

    private static void close(Connection connection) {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException ignored) {
          // the connection already failed and is being replaced
        }
      }
    }
  }
}
