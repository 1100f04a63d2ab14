package dev.ferry.deploy;

import dev.ferry.dsl.MigrationDefinition;
import java.util.List;

/**
 * The migrations on the class path ({@code META-INF/services/dev.ferry.dsl.MigrationDefinition}),
 * compiled by name for a target: what {@code ferry deploy <migration>} and the local target run.
 */
public final class ShippedMigrations {

  private ShippedMigrations() {}

  public static List<MigrationDefinition> all() {
    return MigrationDefinition.discover(ShippedMigrations.class.getClassLoader());
  }

  /** The migration called {@code name}, compiled with the given table names. */
  public static CompiledMachine compile(String name, TableNames tables) {
    return MigrationSource.ferry().compile(name, tables);
  }
}
