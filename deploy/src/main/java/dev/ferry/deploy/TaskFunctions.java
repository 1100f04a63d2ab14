package dev.ferry.deploy;

import dev.ferry.dsl.tasks.FerryTasks;
import dev.ferry.tasks.TaskCatalog;
import dev.ferry.tasks.TaskFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The tasks jar's Lambda functions a compiled machine calls, from {@link TaskCatalog}. */
public final class TaskFunctions {

  private TaskFunctions() {}

  /**
   * The catalogue functions whose name a task state of {@code machine} invokes, with their sizing;
   * with an approval, also {@code ferry-approval-heartbeat}, which keeps its wait alive.
   */
  public static List<FunctionSpec> calledBy(CompiledMachine machine) {
    Set<String> called = machine.taskStates().stream()
        .map(t -> t.parameters().path("FunctionName").asText(""))
        .filter(n -> !n.isEmpty())
        .collect(Collectors.toCollection(HashSet::new));
    if (called.contains(FerryTasks.APPROVAL_REQUEST.name())) {
      called.add(FerryTasks.APPROVAL_HEARTBEAT.name());
    }
    return TaskCatalog.functions().stream()
        .filter(f -> called.contains(f.name()))
        .map(TaskFunctions::spec)
        .toList();
  }

  /**
   * The functions a deploy of {@code machine} puts up: the ones it calls, and {@code
   * ferry-execution-ended}, which records its runs that end where the machine cannot.
   */
  public static List<FunctionSpec> deployedFor(CompiledMachine machine) {
    return withExecutionEnded(calledBy(machine));
  }

  /** {@code functions} and {@code ferry-execution-ended}, once. */
  public static List<FunctionSpec> withExecutionEnded(List<FunctionSpec> functions) {
    if (functions.stream().anyMatch(f -> f.name().equals(FerryTasks.EXECUTION_ENDED.name()))) {
      return functions;
    }
    TaskFunction<?, ?> ended = TaskCatalog.function(FerryTasks.EXECUTION_ENDED.name()).orElseThrow(
        () -> new IllegalStateException("the task catalogue lacks " + FerryTasks.EXECUTION_ENDED.name()));
    return Stream.concat(functions.stream(), Stream.of(spec(ended))).toList();
  }

  private static FunctionSpec spec(TaskFunction<?, ?> f) {
    return new FunctionSpec(f.name(), f.handler(), f.memoryMb(), f.timeoutSeconds());
  }

  /** The Lambda jar the build writes ({@code tasks/target/tasks-*-lambda.jar}) under {@code root}. */
  public static Optional<Path> builtJar(Path root) {
    Path target = root.resolve("tasks").resolve("target");
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(p -> p.getFileName().toString().matches("tasks-.*-lambda\\.jar")).findFirst();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }
}
