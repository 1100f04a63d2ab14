package dev.ferry.cli;

import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.load.MigrationCatalog;
import dev.ferry.dsl.Parameter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The compiled migration a command works on: a migration by name or source file, or an ASL file. */
public final class MachineOptions {

  @Option(names = "--migration", required = true, paramLabel = "NAME|FILE.java",
      description = "the migration's name (see ferry list), or a source file declaring it")
  String migration;

  @Option(names = "--definition", paramLabel = "FILE",
      description = "its compiled *.asl.json, for a machine Ferry cannot load (default: compile the migration)")
  Path definition;

  @Mixin ClassPathOptions classpath;

  /** The parameters the loaded migration declares; empty for an ASL file, whose parameters go untyped. */
  private Optional<List<Parameter<?>>> declared = Optional.empty();

  CompiledMachine load(TableNames tables) {
    if (definition != null) {
      return CompiledMachine.load(migration, definition);
    }
    try (MigrationCatalog catalog = classpath.open(migration)) {
      MigrationCatalog.Found found = catalog.resolve(migration);
      declared = Optional.of(found.graph().parameters());
      return ShippedMigrations.compile(found, tables);
    }
  }

  /** After {@link #load}: what the migration declares, for reading {@code --schedule-param} values. */
  Optional<List<Parameter<?>>> declaredParameters() {
    return declared;
  }
}
