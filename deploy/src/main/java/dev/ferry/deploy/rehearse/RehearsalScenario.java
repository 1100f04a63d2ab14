package dev.ferry.deploy.rehearse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.FerryException;
import dev.ferry.tasks.LocalEnvironment;
import dev.ferry.tasks.TaskCatalog;
import dev.ferry.tasks.local.LocalSecrets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a migration is rehearsed against: the database it changes, seeded the same way before every
 * run, a writer that keeps inserting into one of its tables, and the execution input.
 *
 * @param migration the migration name
 * @param target the execution's target, which is also the database name
 * @param writer the local writer's name, as the input's {@code writers} names it
 * @param writerTable the table the writer inserts into (rows keyed by a growing {@code id})
 * @param writerInterval how often the writer inserts
 * @param volatileColumns columns whose values differ between two identical runs (per table), left
 *     out of the database comparison: Flyway's install time and duration
 * @param parameters the execution input's parameters
 */
public record RehearsalScenario(
    String migration,
    String target,
    String writer,
    String writerTable,
    Duration writerInterval,
    Map<String, Set<String>> volatileColumns,
    ObjectNode parameters) {

  static final String POSTGRES_SCHEMA_UPGRADE = "postgres-schema-upgrade";

  /** The scenario for {@code migration}. */
  public static RehearsalScenario forMigration(String migration) {
    if (!migration.equals(POSTGRES_SCHEMA_UPGRADE)) {
      throw FerryException.badInput("migration '" + migration + "' has no local rehearsal scenario (a database to"
              + " seed, writers and an input); rehearsals exist for: " + POSTGRES_SCHEMA_UPGRADE,
          "rehearse " + POSTGRES_SCHEMA_UPGRADE + ", or run the migration locally with ferry start --local");
    }
    String target = "orders-db";
    String writer = "orders-writer";
    ObjectNode parameters = JsonNodeFactory.instance.objectNode()
        .put("dbInstanceIdentifier", target)
        .put("secretArn", LocalSecrets.arnFor(target))
        .put("targetVersion", "3");
    parameters.putArray("writers").addObject().put("type", "local").put("name", writer);
    return new RehearsalScenario(migration, target, writer, "orders", Duration.ofMillis(5),
        Map.of("flyway_schema_history", Set.of("installed_on", "execution_time")), parameters);
  }

  /** Brings the freshly created {@code database} to the state every run starts from: schema V1, sample rows. */
  void seed(LocalEnvironment environment, String database) throws SQLException {
    ObjectNode payload = JsonNodeFactory.instance.objectNode()
        .put("secretArn", LocalSecrets.arnFor(database))
        .put("location", "classpath:db/demo")
        .put("targetVersion", "1");
    TaskCatalog.function("ferry-schema-migrate").orElseThrow().local(environment).apply(payload);
    try (Connection c = environment.postgres().connect(database); Statement s = c.createStatement()) {
      for (String sql : List.of(
          "INSERT INTO customers (name) SELECT 'customer ' || g FROM generate_series(1, 20) g",
          "INSERT INTO orders (customer_id, amount) SELECT 1 + g % 20, g * 1.5 FROM generate_series(1, 100) g")) {
        s.execute(sql);
      }
    }
  }
}
