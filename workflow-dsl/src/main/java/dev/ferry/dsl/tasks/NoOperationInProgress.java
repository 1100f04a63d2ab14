package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-guard-no-operation-in-progress}: fails, naming the holder, when any item of the
 * table has statusAttribute set to one of inProgressValues. Read-only. Raises {@code
 * Ferry.OperationInProgress}, {@code Ferry.TableNotFound}.
 */
public final class NoOperationInProgress extends TaskCall<NoOperationInProgress> {
  /** True when no operation is in progress. */
  public static final ResultField<Boolean> OK = ResultField.bool("ok")
      .describedAs("true when no operation is in progress");

  /** The key of the item in progress, if any. */
  public static final ResultField<String> HOLDER = ResultField.string("holder")
      .describedAs("the key of the item in progress, if any");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-guard-no-operation-in-progress",
      "Fails, naming the holder, when any item of the table has statusAttribute set to one of inProgressValues. Read-only.",
      List.of(
          TaskInput.required("tableName", JsonType.STRING, "the table to scan"),
          TaskInput.required("statusAttribute", JsonType.STRING, "the attribute holding an operation's status"),
          TaskInput.required("inProgressValues", JsonType.STRING_LIST, "the statuses of an operation in progress")),
      List.of(OK, HOLDER),
      List.of("Ferry.OperationInProgress", "Ferry.TableNotFound"),
      true);

  NoOperationInProgress(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  NoOperationInProgress with(Map<String, Object> values) {
    return new NoOperationInProgress(values);
  }

  /** The table to scan (required). */
  public NoOperationInProgress tableName(String value) {
    return set("tableName", value);
  }

  /** {@link #tableName(String)}, read at run time. */
  public NoOperationInProgress tableName(Ref value) {
    return set("tableName", value);
  }

  /** The attribute holding an operation's status (required). */
  public NoOperationInProgress statusAttribute(String value) {
    return set("statusAttribute", value);
  }

  /** {@link #statusAttribute(String)}, read at run time. */
  public NoOperationInProgress statusAttribute(Ref value) {
    return set("statusAttribute", value);
  }

  /** The statuses of an operation in progress (required). */
  public NoOperationInProgress inProgressValues(List<String> value) {
    return set("inProgressValues", value);
  }

  /** {@link #inProgressValues(List)}, read at run time. */
  public NoOperationInProgress inProgressValues(Ref value) {
    return set("inProgressValues", value);
  }
}
