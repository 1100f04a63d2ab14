package dev.ferry.deploy.rehearse;

import dev.ferry.deploy.CompiledMachine;
import dev.ferry.dsl.compile.CallKind;
import dev.ferry.dsl.compile.MachineStructure;
import dev.ferry.dsl.compile.StepStates;
import java.util.List;

/**
 * A forward work step of a compiled machine, as the rehearsal injects faults into it.
 *
 * @param id the DSL step id
 * @param function the Lambda function its work state calls
 * @param throttleAttempts how many attempts its Retry makes on {@code Lambda.TooManyRequestsException}
 *     (1 when it does not retry it)
 */
public record WorkStep(String id, String function, int throttleAttempts) {

  /**
   * The top-level steps whose work state calls a Lambda function, in plan order (compensations are
   * not: they are recorded as compensated, never as progress), from the compiler's structure.
   */
  public static List<WorkStep> of(CompiledMachine machine) {
    return of(machine.requireStructure(), machine.migration());
  }

  static List<WorkStep> of(MachineStructure structure, String migration) {
    List<WorkStep> steps = structure.topLevel().stream()
        .filter(s -> s.record().isPresent())
        .flatMap(s -> s.workCall().filter(c -> c.kind() == CallKind.LAMBDA && c.function().isPresent())
            .map(c -> new WorkStep(s.id(), c.function().get(), c.attemptsOn("Lambda.TooManyRequestsException"))).stream())
        .toList();
    if (steps.isEmpty()) {
      // A rehearsal with no step to fault would pass without testing anything.
      throw new IllegalArgumentException("the compiled " + migration + " has no top-level step that calls a Lambda"
          + " function (steps: " + String.join(", ", structure.topLevel().stream().map(StepStates::id).toList())
          + "): there is nothing to inject faults into");
    }
    return steps;
  }
}
