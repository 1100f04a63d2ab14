package dev.ferry.worlds.aurora;

import Ferry.UpgradeFailed;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Aurora Restore Pipeline's row formats and the migrations between them. A row's format is its
 * {@code schemaVersion} and {@code stateVersion} (both absent in 1.0); a hop's schema migration
 * rewrites the attribute layout and sets {@code schemaVersion}, its state migration rewrites values
 * and sets {@code stateVersion}. A migration skips rows it already rewrote, so a repeated call is
 * harmless, and refuses a row in any other format.
 *
 * <pre>
 * state rows (key operationId)
 *   1.0  status, source, target, snapshot, started (epoch seconds)
 *   2.0  schema: source/target/snapshot renamed sourceClusterId/targetClusterId/snapshotArn
 *        state:  started (number) becomes startedAt (ISO-8601 text)
 *   3.0  schema: sourceClusterId/targetClusterId nested as clusters {source, target}
 *        state:  status COMPLETED becomes SUCCEEDED (the 3.0 vocabulary)
 * audit rows (key operationId, at: ISO-8601 text)
 *   1.0  event, message
 *   2.0  schema: event renamed eventType      state: message moved into details {message}
 *   3.0  schema: actor added ("pipeline")     state: eventType upper-cased (restore-started: RESTORE_STARTED)
 * </pre>
 */
public final class RowFormats {

  public static final String V1 = "1.0";
  public static final String V2 = "2.0";
  public static final String V3 = "3.0";
  static final String SCHEMA_VERSION = "schemaVersion";
  static final String STATE_VERSION = "stateVersion";

  private RowFormats() {}

  /** Which table a row belongs to. */
  public enum Table { STATE, AUDIT }

  /** What a migration does to a row. */
  public enum Part { SCHEMA, STATE }

  /** The row's format: {@code 1.0}, {@code 2.0}, {@code 3.0}, or {@code <schema>/<state>} half-way through a hop. */
  public static String formatOf(Map<String, AttributeValue> row) {
    String schema = text(row, SCHEMA_VERSION).orElse(V1);
    String state = text(row, STATE_VERSION).orElse(V1);
    return schema.equals(state) ? schema : schema + "/" + state;
  }

  /**
   * {@code row} after {@code part} of the hop {@code from -> to}; empty when the row already had it.
   *
   * @throws UpgradeFailed if the row is in neither the hop's input nor its output format
   */
  public static Optional<Map<String, AttributeValue>> migrate(Table table, Part part, String from, String to,
      Map<String, AttributeValue> row) {
    String format = formatOf(row);
    String before = part == Part.SCHEMA ? from : to + "/" + from;
    String after = part == Part.SCHEMA ? to + "/" + from : to;
    if (format.equals(after) || (part == Part.SCHEMA && format.equals(to))) {
      return Optional.empty();
    }
    if (!format.equals(before)) {
      throw new UpgradeFailed(table + " row " + key(table, row) + " is in format " + format + ", but the " + part
          + " migration " + from + " -> " + to + " expects " + before + "; restore the tables from the backup and"
          + " run the hops in order");
    }
    Map<String, AttributeValue> out = new HashMap<>(row);
    switch (table) {
      case STATE -> migrateState(part, to, out);
      case AUDIT -> migrateAudit(part, to, out);
    }
    out.put(part == Part.SCHEMA ? SCHEMA_VERSION : STATE_VERSION, AttributeValue.fromS(to));
    return Optional.of(out);
  }

  /** {@code row} taken from {@code 1.0} through every hop to {@code 3.0}, as a successful run leaves it. */
  public static Map<String, AttributeValue> fullyMigrated(Table table, Map<String, AttributeValue> row) {
    Map<String, AttributeValue> out = row;
    for (String[] hop : new String[][] {{V1, V2}, {V2, V3}}) {
      for (Part part : Part.values()) {
        out = migrate(table, part, hop[0], hop[1], out).orElse(out);
      }
    }
    return out;
  }

  private static void migrateState(Part part, String to, Map<String, AttributeValue> row) {
    switch (to + " " + part) {
      case "2.0 SCHEMA" -> {
        rename(row, "source", "sourceClusterId");
        rename(row, "target", "targetClusterId");
        rename(row, "snapshot", "snapshotArn");
      }
      case "2.0 STATE" -> {
        AttributeValue started = row.remove("started");
        if (started != null) {
          row.put("startedAt", AttributeValue.fromS(Instant.ofEpochSecond(Long.parseLong(started.n())).toString()));
        }
      }
      case "3.0 SCHEMA" -> {
        Map<String, AttributeValue> clusters = new HashMap<>();
        Optional.ofNullable(row.remove("sourceClusterId")).ifPresent(v -> clusters.put("source", v));
        Optional.ofNullable(row.remove("targetClusterId")).ifPresent(v -> clusters.put("target", v));
        row.put("clusters", AttributeValue.fromM(clusters));
      }
      case "3.0 STATE" -> {
        if (text(row, "status").filter("COMPLETED"::equals).isPresent()) {
          row.put("status", AttributeValue.fromS("SUCCEEDED"));
        }
      }
      default -> throw new UpgradeFailed("the pipeline has no " + part + " migration to " + to);
    }
  }

  private static void migrateAudit(Part part, String to, Map<String, AttributeValue> row) {
    switch (to + " " + part) {
      case "2.0 SCHEMA" -> rename(row, "event", "eventType");
      case "2.0 STATE" -> {
        AttributeValue message = row.remove("message");
        if (message != null) {
          row.put("details", AttributeValue.fromM(Map.of("message", message)));
        }
      }
      case "3.0 SCHEMA" -> row.put("actor", AttributeValue.fromS("pipeline"));
      case "3.0 STATE" -> text(row, "eventType").ifPresent(t -> row.put("eventType",
          AttributeValue.fromS(t.toUpperCase(java.util.Locale.ROOT).replace('-', '_'))));
      default -> throw new UpgradeFailed("the pipeline has no " + part + " migration to " + to);
    }
  }

  private static void rename(Map<String, AttributeValue> row, String from, String to) {
    AttributeValue value = row.remove(from);
    if (value != null) {
      row.put(to, value);
    }
  }

  static Optional<String> text(Map<String, AttributeValue> row, String attribute) {
    return Optional.ofNullable(row.get(attribute)).map(AttributeValue::s);
  }

  static String key(Table table, Map<String, AttributeValue> row) {
    return text(row, "operationId").orElse("?") + (table == Table.AUDIT ? "@" + text(row, "at").orElse("?") : "");
  }
}
