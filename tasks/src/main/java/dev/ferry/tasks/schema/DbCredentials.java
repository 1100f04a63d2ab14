package dev.ferry.tasks.schema;

import Ferry.DatabaseUnavailable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where and as whom to connect, as read from a secret. {@link #toString()} never shows the password. */
public record DbCredentials(String jdbcUrl, String user, String password) {

  /** @throws Ferry.DatabaseUnavailable naming the URL when the database cannot be reached */
  public Connection connect() {
    try {
      return DriverManager.getConnection(jdbcUrl, user, password);
    } catch (SQLException e) {
      throw new DatabaseUnavailable("cannot connect to " + jdbcUrl + " as " + user + ": " + e.getMessage()
          + "; check the database is up and the secret's host, port, dbname and credentials", e);
    }
  }

  @Override
  public String toString() {
    return "DbCredentials[" + jdbcUrl + " as " + user + "]";
  }
}
