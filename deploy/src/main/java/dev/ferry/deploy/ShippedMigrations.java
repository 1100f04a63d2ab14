package dev.ferry.deploy;

import dev.ferry.dsl.MigrationDefinition;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.compile.CompileOptions;
import dev.ferry.dsl.compile.Compiler;
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
    List<MigrationDefinition> known = all();
    MigrationDefinition definition = known.stream().filter(d -> d.name().equals(name)).findFirst()
        .orElseThrow(() -> FerryException.badInput(
            "no migration named '" + name + "' is registered; known: "
                + String.join(", ", known.stream().map(MigrationDefinition::name).toList()),
            "check the name (ferry list), or register yours in META-INF/services/dev.ferry.dsl.MigrationDefinition"));
    try {
      return CompiledMachine.of(Compiler.compile(definition.graph(),
          CompileOptions.defaults().withTables(tables.progress(), tables.audit())));
    } catch (MigrationValidationException e) {
      throw FerryException.badInput("migration " + name + " does not compile: " + e.getMessage(),
          "fix the step it names (ferry compile " + name + " prints every problem)");
    }
  }
}
