package dev.ferry.dsl.compile;

import dev.ferry.dsl.StepKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The states the compiler made for one DSL step, by role.
 *
 * @param id the step's id
 * @param kind the step's kind
 * @param index its 1-based place in the plan; the steps of a parallel group share the group's,
 *     a compensation has that of the step it undoes
 * @param group the parallel group whose branch holds it
 * @param compensates for a compensation, the step it undoes
 * @param compensation the step that undoes it, when it is compensable
 * @param compensatesOwnFailure whether its compensation also runs when it fails itself (a step that
 *     may leave partial work behind), not only when a later step fails
 * @param states the names of its states by role, each list in definition order
 * @param calls what its Task states call, in definition order
 */
public record StepStates(
    String id,
    StepKind kind,
    int index,
    Optional<String> group,
    Optional<String> compensates,
    Optional<String> compensation,
    boolean compensatesOwnFailure,
    Map<StateRole, List<String>> states,
    List<Call> calls) {

  public StepStates {
    states = Map.copyOf(states);
    calls = List.copyOf(calls);
  }

  /** Its states with {@code role}, in definition order. */
  public List<String> states(StateRole role) {
    return states.getOrDefault(role, List.of());
  }

  /** Whether it undoes another step rather than moving the migration forward. */
  public boolean isCompensation() {
    return compensates.isPresent();
  }

  /** A top-level forward step: recorded done by its own progress write. */
  public boolean isTopLevel() {
    return group.isEmpty() && compensates.isEmpty();
  }

  /** Its first work state: the call (or Parallel state) the step starts with. */
  public String work() {
    return states(StateRole.WORK).getFirst();
  }

  /** The call its work state makes; empty for a parallel group. */
  public Optional<Call> workCall() {
    String work = work();
    return calls.stream().filter(c -> c.state().equals(work)).findFirst();
  }

  /** The states that check its result and expectations. */
  public List<String> checks() {
    return states(StateRole.CHECK);
  }

  /** The state that records it done (for a compensation: the undone step compensated); empty inside a parallel branch. */
  public Optional<String> record() {
    return states(StateRole.RECORD).stream().findFirst();
  }

  /** The failure records its failures go to (shared with the steps that start compensation at the same place). */
  public List<String> failureRecords() {
    return states(StateRole.FAILURE_RECORD);
  }
}
