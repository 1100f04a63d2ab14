package dev.ferry.dsl.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.dsl.Examples;
import dev.ferry.dsl.graph.MigrationGraph;
import org.junit.jupiter.api.Test;

class GraphRendererTest {
  private final MigrationGraph graph = Examples.postgresSchemaUpgrade().build();

  @Test
  void mermaidDrawsFailureAndCompensationEdgesDashedAndColoured() {
    String mermaid = GraphRenderer.mermaid(graph);
    assertThat(mermaid).startsWith("flowchart TD\n");
    assertThat(mermaid).contains("[\"upgrade: apply-schema\"]", "[/\"rollback: restore-database (undoes apply-schema)\"/]");
    long failures = mermaid.lines().filter(l -> l.contains(" -. fails .-> ")).count();
    long redStyles = mermaid.lines().filter(l -> l.contains("linkStyle") && l.contains("#d62728")).count();
    assertThat(failures).isEqualTo(7).isEqualTo(redStyles);
    assertThat(mermaid.lines().filter(l -> l.contains(" -. then .-> ")).count()).isEqualTo(2);
    assertThat(mermaid.lines().filter(l -> l.contains("#ff7f0e")).count()).isEqualTo(2);
  }

  @Test
  void dotDrawsTheSameGraph() {
    String dot = GraphRenderer.dot(graph);
    assertThat(dot).startsWith("digraph \"postgres-schema-upgrade\" {");
    assertThat(dot).contains("\"verify-schema\" -> \"restore-database\" [label=\"fails\", style=dashed, color=\"#d62728\"];");
    assertThat(dot).contains("\"restore-database\" -> \"resume-paused-writers\" [label=\"then\", style=dashed, color=\"#ff7f0e\"];");
    assertThat(dot).contains("\"snapshot-database\" -> \"snapshot-database\" [label=\"poll\", style=dotted");
    assertThat(dot).contains("\"pause-writers\" -> \"apply-schema\";");
    assertThat(dot.trim()).endsWith("}");
  }
}
