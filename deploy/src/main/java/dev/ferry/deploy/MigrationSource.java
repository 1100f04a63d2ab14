package dev.ferry.deploy;

import dev.ferry.deploy.rehearse.Rehearsal;
import dev.ferry.deploy.rehearse.world.RehearsalWorld;
import dev.ferry.deploy.rehearse.world.World;
import dev.ferry.dsl.MigrationDefinition;
import dev.ferry.dsl.MigrationValidationException;
import dev.ferry.dsl.compile.CompileOptions;
import dev.ferry.dsl.compile.Compiler;
import java.util.List;

/**
 * Where migrations and their rehearsal worlds come from: the {@code MigrationDefinition}s and
 * {@code RehearsalWorld}s registered ({@code META-INF/services}) on one class loader. Ferry's own
 * class path holds the shipped ones; a user project's class path (the CLI's {@code --classpath},
 * the Maven plugin, the JUnit extension) holds theirs.
 */
public record MigrationSource(ClassLoader loader) {

  /** The migrations on Ferry's own class path. */
  public static MigrationSource ferry() {
    return new MigrationSource(MigrationSource.class.getClassLoader());
  }

  public List<MigrationDefinition> migrations() {
    return MigrationDefinition.discover(loader);
  }

  /**
   * The migration called {@code name}.
   *
   * @throws FerryException naming the known migrations when there is none
   */
  public MigrationDefinition migration(String name) {
    List<MigrationDefinition> known = migrations();
    return known.stream().filter(d -> d.name().equals(name)).findFirst()
        .orElseThrow(() -> FerryException.badInput(
            "no migration named '" + name + "' is registered; known: "
                + String.join(", ", known.stream().map(MigrationDefinition::name).toList()),
            "check the name (ferry list), or register yours in META-INF/services/dev.ferry.dsl.MigrationDefinition"));
  }

  /** The migration called {@code name}, compiled with the given table names. */
  public CompiledMachine compile(String name, TableNames tables) {
    MigrationDefinition definition = migration(name);
    try {
      return CompiledMachine.of(Compiler.compile(definition.graph(),
          CompileOptions.defaults().withTables(tables.progress(), tables.audit())));
    } catch (MigrationValidationException e) {
      throw FerryException.badInput("migration " + name + " does not compile: " + e.getMessage(),
          "fix the step it names (ferry compile " + name + " prints every problem)");
    }
  }

  /** The rehearsal world registered for {@code migration}. */
  public World world(String migration) {
    migration(migration);
    return RehearsalWorld.forMigration(migration, loader);
  }

  /** Every fault at every step of {@code migration}, against its world, with the default tables. */
  public Rehearsal.Plan rehearsal(String migration) {
    return Rehearsal.Plan.everything(compile(migration, TableNames.DEFAULT), world(migration));
  }
}
