package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-writers-resume}: puts back exactly the state the pause recorded. Raises no error of
 * its own.
 */
public final class WritersResume extends TaskCall<WritersResume> {
  /** The names of the writers resumed. */
  public static final ResultField<List<String>> RESUMED = ResultField.stringList("resumed")
      .describedAs("the names of the writers resumed");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-writers-resume",
      "Puts back exactly the state the pause recorded.",
      List.of(
          TaskInput.required("paused", JsonType.OBJECT_LIST, "the pause step's paused result")),
      List.of(RESUMED),
      List.of(),
      true);

  WritersResume(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  WritersResume with(Map<String, Object> values) {
    return new WritersResume(values);
  }

  /** The pause step's paused result (required). */
  public WritersResume paused(List<?> value) {
    return set("paused", value);
  }

  /** {@link #paused(List)}, read at run time. */
  public WritersResume paused(Ref value) {
    return set("paused", value);
  }
}
