package dev.ferry.tasks.local;

import static dev.ferry.tasks.local.LocalPostgres.quote;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A writer standing in for a service: a thread that inserts rows ({@code INSERT ... DEFAULT VALUES
 * RETURNING id}) into a table of the local PostgreSQL and records the id of each insert once it is
 * committed (acknowledged). A lost connection (the database being copied or renamed) costs the insert
 * in flight, which is never acknowledged, and the writer reconnects.
 */
public final class LocalWriter {

  public enum State { RUNNING, STOPPED }

  private final String name;
  private final LocalPostgres postgres;
  private final String database;
  private final String table;
  private final Duration interval;
  private final List<Long> acknowledged = new CopyOnWriteArrayList<>();
  private volatile boolean stopRequested;
  private Thread thread;

  public LocalWriter(String name, LocalPostgres postgres, String database, String table, Duration interval) {
    this.name = name;
    this.postgres = postgres;
    this.database = database;
    this.table = table;
    this.interval = interval;
  }

  public String name() {
    return name;
  }

  private int stops;

  public synchronized State state() {
    return thread != null ? State.RUNNING : State.STOPPED;
  }

  public synchronized void start() {
    if (thread == null) {
      stopRequested = false;
      thread = Thread.ofPlatform().name("ferry-writer-" + name).daemon().start(this::run);
    }
  }

  /** How many times it was stopped while running: what a pause step did to it. */
  public synchronized int stops() {
    return stops;
  }

  /** Stops after the insert in flight has committed (or failed); returns once the thread ended. */
  public synchronized void stop() {
    if (thread != null) {
      stops++;
      stopRequested = true;
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stopping writer " + name, e);
      }
      thread = null;
    }
  }

  /** Ids of the inserts the database committed, in order. */
  public List<Long> acknowledged() {
    return List.copyOf(acknowledged);
  }

  private void run() {
    Connection connection = null;
    while (!stopRequested) {
      try {
        if (connection == null || connection.isClosed()) {
          connection = postgres.connect(database);
        }
        try (Statement s = connection.createStatement();
            ResultSet rs = s.executeQuery("INSERT INTO " + quote(table) + " DEFAULT VALUES RETURNING id")) {
          rs.next();
          acknowledged.add(rs.getLong(1));
        }
      } catch (SQLException e) {
        closeQuietly(connection);
        connection = null;
      }
      pause(interval);
    }
    closeQuietly(connection);
  }

  private static void pause(Duration interval) {
    try {
      Thread.sleep(interval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the connection is being discarded because it already failed
      }
    }
  }
}
