package dev.ferry.dsl;

import java.util.Objects;

/**
 * A payload field a shipped task takes.
 *
 * @param oneOf the name of a group of alternatives of which exactly one is given ({@code database}:
 *     an instance or a cluster identifier); empty when the input stands alone
 * @param fromExecution filled by Ferry from {@code $$.Execution.Name}, never by the caller
 */
public record TaskInput(String name, JsonType type, boolean required, String oneOf, boolean fromExecution, String description) {

  public TaskInput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(oneOf, "oneOf");
    Objects.requireNonNull(description, "description");
  }

  public static TaskInput required(String name, JsonType type, String description) {
    return new TaskInput(name, type, true, "", false, description);
  }

  public static TaskInput optional(String name, JsonType type, String description) {
    return new TaskInput(name, type, false, "", false, description);
  }

  /** One of a group of inputs of which exactly one must be given. */
  public static TaskInput oneOf(String group, String name, JsonType type, String description) {
    return new TaskInput(name, type, false, group, false, description);
  }

  /** {@code executionName}: the deterministic id idempotent tasks key their work on. */
  public static TaskInput executionName() {
    return new TaskInput("executionName", JsonType.STRING, true, "", true,
        "the execution's name, passed by Ferry; calls with the same name do the work once");
  }
}
