package dev.ferry.deploy.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.tasks.TaskCatalog;
import dev.ferry.tasks.local.LocalSecrets;
import dev.ferry.tasks.local.LocalWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/** The orders-db database the postgres-schema-upgrade runs of these tests work on. */
final class OrdersDb {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OrdersDb() {}

  /** Creates orders-db at schema version 1 on {@code local}'s PostgreSQL and starts its writer, orders-db-writer. */
  static LocalWriter atVersionOne(LocalTarget local) {
    local.postgres().createDatabase("orders-db");
    ObjectNode seed = JSON.createObjectNode().put("secretArn", LocalSecrets.arnFor("orders-db"))
        .put("location", "classpath:db/demo").put("targetVersion", "1");
    TaskCatalog.function("ferry-schema-migrate").orElseThrow().local(local.environment()).apply(seed);
    LocalWriter writer = new LocalWriter("orders-db-writer", local.postgres(), "orders-db", "orders", Duration.ofMillis(20));
    local.writers().register(writer).start();
    return writer;
  }

  /** The highest schema version Flyway applied successfully to orders-db. */
  static String schemaVersion(LocalTarget local) throws Exception {
    try (Connection c = local.postgres().connect("orders-db"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(version::int)::text FROM flyway_schema_history WHERE success")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
