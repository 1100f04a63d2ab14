package dev.ferry.dsl.compile;

import dev.ferry.asl.State;
import dev.ferry.asl.StateMachine;
import dev.ferry.dsl.Step;
import dev.ferry.dsl.compile.StateNames.Failure;
import dev.ferry.dsl.graph.Edge;
import dev.ferry.dsl.graph.MigrationGraph;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lowers a validated graph to the ASL model, following the machine contract: input
 * normalisation ({@link InputLowering}), lock + first step start in one transaction ({@link
 * LockLowering}), per step a work state and one record state ({@link StepLowering}), failure
 * records, shared compensation chains and typed {@code Ferry.*} ends ({@link FailureLowering}), the
 * progress and audit items they write ({@link RecordItems}). This class holds what they share: the
 * graph's indexes, the states emitted so far, and the {@link MachineStructure} being recorded.
 */
final class Lowering {
  /** The {@code onSuccess} of a branch's last step: end the branch. */
  static final String END = "";

  /** Where a failure is routed; {@code null} when it propagates (inside a parallel branch). */
  interface Router {
    String route(Failure failure, boolean caught);
  }

  final MigrationGraph graph;
  final CompileOptions options;
  final Map<String, State> states = new LinkedHashMap<>();
  /** Failure records, written after the steps so the definition reads in run order. */
  final Map<String, State> failureStates = new LinkedHashMap<>();
  final List<Step> top;
  final Map<String, Integer> indexOf = new HashMap<>();
  final Map<String, String> groupOf = new HashMap<>();
  final Set<String> pollOnly = new HashSet<>();
  final List<Step> compensable;
  final Map<String, String> failureEdge = new HashMap<>();
  /** Compensable steps by the id of their compensation. */
  final Map<String, Step> undoneBy = new HashMap<>();
  /** How many compensable steps have completed once each top-level step has. */
  final Map<String, Integer> completedThrough = new HashMap<>();
  /** The result fields each step's readers need, checked right after the call. */
  final Map<String, ResultChecks> resultChecks;
  final StructureRecorder structure;
  final RecordItems items;
  final Payloads payloads;
  final FailureLowering failures;
  final StepLowering steps;

  Lowering(MigrationGraph graph, CompileOptions options) {
    this.graph = graph;
    this.options = options;
    this.top = graph.steps();
    this.compensable = graph.compensableInOrder();
    this.resultChecks = ResultChecks.all(graph);
    for (int i = 0; i < top.size(); i++) {
      Step step = top.get(i);
      indexOf.put(step.id(), i + 1);
      for (List<Step> branch : step.branches()) {
        for (Step inner : branch) {
          indexOf.put(inner.id(), i + 1);
          groupOf.put(inner.id(), step.id());
        }
      }
    }
    for (Step s : graph.allWorkSteps()) {
      if (s.action().isEmpty()) {
        pollOnly.add(s.id());
      }
    }
    compensable.forEach(s -> {
      if (s.compensation().get().action().isEmpty()) {
        pollOnly.add(s.compensation().get().id());
      }
    });
    compensable.forEach(s -> undoneBy.put(s.compensation().get().id(), s));
    int completed = 0;
    for (Step t : top) {
      for (List<Step> branch : t.branches()) {
        completed += (int) branch.stream().filter(s -> s.compensation().isPresent()).count();
      }
      if (t.compensation().isPresent()) {
        completed++;
      }
      completedThrough.put(t.id(), completed);
    }
    for (Edge e : graph.edges()) {
      if (e instanceof Edge.Failure f) {
        failureEdge.put(f.from(), f.to());
      }
    }
    this.structure = new StructureRecorder(graph, indexOf, groupOf);
    this.items = new RecordItems(graph.name(), options, indexOf);
    this.payloads = new Payloads(groupOf, pollOnly);
    this.failures = new FailureLowering(this);
    this.steps = new StepLowering(this);
  }

  /** The machine and what each of its states is. */
  CompiledParts lower() {
    new InputLowering(this).emit();
    new LockLowering(this).emit();
    for (int i = 0; i < top.size(); i++) {
      steps.emitTopStep(top.get(i), i);
    }
    failures.emitCompensations();
    failureStates.forEach(states::put);
    failures.emitEnds();
    StateMachine.Builder machine = StateMachine.builder(StateNames.DETECT_ENVELOPE)
        .comment("Ferry migration '" + graph.name() + "'"
            + (graph.description().isEmpty() ? "" : ": " + graph.description()));
    states.forEach(machine::state);
    StateMachine built = machine.build();
    return new CompiledParts(built, structure.build(built));
  }

  /** A machine and its structure, as lowered. */
  record CompiledParts(StateMachine machine, MachineStructure structure) {}

  /** Puts a top-level state, refusing a name generated twice, and records what it is. */
  void put(String name, State state, StateRole role, Optional<Step> step) {
    if (states.putIfAbsent(name, state) != null) {
      throw new IllegalStateException("state '" + name + "' generated twice");
    }
    structure.role(name, role, step);
  }

  /** Puts a state into {@code into} (the top level or a branch) and records what it is. */
  void place(Map<String, State> into, String name, State state, StateRole role, Step step) {
    into.put(name, state);
    structure.role(name, role, Optional.of(step));
  }

  /** Puts a failure record, emitted after the steps, and records what it is. */
  void placeFailure(String name, State state, Optional<Step> step) {
    failureStates.put(name, state);
    structure.role(name, StateRole.FAILURE_RECORD, step);
  }

  /** The first state of a step. */
  static String entry(Step step) {
    return step.action().isEmpty() ? StateNames.pollStart(step) : StateNames.work(step);
  }

  static String kind(Step step) {
    return step.kind().word();
  }
}
