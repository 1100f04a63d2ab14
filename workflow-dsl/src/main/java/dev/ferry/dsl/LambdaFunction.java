package dev.ferry.dsl;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Lambda function a migration calls, with the fields it returns. Ferry's shipped tasks are in
 * {@link dev.ferry.dsl.tasks.FerryTasks}; a user's own function is declared once, with its name and
 * its result fields, and called through that declaration:
 *
 * <pre>{@code
 * static final ResultField<Boolean> UP_TO_DATE = ResultField.bool("final-status.is_up_to_date");
 * static final LambdaFunction EXECUTE_DB_MIGRATION =
 *     LambdaFunction.named("ExecuteDBMigration").returns(UP_TO_DATE);
 * ... Step.upgrade("upgrade-schema").invoke(EXECUTE_DB_MIGRATION.call()).expect(Condition.isTrue(UP_TO_DATE))
 * }</pre>
 *
 * A step that reads a field its function does not return fails the build ({@link
 * dev.ferry.dsl.validate.Rule#UNKNOWN_RESULT_FIELD}).
 *
 * @param inputs the payload fields it takes; empty for a user's function (its payload is not checked)
 * @param errors the error names it raises, for the task reference
 * @param shipped one of Ferry's own task functions (the validator checks it against the catalogue)
 */
public record LambdaFunction(
    String name, String description, List<TaskInput> inputs, List<ResultField<?>> results, List<String> errors, boolean shipped) {

  public LambdaFunction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    inputs = List.copyOf(inputs);
    results = List.copyOf(results);
    errors = List.copyOf(errors);
  }

  /** Starts the declaration of a user's own function; it can be called once its results are declared. */
  public static Declaration named(String name) {
    return new Declaration(name, "");
  }

  /** A call with an empty payload. */
  public Action.LambdaInvoke call() {
    return call(Payload.empty());
  }

  public Action.LambdaInvoke call(Payload payload) {
    return new Action.LambdaInvoke(this, payload);
  }

  /** The declared field a read of {@code path} falls in, if any. */
  public Optional<ResultField<?>> result(String path) {
    return results.stream().filter(r -> r.covers(path)).findFirst();
  }

  public Optional<TaskInput> input(String inputName) {
    return inputs.stream().filter(i -> i.name().equals(inputName)).findFirst();
  }

  /** A user's function being declared: give it the fields it returns. */
  public record Declaration(String name, String description) {
    public Declaration {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
    }

    public Declaration describedAs(String text) {
      return new Declaration(name, text);
    }

    /** The function, returning these fields (and no others a step may read). */
    public LambdaFunction returns(ResultField<?>... fields) {
      return new LambdaFunction(name, description, List.of(), Arrays.asList(fields), List.of(), false);
    }

    /** The function, returning nothing a step reads. */
    public LambdaFunction returnsNothing() {
      return returns();
    }
  }
}
