package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-writers-pause}: stops every writer (a Lambda consumer, an ECS service, a local
 * writer) and returns what each looked like before. Raises {@code Ferry.WriterNotFound}.
 */
public final class WritersPause extends TaskCall<WritersPause> {
  /** The recorded prior state of each writer: pass it to ferry-writers-resume. */
  public static final ResultField<List<Object>> PAUSED = ResultField.objectList("paused")
      .describedAs("the recorded prior state of each writer: pass it to ferry-writers-resume");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-writers-pause",
      "Stops every writer (a Lambda consumer, an ECS service, a local writer) and returns what each looked like before.",
      List.of(
          TaskInput.required("writers", JsonType.OBJECT_LIST, "the writers: [{\"type\": \"lambda\"|\"ecs\"|\"local\", \"name\": ..., \"cluster\": ...}]")),
      List.of(PAUSED),
      List.of("Ferry.WriterNotFound"),
      true);

  WritersPause(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  WritersPause with(Map<String, Object> values) {
    return new WritersPause(values);
  }

  /** The writers: [{"type": "lambda"|"ecs"|"local", "name": ..., "cluster": ...}] (required). */
  public WritersPause writers(List<?> value) {
    return set("writers", value);
  }

  /** {@link #writers(List)}, read at run time. */
  public WritersPause writers(Ref value) {
    return set("writers", value);
  }
}
