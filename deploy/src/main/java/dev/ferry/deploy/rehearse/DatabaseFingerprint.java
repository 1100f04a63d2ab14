package dev.ferry.deploy.rehearse;

import dev.ferry.tasks.backfill.BackfillBatchHandler;
import dev.ferry.tasks.local.LocalPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A comparable picture of a database: per table of the {@code public} schema its definition
 * (columns with types, nullability and defaults; constraints; indexes) and a digest of its rows.
 *
 * <p>Two kinds of rows are left out so that equal means "the same data": the writer's rows inserted
 * after the seed ({@code id} above the seed's largest), which are checked one by one against what
 * the writer acknowledged instead; and volatile columns (Flyway's install time and duration), which
 * differ between two runs that did the same thing. The rows of Ferry's own backfill bookkeeping
 * ({@link BackfillBatchHandler#BOOKKEEPING}) are left out too: a run that crashed between batches and
 * was redriven counts its batches and times differently from one that did not, while the rows it
 * backfilled are compared like any others.
 *
 * @param parts {@code <table> schema} and {@code <table> rows} to their description or digest
 */
public record DatabaseFingerprint(SortedMap<String, String> parts) {

  /**
   * Takes the fingerprint of {@code database}; {@code writerRowsAbove} has, per table a writer
   * inserts into, the last row id the seed left.
   */
  static DatabaseFingerprint of(LocalPostgres postgres, String database, Map<String, Long> writerRowsAbove,
      Map<String, Set<String>> volatileColumns) throws SQLException {
    SortedMap<String, String> parts = new TreeMap<>();
    try (Connection c = postgres.connect(database)) {
      Map<String, List<String>> columns = new TreeMap<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
          SELECT table_name, column_name, data_type, is_nullable, coalesce(column_default, '')
          FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position""")) {
        while (rs.next()) {
          String table = rs.getString(1);
          columns.computeIfAbsent(table, t -> new ArrayList<>()).add(rs.getString(2));
          append(parts, table + " schema", "column " + rs.getString(2) + " " + rs.getString(3)
              + (rs.getString(4).equals("NO") ? " not null" : "") + " default " + rs.getString(5));
        }
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
          SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
          WHERE connamespace = 'public'::regnamespace AND conrelid <> 0 ORDER BY 1, 2""")) {
        while (rs.next()) {
          append(parts, rs.getString(1) + " schema", "constraint " + rs.getString(2) + " " + rs.getString(3));
        }
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2")) {
        while (rs.next()) {
          append(parts, rs.getString(1) + " schema", "index " + rs.getString(2));
        }
      }
      for (Map.Entry<String, List<String>> table : columns.entrySet()) {
        if (table.getKey().equals(BackfillBatchHandler.BOOKKEEPING)) {
          continue;
        }
        parts.put(table.getKey() + " rows", rows(c, table.getKey(), table.getValue(),
            volatileColumns.getOrDefault(table.getKey(), Set.of()),
            writerRowsAbove.get(table.getKey())));
      }
    }
    return new DatabaseFingerprint(parts);
  }

  /** Row count and an order-independent digest of the rows' stable columns. */
  private static String rows(Connection c, String table, List<String> columns, Set<String> volatileColumns,
      Long writerRowsAbove) throws SQLException {
    String stable = String.join(", ", columns.stream().filter(col -> !volatileColumns.contains(col))
        .map(LocalPostgres::quote).toList());
    String sql = "SELECT count(*), coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '') FROM (SELECT ROW("
        + stable + ") AS r FROM " + LocalPostgres.quote(table)
        + (writerRowsAbove == null ? "" : " WHERE id <= ?") + ") t";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (writerRowsAbove != null) {
        s.setLong(1, writerRowsAbove);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1) + " rows, md5 " + rs.getString(2);
      }
    }
  }

  private static void append(SortedMap<String, String> parts, String key, String line) {
    parts.merge(key, line, (a, b) -> a + "; " + b);
  }

  /** The parts that differ from {@code other}'s (present in either), sorted. */
  public Set<String> differences(DatabaseFingerprint other) {
    Set<String> keys = new TreeSet<>(parts.keySet());
    keys.addAll(other.parts.keySet());
    keys.removeIf(k -> java.util.Objects.equals(parts.get(k), other.parts.get(k)));
    return keys;
  }
}
