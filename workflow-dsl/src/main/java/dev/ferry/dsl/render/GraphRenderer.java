package dev.ferry.dsl.render;

import dev.ferry.dsl.graph.Edge;
import dev.ferry.dsl.graph.MigrationGraph;
import dev.ferry.dsl.graph.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Diagrams of a migration graph: Mermaid ({@code flowchart TD}) and Graphviz DOT. Happy edges are
 * solid; failure edges dashed red; compensation edges dashed orange; polling loops dotted.
 */
public final class GraphRenderer {
  private GraphRenderer() {}

  public static String mermaid(MigrationGraph graph) {
    Map<String, String> ids = ids(graph);
    StringBuilder b = new StringBuilder("flowchart TD\n");
    for (Node n : graph.nodes()) {
      String label = escapeMermaid(label(n));
      String id = ids.get(n.id());
      b.append("  ").append(id).append(switch (n) {
        case Node.Start s -> "([\"" + label + "\"])";
        case Node.Succeeded s -> "([\"" + label + "\"])";
        case Node.Failed f -> "([\"" + label + "\"])";
        case Node.Join j -> "{{\"" + label + "\"}}";
        case Node.CompensationNode c -> "[/\"" + label + "\"/]";
        case Node.StepNode s -> "[\"" + label + "\"]";
      }).append('\n');
    }
    int index = 0;
    StringBuilder styles = new StringBuilder();
    for (Edge e : graph.edges()) {
      String from = ids.get(e.from());
      String to = ids.get(e.to());
      if (from == null || to == null) {
        continue;
      }
      b.append("  ").append(from).append(switch (e) {
        case Edge.Happy h -> " --> ";
        case Edge.Failure f -> " -. fails .-> ";
        case Edge.Compensation c -> " -. then .-> ";
        case Edge.PollLoop p -> " -. poll .-> ";
      }).append(to).append('\n');
      String style = switch (e) {
        case Edge.Happy h -> null;
        case Edge.Failure f -> "stroke:#d62728,stroke-dasharray:5 5";
        case Edge.Compensation c -> "stroke:#ff7f0e,stroke-dasharray:5 5";
        case Edge.PollLoop p -> "stroke:#1f77b4,stroke-dasharray:2 2";
      };
      if (style != null) {
        styles.append("  linkStyle ").append(index).append(' ').append(style).append('\n');
      }
      index++;
    }
    return b.append(styles).toString();
  }

  public static String dot(MigrationGraph graph) {
    StringBuilder b = new StringBuilder("digraph \"").append(escapeDot(graph.name())).append("\" {\n")
        .append("  rankdir=TB;\n  node [fontname=\"Helvetica\"];\n");
    for (Node n : graph.nodes()) {
      String shape = switch (n) {
        case Node.Start s -> "shape=oval";
        case Node.Succeeded s -> "shape=oval, color=\"#2ca02c\"";
        case Node.Failed f -> "shape=oval, color=\"#d62728\"";
        case Node.Join j -> "shape=diamond";
        case Node.CompensationNode c -> "shape=box, style=dashed, color=\"#ff7f0e\"";
        case Node.StepNode s -> "shape=box";
      };
      b.append("  \"").append(escapeDot(n.id())).append("\" [label=\"").append(escapeDot(label(n)))
          .append("\", ").append(shape).append("];\n");
    }
    for (Edge e : graph.edges()) {
      String attributes = switch (e) {
        case Edge.Happy h -> "";
        case Edge.Failure f -> " [label=\"fails\", style=dashed, color=\"#d62728\"]";
        case Edge.Compensation c -> " [label=\"then\", style=dashed, color=\"#ff7f0e\"]";
        case Edge.PollLoop p -> " [label=\"poll\", style=dotted, color=\"#1f77b4\"]";
      };
      b.append("  \"").append(escapeDot(e.from())).append("\" -> \"").append(escapeDot(e.to())).append('"')
          .append(attributes).append(";\n");
    }
    return b.append("}\n").toString();
  }

  private static String label(Node n) {
    return switch (n) {
      case Node.Start s -> "start";
      case Node.Succeeded s -> "succeeded";
      case Node.Failed f -> "failed (rolled back)";
      case Node.Join j -> "join " + j.group();
      case Node.CompensationNode c -> c.step().kind().word() + ": " + c.step().id() + " (undoes " + c.compensates() + ")";
      case Node.StepNode s -> s.step().kind().word() + ": " + s.step().id()
          + (s.step().isIrreversible() ? " (irreversible)" : "");
    };
  }

  private static Map<String, String> ids(MigrationGraph graph) {
    Map<String, String> ids = new HashMap<>();
    List<Node> nodes = graph.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      ids.putIfAbsent(nodes.get(i).id(), "n" + i);
    }
    return ids;
  }

  private static String escapeMermaid(String text) {
    return text.replace("\"", "#quot;");
  }

  private static String escapeDot(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
