package dev.ferry.machines.examples;

import dev.ferry.dsl.compile.CompiledMigration;
import dev.ferry.dsl.compile.StateRole;
import java.util.List;
import java.util.Optional;

/**
 * A Task state of a compiled machine, found anywhere in it (Parallel branches included), with the
 * step it belongs to and its role, as the compiler's structure says.
 *
 * @param functionName the Lambda's name for the Lambda integrations, else empty
 * @param stepId the DSL step the state belongs to; empty for Ferry's injected states (lock, input)
 *     and shared failure records
 */
record TaskState(String name, String resource, Optional<String> functionName, Optional<String> stepId, StateRole role) {

  /** What a mocked response is looked up by: the function name, else the resource ARN. */
  String target() {
    return functionName.orElse(resource);
  }

  boolean isLambdaInvoke() {
    return resource.equals("arn:aws:states:::lambda:invoke");
  }

  boolean isWork() {
    return role == StateRole.WORK;
  }

  /** Every Task state of {@code compiled}, in definition order. */
  static List<TaskState> of(CompiledMigration compiled) {
    return compiled.structure().states().values().stream()
        .flatMap(s -> s.call().map(c -> new TaskState(s.name(), c.resource(), c.function(), s.step(), s.role())).stream())
        .toList();
  }
}
