package dev.ferry.cli;

import dev.ferry.deploy.CompiledMachine;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The compiled migration a command works on. */
public final class MachineOptions {

  @Option(names = "--migration", required = true, description = "the migration's name")
  String migration;

  @Option(names = "--definition", required = true, paramLabel = "FILE", description = "its compiled *.asl.json")
  Path definition;

  CompiledMachine load() {
    return CompiledMachine.load(migration, definition);
  }
}
