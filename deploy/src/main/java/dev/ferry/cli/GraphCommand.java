package dev.ferry.cli;

import dev.ferry.deploy.load.MigrationCatalog;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.render.GraphRenderer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin ClassPathOptions classpath;

  @Parameters(paramLabel = "MIGRATION|FILE.java", description = "the migration to draw (see ferry list), or a source file declaring it")
  String migration;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "mermaid",
      description = "mermaid or dot (default: ${DEFAULT-VALUE})")
  Format format;

  @Override
  public Integer call() {
    try (MigrationCatalog catalog = classpath.open(migration)) {
      MigrationGraph graph = catalog.resolve(migration).graph();
      PrintWriter out = spec.commandLine().getOut();
      out.print(switch (format) {
        case mermaid -> GraphRenderer.mermaid(graph);
        case dot -> GraphRenderer.dot(graph);
      });
      out.flush();
      return 0;
    }
  }
}
