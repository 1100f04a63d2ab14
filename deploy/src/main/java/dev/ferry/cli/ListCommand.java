package dev.ferry.cli;

import dev.ferry.dsl.MigrationDefinition;
import dev.ferry.dsl.graph.MigrationGraph;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry list}: the shipped migrations, one a line, with their step count and purpose. */
@Command(name = "list", description = "List the migrations Ferry ships (and any on the class path).")
final class ListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<MigrationDefinition> all = Migrations.all();
    int width = all.stream().mapToInt(d -> d.name().length()).max().orElse(0);
    for (MigrationDefinition d : all) {
      MigrationGraph g = d.graph();
      out.printf("%-" + width + "s  %2d steps  %s%n", g.name(), g.allWorkSteps().size(), g.description());
    }
    out.flush();
    return 0;
  }
}
