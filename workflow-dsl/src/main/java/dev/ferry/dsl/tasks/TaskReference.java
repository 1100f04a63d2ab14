package dev.ferry.dsl.tasks;

import dev.ferry.dsl.ApprovalStep;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The reference of the task library, {@code src/docs/tasks.md}, written from the typed tasks
 * themselves: for each function, how to call it, its inputs, its result fields and its errors.
 */
public final class TaskReference {
  private TaskReference() {}

  /** The reference as Markdown. */
  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Ferry's task library\n\n")
        .append("<!-- Generated from dev.ferry.dsl.tasks (TaskReference); do not edit. Regenerate with\n")
        .append("     mvn -pl workflow-dsl -Dtest=TaskReferenceTest -Dferry.update-docs=true test -->\n\n")
        .append("The Lambda functions shipped in Ferry's `tasks` jar, as the DSL calls them. Start a call with its\n")
        .append("`FerryTasks` factory and set its inputs with the methods of the same names; Ferry passes\n")
        .append("`executionName` itself. Read a result through the task's constants, in expectations, poll\n")
        .append("conditions and later steps:\n\n")
        .append("```java\n")
        .append("BackupStep snapshot = Step.backup(\"snapshot-database\")\n")
        .append("    .invoke(FerryTasks.snapshotCreate().dbInstanceIdentifier(param(\"dbInstanceIdentifier\")))\n")
        .append("    .pollUntil(self -> Poll.with(FerryTasks.snapshotStatus().snapshotId(self.output(SnapshotCreate.SNAPSHOT_ID)))\n")
        .append("        .until(Condition.equals(SnapshotStatus.STATUS, SnapshotState.AVAILABLE)));\n")
        .append("```\n\n")
        .append("A required input left out, an input the function does not take, a result field it does not return\n")
        .append("and a value it never returns each fail the build, naming the step. Every function also fails with\n")
        .append("`Ferry.InvalidInput`, naming the field, when its payload lacks a required field or has a malformed\n")
        .append("one, before any side effect.\n");
    Map<String, String> factories = factories();
    for (LambdaFunction f : FerryTasks.all()) {
      md.append("\n## `").append(f.name()).append("`\n\n").append(f.description()).append("\n\n");
      Optional<Class<?>> type = taskClass(f);
      md.append(factories.containsKey(f.name())
          ? "Call: `FerryTasks." + factories.get(f.name()) + "()`; results: `" + type.map(Class::getSimpleName).orElseThrow() + ".*`.\n\n"
          : f == FerryTasks.APPROVAL_REQUEST
              ? "Called by approval steps: `Step.approval(id, message)`; results: `ApprovalStep.*`.\n\n"
              : f == FerryTasks.APPROVAL_HEARTBEAT
                  ? "Run on a schedule, not by machines; results: `FerryTasks.*`.\n\n"
              : f == FerryTasks.LOCK_HOLDER
                  ? "Called by the lock states of every machine when the lock is refused; results: `FerryTasks.*`.\n\n"
                  : "Called by EventBridge, not by machines; results: `FerryTasks.*`.\n\n");
      md.append(f.inputs().isEmpty() ? "It takes no input.\n" : "| input | type | required | meaning |\n|---|---|---|---|\n");
      for (TaskInput i : f.inputs()) {
        md.append("| `").append(i.name()).append("` | ").append(i.type().words()).append(" | ")
            .append(i.fromExecution() ? "passed by Ferry" : i.required() ? "yes" : i.oneOf().isEmpty() ? "no" : "one of " + group(f, i.oneOf()))
            .append(" | ").append(cell(i.description())).append(" |\n");
      }
      md.append("\n| result field | constant | type | meaning |\n|---|---|---|---|\n");
      Class<?> owner = type.orElse(f == FerryTasks.APPROVAL_REQUEST ? ApprovalStep.class : FerryTasks.class);
      for (ResultField<?> r : f.results()) {
        md.append("| `").append(r.path()).append("` | `").append(owner.getSimpleName()).append('.').append(constant(owner, r))
            .append("` | ").append(r.type().words())
            .append(r.values().isEmpty() ? "" : ": " + r.values().stream().map(v -> "`" + v + "`").collect(Collectors.joining(", ")))
            .append(" | ").append(cell(r.description())).append(" |\n");
      }
      md.append("\nErrors: ").append(f.errors().isEmpty() ? "none of its own"
          : f.errors().stream().map(e -> "`" + e + "`").collect(Collectors.joining(", "))).append(".\n");
    }
    return md.toString();
  }

  private static String group(LambdaFunction f, String group) {
    return f.inputs().stream().filter(i -> i.oneOf().equals(group)).map(i -> "`" + i.name() + "`")
        .collect(Collectors.joining(", "));
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  /** Function name to the {@link FerryTasks} factory that starts its call. */
  private static Map<String, String> factories() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Method m : FerryTasks.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && TaskCall.class.isAssignableFrom(m.getReturnType())) {
        try {
          out.put(((TaskCall<?>) m.invoke(null)).function().name(), m.getName());
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("FerryTasks." + m.getName() + "() cannot be called", e);
        }
      }
    }
    return out;
  }

  private static Optional<Class<?>> taskClass(LambdaFunction f) {
    return Arrays.stream(TaskCall.class.getPermittedSubclasses())
        .filter(c -> f.equals(staticValue(c, "FUNCTION")))
        .findFirst();
  }

  private static String constant(Class<?> owner, ResultField<?> field) {
    return Arrays.stream(owner.getFields())
        .filter(c -> Modifier.isStatic(c.getModifiers()) && field.equals(staticValue(owner, c.getName())))
        .map(Field::getName).findFirst()
        .orElseThrow(() -> new IllegalStateException(owner.getSimpleName() + " has no constant for result field " + field.path()));
  }

  private static Object staticValue(Class<?> owner, String name) {
    try {
      return owner.getField(name).get(null);
    } catch (ReflectiveOperationException e) {
      return List.of();
    }
  }
}
