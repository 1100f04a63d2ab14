package dev.ferry.deploy.rehearse.worlds;

import dev.ferry.deploy.rehearse.world.Database;
import dev.ferry.deploy.rehearse.world.Invariant;
import dev.ferry.deploy.rehearse.world.RehearsalWorld;
import dev.ferry.deploy.rehearse.world.RunInput;
import dev.ferry.deploy.rehearse.world.World;
import dev.ferry.deploy.rehearse.world.Writer;
import java.util.List;
import java.util.Map;

/**
 * The world of the shipped {@code postgres-schema-upgrade}: an orders database at schema V1 with
 * sample customers and orders, a writer that keeps inserting orders, and an upgrade to V3. Every
 * function it calls is shipped, so it declares no local functions.
 */
public final class PostgresSchemaUpgradeWorld implements RehearsalWorld {

  static final String MIGRATION = "postgres-schema-upgrade";
  private static final String ORDERS = "orders-db";
  private static final String WRITER = "orders-writer";

  @Override
  public World world() {
    return World.forMigration(MIGRATION)
        .database(Database.postgres(ORDERS)
            .seededBy(seed -> {
              seed.call("ferry-schema-migrate", Map.of(
                  "secretArn", seed.secretArn(), "location", "classpath:db/demo", "targetVersion", "1"));
              seed.execute(
                  "INSERT INTO customers (name) SELECT 'customer ' || g FROM generate_series(1, 20) g",
                  "INSERT INTO orders (customer_id, amount) SELECT 1 + g % 20, g * 1.5 FROM generate_series(1, 100) g");
            })
            // Flyway's install time and duration differ between two runs that did the same thing.
            .ignoringColumns("flyway_schema_history", "installed_on", "execution_time"))
        .writer(Writer.inserting(WRITER).into(ORDERS, "orders"))
        .input(run -> RunInput.target(run.database(ORDERS))
            .parameter("dbInstanceIdentifier", run.database(ORDERS))
            .parameter("secretArn", run.secretArn(ORDERS))
            .parameter("targetVersion", "3")
            .parameter("writers", List.of(Map.of("type", "local", "name", run.writer(WRITER)))))
        .invariant(Invariant.database(ORDERS))
        .build();
  }
}
