package dev.ferry.cli;

import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.TableNames;
import dev.ferry.deploy.load.MigrationCatalog;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.validate.Warning;
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

  /** The loaded migration's graph; empty for an ASL file. */
  private Optional<MigrationGraph> graph = Optional.empty();

  CompiledMachine load(TableNames tables) {
    if (definition != null) {
      return CompiledMachine.load(migration, definition);
    }
    try (MigrationCatalog catalog = classpath.open(migration)) {
      MigrationCatalog.Found found = catalog.resolve(migration);
      declared = Optional.of(found.graph().parameters());
      graph = Optional.of(found.graph());
      return ShippedMigrations.compile(found, tables);
    }
  }

  /** After {@link #load}: what the migration declares, for reading {@code --schedule-param} values. */
  Optional<List<Parameter<?>>> declaredParameters() {
    return declared;
  }

  /**
   * After {@link #load}: the compiler's warnings for the migration, as a scheduled one when {@code
   * scheduled} (the deploy knows its schedule even when the migration does not declare one); none
   * for an ASL file, whose steps Ferry cannot read.
   */
  List<Warning> warnings(boolean scheduled) {
    return graph.map(g -> CompileWarnings.of(g, scheduled)).orElse(List.of());
  }
}
