package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-lambda-alias-rollback}: points the alias back at the version it had before the
 * publish. Raises {@code Ferry.FunctionNotFound}.
 */
public final class LambdaAliasRollback extends TaskCall<LambdaAliasRollback> {
  /** The version the alias points at now. */
  public static final ResultField<String> VERSION = ResultField.string("version")
      .describedAs("the version the alias points at now");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-lambda-alias-rollback",
      "Points the alias back at the version it had before the publish.",
      List.of(
          TaskInput.required("functionName", JsonType.STRING, "the function"),
          TaskInput.required("alias", JsonType.STRING, "the alias to move back"),
          TaskInput.required("previousVersion", JsonType.STRING, "the publish step's previousVersion result")),
      List.of(VERSION),
      List.of("Ferry.FunctionNotFound"),
      true);

  LambdaAliasRollback(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  LambdaAliasRollback with(Map<String, Object> values) {
    return new LambdaAliasRollback(values);
  }

  /** The function (required). */
  public LambdaAliasRollback functionName(String value) {
    return set("functionName", value);
  }

  /** {@link #functionName(String)}, read at run time. */
  public LambdaAliasRollback functionName(Ref value) {
    return set("functionName", value);
  }

  /** The alias to move back (required). */
  public LambdaAliasRollback alias(String value) {
    return set("alias", value);
  }

  /** {@link #alias(String)}, read at run time. */
  public LambdaAliasRollback alias(Ref value) {
    return set("alias", value);
  }

  /** The publish step's previousVersion result (required). */
  public LambdaAliasRollback previousVersion(String value) {
    return set("previousVersion", value);
  }

  /** {@link #previousVersion(String)}, read at run time. */
  public LambdaAliasRollback previousVersion(Ref value) {
    return set("previousVersion", value);
  }
}
