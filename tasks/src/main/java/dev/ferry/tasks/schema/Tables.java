package dev.ferry.tasks.schema;

import Ferry.DatabaseUnavailable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads of the database's catalogue and contents, shared by baseline capture and verify. */
public final class Tables {

  private Tables() {}

  /** The table's columns in the current schema, in order; empty when the table does not exist. */
  public static List<String> columns(Connection c, String table) {
    try (PreparedStatement s = c.prepareStatement("SELECT column_name FROM information_schema.columns"
        + " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
      s.setString(1, table);
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
      return columns;
    } catch (SQLException e) {
      throw new DatabaseUnavailable("reading the columns of " + table + " failed: " + e.getMessage(), e);
    }
  }

  /** Row count and an MD5 over the given columns of every row, in a stable order. */
  public static TableBaseline measure(Connection c, String table, List<String> columns) {
    String row = columns.stream().map(Tables::quote).collect(Collectors.joining(", ", "ROW(", ")::text"));
    String sql = "SELECT count(*), coalesce(md5(string_agg(" + row + ", E'\\n' ORDER BY " + row + ")), md5(''))"
        + " FROM " + quote(table);
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      rs.next();
      return new TableBaseline(rs.getLong(1), rs.getString(2), columns);
    } catch (SQLException e) {
      throw new DatabaseUnavailable("measuring table " + table + " failed: " + e.getMessage(), e);
    }
  }

  /** The latest successful Flyway version, if the database has a schema history. */
  public static Optional<String> flywayVersion(Connection c) {
    if (columns(c, "flyway_schema_history").isEmpty()) {
      return Optional.empty();
    }
    try (PreparedStatement s = c.prepareStatement("SELECT version FROM flyway_schema_history"
        + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1");
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    } catch (SQLException e) {
      throw new DatabaseUnavailable("reading flyway_schema_history failed: " + e.getMessage(), e);
    }
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
