package dev.ferry.cli;

import dev.ferry.deploy.CompiledMachine;
import dev.ferry.deploy.ShippedMigrations;
import dev.ferry.deploy.TableNames;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The compiled migration a command works on: a registered migration by name, or an ASL file. */
public final class MachineOptions {

  @Option(names = "--migration", required = true, description = "the migration's name (see ferry list)")
  String migration;

  @Option(names = "--definition", paramLabel = "FILE",
      description = "its compiled *.asl.json, for a machine not registered on the class path (default: compile the registered migration)")
  Path definition;

  CompiledMachine load(TableNames tables) {
    return definition != null ? CompiledMachine.load(migration, definition) : ShippedMigrations.compile(migration, tables);
  }
}
