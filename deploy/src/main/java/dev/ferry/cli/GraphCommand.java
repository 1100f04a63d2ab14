package dev.ferry.cli;

import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.render.GraphRenderer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry graph <migration> [--format mermaid|dot]}: the migration graph as a diagram, failure
 * and compensation edges drawn apart from the happy path.
 */
@Command(name = "graph", description = "Draw a migration's graph as Mermaid or Graphviz DOT.")
final class GraphCommand implements Callable<Integer> {

  enum Format {
    mermaid,
    dot
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "MIGRATION", description = "the migration to draw (see ferry list)")
  String migration;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "mermaid",
      description = "mermaid or dot (default: ${DEFAULT-VALUE})")
  Format format;

  @Override
  public Integer call() {
    MigrationGraph graph = Migrations.named(migration, spec).graph();
    PrintWriter out = spec.commandLine().getOut();
    out.print(switch (format) {
      case mermaid -> GraphRenderer.mermaid(graph);
      case dot -> GraphRenderer.dot(graph);
    });
    out.flush();
    return 0;
  }
}
