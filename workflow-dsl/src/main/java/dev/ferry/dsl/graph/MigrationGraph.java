package dev.ferry.dsl.graph;

import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable migration: its parameters, its steps in run order, and the graph of nodes (typed
 * steps, compensations, start and ends) with happy, failure, compensation and polling edges.
 * Built by {@link dev.ferry.dsl.Migration}; validated by {@link
 * dev.ferry.dsl.validate.MigrationValidator}; lowered by {@link dev.ferry.dsl.compile.Compiler}.
 */
public record MigrationGraph(
    String name,
    String description,
    List<Parameter<?>> parameters,
    List<Step> steps,
    List<VersionPlan> versionPlans,
    List<Node> nodes,
    List<Edge> edges) {

  public MigrationGraph {
    parameters = List.copyOf(parameters);
    steps = List.copyOf(steps);
    versionPlans = List.copyOf(versionPlans);
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** The node with this id. */
  public Optional<Node> node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
  }

  /** Nodes by id, in graph order (the first node of a duplicated id wins). */
  public Map<String, Node> nodesById() {
    Map<String, Node> byId = new LinkedHashMap<>();
    nodes.forEach(n -> byId.putIfAbsent(n.id(), n));
    return byId;
  }

  /** Every work step, inner steps of parallel groups included, in run order. */
  public List<Step> allWorkSteps() {
    List<Step> all = new ArrayList<>();
    for (Node n : nodes) {
      if (n instanceof Node.StepNode s) {
        all.add(s.step());
      }
    }
    return all;
  }

  /** Compensable steps in the order they complete; compensation runs them in reverse. */
  public List<Step> compensableInOrder() {
    List<Step> out = new ArrayList<>();
    for (Step s : steps) {
      for (List<Step> branch : s.branches()) {
        branch.stream().filter(i -> i.compensation().isPresent()).forEach(out::add);
      }
      if (s.compensation().isPresent()) {
        out.add(s);
      }
    }
    return out;
  }

  /** This graph with one more edge; used to check graphs not built by the DSL. */
  public MigrationGraph withEdge(Edge edge) {
    List<Edge> next = new ArrayList<>(edges);
    next.add(edge);
    return new MigrationGraph(name, description, parameters, steps, versionPlans, nodes, next);
  }

  /** The parameter with this name. */
  public Optional<Parameter<?>> parameter(String parameterName) {
    return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
  }
}
