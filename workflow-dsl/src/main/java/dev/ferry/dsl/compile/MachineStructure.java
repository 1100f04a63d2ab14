package dev.ferry.dsl.compile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the compiler built, besides the ASL: every state and its role, and per DSL step its states
 * by role and what they call. Planning, rehearsal, policy derivation and test mocks read this
 * rather than the states' {@code Comment}s, which are for people.
 *
 * @param states every state, parallel branches included, in definition order
 * @param steps the top-level steps in plan order, each followed by the steps of its branches,
 *     then the compensations in the order of the steps they undo
 */
public record MachineStructure(Map<String, StateInfo> states, List<StepStates> steps) {

  public MachineStructure {
    states = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(states));
    steps = List.copyOf(steps);
  }

  public Optional<StateInfo> state(String name) {
    return Optional.ofNullable(states.get(name));
  }

  /** The role of state {@code name}. */
  public StateRole role(String name) {
    StateInfo info = states.get(name);
    if (info == null) {
      throw new IllegalArgumentException("the machine has no state '" + name + "'");
    }
    return info.role();
  }

  /** The step state {@code name} belongs to; empty for the run's own states. */
  public Optional<String> stepOf(String name) {
    return state(name).flatMap(StateInfo::step);
  }

  public Optional<StepStates> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The top-level forward steps, in plan order. */
  public List<StepStates> topLevel() {
    return steps.stream().filter(StepStates::isTopLevel).toList();
  }

  /** Every compensation, in the order of the steps they undo (a rollback runs them last first). */
  public List<StepStates> compensations() {
    return steps.stream().filter(StepStates::isCompensation).toList();
  }

  /** Every call the machine makes, Ferry's own writes included, in definition order. */
  public List<Call> calls() {
    return states.values().stream().flatMap(s -> s.call().stream()).toList();
  }
}
