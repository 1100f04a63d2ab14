package dev.ferry.dsl.graph;

import dev.ferry.contract.Trigger;
import dev.ferry.dsl.Parameter;
import dev.ferry.dsl.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Turns a migration's steps into its graph: nodes, happy edges, failure and compensation chains. */
public final class GraphAssembler {
  private GraphAssembler() {}

  public static MigrationGraph assemble(
      String name,
      String description,
      List<Parameter<?>> parameters,
      List<Step> steps,
      List<VersionPlan> versionPlans,
      Optional<MigrationGraph.AlreadyDone> alreadyDone,
      Optional<String> declaredPointOfNoReturn,
      Set<Trigger> startedBy) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    Node start = new Node.Start();
    nodes.add(start);
    String previous = start.id();
    List<Step> completedCompensable = new ArrayList<>();
    for (Step step : steps) {
      nodes.add(new Node.StepNode(step, Optional.empty(), 0));
      edges.add(new Edge.Happy(previous, step.id()));
      String failureTarget = failureTarget(step, completedCompensable);
      edges.add(new Edge.Failure(step.id(), failureTarget));
      if (step.poll().isPresent()) {
        edges.add(new Edge.PollLoop(step.id()));
      }
      previous = step.id();
      if (!step.branches().isEmpty()) {
        Node.Join join = new Node.Join(step.id());
        List<Step> innerCompensable = new ArrayList<>();
        for (int b = 0; b < step.branches().size(); b++) {
          String branchPrevious = step.id();
          for (Step inner : step.branches().get(b)) {
            nodes.add(new Node.StepNode(inner, Optional.of(step.id()), b));
            edges.add(new Edge.Happy(branchPrevious, inner.id()));
            edges.add(new Edge.Failure(inner.id(), failureTarget));
            if (inner.poll().isPresent()) {
              edges.add(new Edge.PollLoop(inner.id()));
            }
            inner.compensation().ifPresent(c -> innerCompensable.add(inner));
            branchPrevious = inner.id();
          }
          edges.add(new Edge.Happy(branchPrevious, join.id()));
        }
        nodes.add(join);
        previous = join.id();
        completedCompensable.addAll(innerCompensable);
      }
      if (step.compensation().isPresent()) {
        completedCompensable.add(step);
      }
    }
    Node succeeded = new Node.Succeeded();
    Node failed = new Node.Failed();
    nodes.add(succeeded);
    nodes.add(failed);
    edges.add(new Edge.Happy(previous, succeeded.id()));
    String next = failed.id();
    for (Step s : completedCompensable) {
      Step undo = s.compensation().orElseThrow();
      nodes.add(new Node.CompensationNode(undo, s.id()));
    }
    for (int i = 0; i < completedCompensable.size(); i++) {
      Step undo = completedCompensable.get(i).compensation().orElseThrow();
      edges.add(new Edge.Compensation(undo.id(), next));
      next = undo.id();
    }
    return new MigrationGraph(name, description, parameters, steps, versionPlans, nodes, edges, alreadyDone,
        declaredPointOfNoReturn, startedBy);
  }

  private static String failureTarget(Step step, List<Step> completedCompensable) {
    if (step.compensatesOwnFailure() && step.compensation().isPresent()) {
      return step.compensation().get().id();
    }
    return completedCompensable.isEmpty()
        ? new Node.Failed().id()
        : completedCompensable.getLast().compensation().orElseThrow().id();
  }
}
