package dev.ferry.deploy;

import dev.ferry.deploy.load.MigrationCatalog;
import dev.ferry.dsl.MigrationDefinition;
import dev.ferry.dsl.MigrationValidationException;
import java.util.List;

/**
 * The migrations on Ferry's own class path, compiled by name for a target: what the local target
 * runs when nothing was deployed to it, and the demo. Commands use {@link MigrationCatalog}.
 */
public final class ShippedMigrations {

  private ShippedMigrations() {}

  public static List<MigrationDefinition> all() {
    return MigrationDefinition.discover(ShippedMigrations.class.getClassLoader());
  }

  /** The migration called {@code name}, compiled with the given table names. */
  public static CompiledMachine compile(String name, TableNames tables) {
    try (MigrationCatalog catalog = MigrationCatalog.shipped()) {
      return compile(catalog.named(name), tables);
    }
  }

  /** A catalog's migration compiled for a target; a migration that breaks a rule is bad input. */
  public static CompiledMachine compile(MigrationCatalog.Found migration, TableNames tables) {
    try {
      return migration.compile(tables);
    } catch (MigrationValidationException e) {
      throw FerryException.badInput("migration " + migration.name() + " does not compile: " + e.getMessage(),
          "fix the step it names (ferry compile " + migration.name() + " prints every problem)");
    }
  }
}
