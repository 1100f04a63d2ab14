package dev.ferry.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to put on a target: the compiled machine, the Lambda functions it calls (from the tasks
 * jar) and an optional schedule.
 */
public record DeployRequest(
    CompiledMachine machine, Optional<Path> tasksJar, List<FunctionSpec> functions, Optional<ScheduleSpec> schedule) {
  public DeployRequest {
    functions = List.copyOf(functions);
    if (!functions.isEmpty() && tasksJar.isEmpty()) {
      throw FerryException.badInput("functions to deploy were given without the tasks jar",
          "pass --tasks-jar with the path of the built tasks jar");
    }
    schedule.ifPresent(s -> s.requireParametersOf(machine));
  }
}
