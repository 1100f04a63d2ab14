package dev.ferry.dsl.compile;

import dev.ferry.asl.ParallelState;
import dev.ferry.asl.State;
import dev.ferry.asl.StateMachine;
import dev.ferry.asl.TaskState;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.graph.MigrationGraph;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Collects what each state is as the lowering emits it, then builds the {@link MachineStructure}. */
final class StructureRecorder {
  private record Placed(StateRole role, Optional<String> step) {}

  private final MigrationGraph graph;
  private final Map<String, Integer> indexOf;
  private final Map<String, String> groupOf;
  private final Map<String, Placed> placed = new LinkedHashMap<>();
  private final Map<String, Set<String>> failureRecords = new LinkedHashMap<>();

  StructureRecorder(MigrationGraph graph, Map<String, Integer> indexOf, Map<String, String> groupOf) {
    this.graph = graph;
    this.indexOf = indexOf;
    this.groupOf = groupOf;
  }

  void role(String name, StateRole role, Optional<Step> step) {
    placed.put(name, new Placed(role, step.map(Step::id)));
  }

  /** {@code step}'s failures go to failure record {@code name}. */
  void failureRecordOf(Step step, String name) {
    failureRecords.computeIfAbsent(step.id(), k -> new LinkedHashSet<>()).add(name);
  }

  MachineStructure build(StateMachine machine) {
    Map<String, StateInfo> states = new LinkedHashMap<>();
    collect(machine.states(), states);
    List<StepStates> steps = new ArrayList<>();
    for (Step top : graph.steps()) {
      steps.add(stepStates(top, states, Optional.empty()));
      top.branches().forEach(branch -> branch.forEach(inner -> steps.add(stepStates(inner, states, Optional.empty()))));
    }
    for (Step undone : graph.compensableInOrder()) {
      steps.add(stepStates(undone.compensation().orElseThrow(), states, Optional.of(undone.id())));
    }
    return new MachineStructure(states, steps);
  }

  private void collect(Map<String, State> from, Map<String, StateInfo> into) {
    from.forEach((name, state) -> {
      Placed p = placed.get(name);
      if (p == null) {
        throw new IllegalStateException("state '" + name + "' was emitted without a role");
      }
      Optional<Call> call = state instanceof TaskState t
          ? Optional.of(new Call(name, Integrations.kindOf(t.resource()), functionOf(t), t))
          : Optional.empty();
      into.put(name, new StateInfo(name, p.role(), p.step(), call));
      if (state instanceof ParallelState par) {
        par.branches().forEach(b -> collect(b.states(), into));
      }
    });
  }

  private static Optional<String> functionOf(TaskState task) {
    return task.parameters()
        .map(p -> p.get("FunctionName"))
        .filter(f -> f.isTextual())
        .map(f -> f.asText());
  }

  private StepStates stepStates(Step step, Map<String, StateInfo> states, Optional<String> compensates) {
    Map<StateRole, List<String>> byRole = new EnumMap<>(StateRole.class);
    List<Call> calls = new ArrayList<>();
    states.values().stream().filter(s -> s.step().filter(step.id()::equals).isPresent()).forEach(s -> {
      if (s.role() != StateRole.FAILURE_RECORD) {
        byRole.computeIfAbsent(s.role(), r -> new ArrayList<>()).add(s.name());
      }
      s.call().filter(c -> s.role() != StateRole.RECORD && s.role() != StateRole.FAILURE_RECORD).ifPresent(calls::add);
    });
    List<String> failures = failureRecords.getOrDefault(step.id(), Set.of()).stream().filter(states::containsKey).toList();
    if (!failures.isEmpty()) {
      byRole.put(StateRole.FAILURE_RECORD, failures);
    }
    int index = compensates.map(indexOf::get).orElseGet(() -> indexOf.getOrDefault(step.id(), 0));
    return new StepStates(step.id(), step.kind(), index, Optional.ofNullable(groupOf.get(step.id())), compensates,
        step.compensation().map(Step::id),
        step.compensation().isPresent() && step.compensatesOwnFailure(), byRole, calls);
  }
}
