package dev.ferry.cli;

import dev.ferry.dsl.MigrationDefinition;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The migrations on the class path ({@code META-INF/services}), looked up by name for commands. */
final class Migrations {
  private Migrations() {}

  static List<MigrationDefinition> all() {
    return MigrationDefinition.discover(Migrations.class.getClassLoader());
  }

  /**
   * The migration called {@code name}.
   *
   * @throws CommandLine.ParameterException naming the known migrations when there is none
   */
  static MigrationDefinition named(String name, CommandSpec spec) {
    List<MigrationDefinition> known = all();
    return known.stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
            "Unknown migration '" + name + "'. Known migrations: "
                + String.join(", ", known.stream().map(MigrationDefinition::name).toList())
                + " (see ferry list)."));
  }
}
