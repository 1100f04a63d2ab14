package dev.ferry.dsl.tasks;

import dev.ferry.dsl.JsonType;
import dev.ferry.dsl.LambdaFunction;
import dev.ferry.dsl.Ref;
import dev.ferry.dsl.ResultField;
import dev.ferry.dsl.TaskInput;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry-baseline-capture}: row count and checksum of each table, taken after the writers
 * are paused, for the verify to compare against. Read-only. Raises {@code
 * Ferry.DatabaseUnavailable}.
 */
public final class BaselineCapture extends TaskCall<BaselineCapture> {
  /** {table: {rows, checksum, columns}}: pass it to ferry-schema-verify. */
  public static final ResultField<Object> BASELINE = ResultField.object("baseline")
      .describedAs("{table: {rows, checksum, columns}}: pass it to ferry-schema-verify");

  /** The function: its name, inputs, results and errors. */
  public static final LambdaFunction FUNCTION = new LambdaFunction("ferry-baseline-capture",
      "Row count and checksum of each table, taken after the writers are paused, for the verify to compare against. Read-only.",
      List.of(
          TaskInput.required("secretArn", JsonType.STRING, "Secrets Manager ARN of the database credentials"),
          TaskInput.required("tables", JsonType.STRING_LIST, "the tables whose rows must survive")),
      List.of(BASELINE),
      List.of("Ferry.DatabaseUnavailable"),
      true);

  BaselineCapture(Map<String, Object> values) {
    super(values);
  }

  @Override
  public LambdaFunction function() {
    return FUNCTION;
  }

  @Override
  BaselineCapture with(Map<String, Object> values) {
    return new BaselineCapture(values);
  }

  /** Secrets Manager ARN of the database credentials (required). */
  public BaselineCapture secretArn(String value) {
    return set("secretArn", value);
  }

  /** {@link #secretArn(String)}, read at run time. */
  public BaselineCapture secretArn(Ref value) {
    return set("secretArn", value);
  }

  /** The tables whose rows must survive (required). */
  public BaselineCapture tables(List<String> value) {
    return set("tables", value);
  }

  /** {@link #tables(List)}, read at run time. */
  public BaselineCapture tables(Ref value) {
    return set("tables", value);
  }
}
