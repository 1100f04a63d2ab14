package dev.ferry.deploy.rehearse;

import dev.ferry.dsl.compile.Call;
import dev.ferry.dsl.compile.CallKind;
import dev.ferry.dsl.compile.MachineStructure;
import dev.ferry.dsl.compile.StateNames;
import dev.ferry.dsl.compile.StepStates;
import java.util.List;
import java.util.Optional;

/**
 * A top-level step of a compiled machine as the rehearsal faults it, read from the compiler's
 * structure.
 *
 * @param step the step and its states
 * @param function the Lambda function its work state calls
 * @param firstCompensation the compensation its failure runs first (its own when it compensates its
 *     own failure, else that of the last compensable step completed before it); empty when its
 *     failure undoes nothing
 */
public record FaultPoint(StepStates step, String function, Optional<StepStates> firstCompensation) {

  public String id() {
    return step.id();
  }

  /** How many attempts the work state's Retry makes when Lambda throttles every one. */
  public int throttleAttempts() {
    return step.workCall().map(c -> c.attemptsOn("Lambda.TooManyRequestsException")).orElse(1);
  }

  /** The function the first compensation's work state calls, if it calls one. */
  public Optional<String> compensationFunction() {
    return firstCompensation.flatMap(StepStates::workCall).flatMap(Call::function);
  }

  /**
   * The top-level steps whose work state calls a Lambda function (a task or an approval), in plan
   * order: what a rehearsal injects faults into.
   */
  public static List<FaultPoint> of(MachineStructure structure) {
    List<StepStates> compensations = structure.compensations();
    return structure.topLevel().stream()
        .flatMap(s -> s.workCall()
            .filter(c -> c.kind() == CallKind.LAMBDA || c.kind() == CallKind.LAMBDA_CALLBACK)
            .flatMap(Call::function)
            .map(f -> new FaultPoint(s, f, firstCompensation(s, structure, compensations))).stream())
        .toList();
  }

  private static Optional<StepStates> firstCompensation(StepStates step, MachineStructure structure,
      List<StepStates> compensations) {
    // Past the point of no return a failure is retried and recorded incomplete, never compensated.
    if (step.failureRecords().stream().anyMatch(r -> r.startsWith(StateNames.recordIncomplete(step.id())))) {
      return Optional.empty();
    }
    if (step.compensatesOwnFailure()) {
      return step.compensation().flatMap(structure::step);
    }
    Optional<StepStates> last = Optional.empty();
    for (StepStates undo : compensations) {
      if (undo.index() < step.index()) {
        last = Optional.of(undo);
      }
    }
    return last;
  }
}
