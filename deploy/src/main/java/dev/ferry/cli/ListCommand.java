package dev.ferry.cli;

import dev.ferry.deploy.load.LoadProblem;
import dev.ferry.deploy.load.MigrationCatalog;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ferry list}: every migration, one a line: its name, top-level step count, where it came
 * from (shipped, or the directory, jar or source file) and purpose; then what could not be loaded.
 */
@Command(name = "list", description = "List the migrations Ferry ships and yours (--classpath), with where each came from.")
final class ListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClassPathOptions classpath;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (MigrationCatalog catalog = classpath.open()) {
      List<MigrationCatalog.Found> all = catalog.migrations();
      int name = all.stream().mapToInt(f -> f.name().length()).max().orElse(0);
      int origin = all.stream().mapToInt(f -> f.origin().describe().length()).max().orElse(0);
      for (MigrationCatalog.Found f : all) {
        out.printf("%-" + name + "s  %2d steps  %-" + origin + "s  %s%n",
            f.name(), f.graph().steps().size(), f.origin().describe(), f.graph().description());
      }
      for (LoadProblem problem : catalog.problems()) {
        err.println("ferry list: not loaded: " + problem.message());
      }
      out.flush();
      err.flush();
      return catalog.problems().isEmpty() ? 0 : 1;
    }
  }
}
