package dev.ferry.tasks.local;

import static dev.ferry.tasks.local.LocalPostgres.quote;

import Ferry.DatabaseNotFound;
import Ferry.RestoreFailed;
import Ferry.SnapshotNotFound;
import dev.ferry.tasks.snapshot.DatabaseRef;
import dev.ferry.tasks.snapshot.DatabaseSnapshots;
import dev.ferry.tasks.snapshot.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Snapshots on the embedded PostgreSQL: a database identifier (instance or cluster alike) names a
 * database, and a snapshot is a copy of it, {@code CREATE DATABASE <snapshot> TEMPLATE <database>}.
 *
 * <p>PostgreSQL copies a template only while nobody else is connected to it. So each copy or rename
 * first stops new connections to the database ({@code ALLOW_CONNECTIONS false}), terminates the
 * existing ones, does its work and allows connections again: a writer that is still running loses
 * its connection and the insert in flight (unacknowledged), and reconnects afterwards.
 *
 * <p>A snapshot is {@code available} as soon as it exists: the copy is one transaction. A restore
 * copies the snapshot to a new database, renames the original aside and the copy into place, like the
 * RDS restore; each step is found done or not by the databases that exist, so a repeated call resumes.
 */
public final class LocalDatabaseSnapshots implements DatabaseSnapshots {

  private final LocalPostgres postgres;

  public LocalDatabaseSnapshots(LocalPostgres postgres) {
    this.postgres = postgres;
  }

  @Override
  public Snapshot create(DatabaseRef database, String snapshotId) {
    try (Connection c = postgres.connect("postgres")) {
      if (!exists(c, snapshotId)) {
        if (!exists(c, database.id())) {
          throw new DatabaseNotFound("database " + database.id() + " does not exist on the local PostgreSQL"
              + " (port " + postgres.port() + "); create it or fix dbInstanceIdentifier");
        }
        copy(c, database.id(), snapshotId);
      }
      return new Snapshot(snapshotId, "available");
    } catch (SQLException e) {
      throw new Ferry.DatabaseUnavailable("snapshot " + snapshotId + " of " + database.id() + " on the local PostgreSQL failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Snapshot describe(String snapshotId, boolean cluster) {
    try (Connection c = postgres.connect("postgres")) {
      if (!exists(c, snapshotId)) {
        throw new SnapshotNotFound("snapshot " + snapshotId + " does not exist on the local PostgreSQL");
      }
      return new Snapshot(snapshotId, "available");
    } catch (SQLException e) {
      throw new Ferry.DatabaseUnavailable("reading snapshot " + snapshotId + " on the local PostgreSQL failed: " + e.getMessage(), e);
    }
  }

  @Override
  public RestoreProgress restore(String snapshotId, DatabaseRef database, String executionName) {
    String target = database.id();
    String aside = Identifiers.asideName(target, executionName);
    String restored = Identifiers.restoredName(target, executionName);
    try (Connection c = postgres.connect("postgres")) {
      if (!exists(c, snapshotId)) {
        throw new SnapshotNotFound("snapshot " + snapshotId + " does not exist on the local PostgreSQL; nothing to restore");
      }
      if (!exists(c, aside)) {
        if (!exists(c, restored)) {
          copy(c, snapshotId, restored);
        }
        if (exists(c, target)) {
          rename(c, target, aside);
        }
      }
      if (exists(c, restored) && !exists(c, target)) {
        rename(c, restored, target);
      }
      if (!exists(c, target)) {
        throw new RestoreFailed("database " + target + " is missing and its restore " + restored + " too, while the"
            + " original is aside as " + aside + "; rename " + aside + " back to " + target + " by hand");
      }
      return new RestoreProgress(true, "restored");
    } catch (SQLException e) {
      throw new RestoreFailed("restoring " + snapshotId + " into " + target + " on the local PostgreSQL failed: " + e.getMessage()
          + "; call again to continue the restore", e);
    }
  }

  static boolean exists(Connection c, String database) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      s.setString(1, database);
      return s.executeQuery().next();
    }
  }

  private static void copy(Connection c, String template, String name) throws SQLException {
    exclusively(c, template, s -> s.execute("CREATE DATABASE " + quote(name) + " TEMPLATE " + quote(template)));
  }

  private static void rename(Connection c, String from, String to) throws SQLException {
    exclusively(c, from, s -> s.execute("ALTER DATABASE " + quote(from) + " RENAME TO " + quote(to)));
    try (Statement s = c.createStatement()) {
      s.execute("ALTER DATABASE " + quote(to) + " ALLOW_CONNECTIONS true");
    }
  }

  private interface Work {
    void run(Statement s) throws SQLException;
  }

  /** Runs {@code work} while nobody else is connected to {@code database}. */
  private static void exclusively(Connection c, String database, Work work) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("ALTER DATABASE " + quote(database) + " ALLOW_CONNECTIONS false");
      try {
        try (PreparedStatement t = c.prepareStatement(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
          t.setString(1, database);
          t.executeQuery();
        }
        waitForNoConnections(c, database);
        work.run(s);
      } finally {
        if (exists(c, database)) {
          s.execute("ALTER DATABASE " + quote(database) + " ALLOW_CONNECTIONS true");
        }
      }
    }
  }

  private static void waitForNoConnections(Connection c, String database) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
      s.setString(1, database);
      for (int attempt = 0; attempt < 100; attempt++) {
        var rs = s.executeQuery();
        rs.next();
        if (rs.getInt(1) == 0) {
          return;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted while waiting for connections to " + database + " to end", e);
        }
      }
    }
    throw new SQLException("connections to " + database + " did not end within 5 s");
  }
}
