package dev.ferry.dsl.graph;

import dev.ferry.contract.Trigger;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable migration: its parameters, its steps in run order, and the graph of nodes (typed
 * steps, compensations, start and ends) with happy, failure, compensation and polling edges.
 * Built by {@link dev.ferry.dsl.Migration}; validated by {@link
 * dev.ferry.dsl.validate.MigrationValidator}; lowered by {@link dev.ferry.dsl.compile.Compiler}.
 *
 * @param declaredPointOfNoReturn the step declared with {@code Migration.pointOfNoReturnAfter}, if any
 * @param startedBy how the migration declares it is started ({@code Migration.startedBy}); empty
 *     when it does not say; the warnings read it
 */
public record MigrationGraph(
    String name,
    String description,
    List<Parameter<?>> parameters,
    List<Step> steps,
    List<VersionPlan> versionPlans,
    List<Node> nodes,
    List<Edge> edges,
    Optional<AlreadyDone> alreadyDone,
    Optional<String> declaredPointOfNoReturn,
    Set<Trigger> startedBy) {

  /**
   * How a run tells its target is already where the migration would take it: the first step, a
   * guard run right after the lock and before any pause, backup or change, whose result meeting
   * {@code done} ends the run SUCCEEDED with nothing done.
   */
  public record AlreadyDone(String checkStep, dev.ferry.dsl.Condition done) {}

  public MigrationGraph {
    startedBy = Set.copyOf(startedBy);
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

  /**
   * The top-level step after which a failure is no longer compensated: the one declared with
   * {@code Migration.pointOfNoReturnAfter}, else by default the last verify (once it has passed,
   * the safe move is forward) or, when earlier, the first irreversible step (once it has run, what
   * came before cannot be put back). Later failures are retried, then end the run with {@code
   * Ferry.Incomplete}, lock kept. Empty when the migration has none of them.
   */
  public Optional<Step> pointOfNoReturn() {
    Optional<Step> declared = declaredPointOfNoReturn.flatMap(id -> steps.stream().filter(s -> s.id().equals(id)).findFirst());
    return declared.isPresent() ? declared : defaultPointOfNoReturn();
  }

  /** Whether {@link #pointOfNoReturn()} is the declared one rather than the default rule's. */
  public boolean pointOfNoReturnDeclared() {
    return declaredPointOfNoReturn.isPresent() && pointOfNoReturn().map(s -> s.id().equals(declaredPointOfNoReturn.get())).orElse(false);
  }

  /** The point of no return by the default rule: the last verify, or the first irreversible step when earlier. */
  public Optional<Step> defaultPointOfNoReturn() {
    int line = -1;
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      if (s.kind() == dev.ferry.dsl.StepKind.VERIFY) {
        line = i;
      }
    }
    int irreversible = firstIrreversible();
    if (irreversible >= 0) {
      line = line < 0 ? irreversible : Math.min(line, irreversible);
    }
    return line < 0 ? Optional.empty() : Optional.of(steps.get(line));
  }

  /** The first top-level step that is irreversible or holds an irreversible step. */
  public Optional<Step> firstIrreversibleStep() {
    int i = firstIrreversible();
    return i < 0 ? Optional.empty() : Optional.of(steps.get(i));
  }

  private int firstIrreversible() {
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      if (s.isIrreversible() || s.branches().stream().flatMap(List::stream).anyMatch(Step::isIrreversible)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The top-level steps before {@code stepId} that change the target (a backup, pause, upgrade or
   * resume, a step with a compensation or an irreversible one, or a group holding one), in run
   * order. For an inner step of a parallel group: those before the group.
   */
  public List<Step> changesBefore(String stepId) {
    List<Step> out = new ArrayList<>();
    for (Step s : steps) {
      if (s.id().equals(stepId) || s.branches().stream().flatMap(List::stream).anyMatch(i -> i.id().equals(stepId))) {
        return out;
      }
      if (changes(s) || s.branches().stream().flatMap(List::stream).anyMatch(MigrationGraph::changes)) {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean changes(Step s) {
    return s.kind().changesTarget() || s.compensation().isPresent() || s.isIrreversible();
  }

  /** The top-level steps after {@link #pointOfNoReturn()}, in run order. */
  public List<Step> afterPointOfNoReturn() {
    return pointOfNoReturn().map(line -> steps.subList(steps.indexOf(line) + 1, steps.size())).orElse(List.of());
  }

  /** This graph with one more edge; used to check graphs not built by the DSL. */
  public MigrationGraph withEdge(Edge edge) {
    List<Edge> next = new ArrayList<>(edges);
    next.add(edge);
    return new MigrationGraph(name, description, parameters, steps, versionPlans, nodes, next, alreadyDone,
        declaredPointOfNoReturn, startedBy);
  }

  /** The parameter with this name. */
  public Optional<Parameter<?>> parameter(String parameterName) {
    return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
  }
}
